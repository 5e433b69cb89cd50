package org.jvirt.conf;

import java.util.BitSet;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * libvirt's bitmaps in their text form, as cpusets and nodesets are written ("0-3,^2,8"): virBitmapParse and
 * virBitmapFormat, in one place.
 */
public final class CpuSets {

    private CpuSets() {
    }

    /**
     * Parses a set: comma-separated numbers and ranges, "^N" removes N. Fails as virBitmapParse does
     * ("Failed to parse bitmap '...'") on anything else or a number at or over {@code size}.
     */
    public static BitSet parse(String text, int size) {
        BitSet out = new BitSet();
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw bad(text);
        }
        for (String part : s.split(",", -1)) {
            String p = part.strip();
            boolean neg = p.startsWith("^");
            if (neg) {
                p = p.substring(1);
            }
            int dash = p.indexOf('-');
            Integer lo;
            Integer hi;
            if (dash >= 0 && !neg) {
                lo = StrToLong.toInt(p.substring(0, dash).strip());
                hi = StrToLong.toInt(p.substring(dash + 1).strip());
            } else {
                lo = StrToLong.toInt(p);
                hi = lo;
            }
            if (lo == null || hi == null) {
                throw bad(text);
            }
            if (lo < 0 || hi < lo || hi >= size) {
                throw bad(text);
            }
            if (neg) {
                out.clear(lo);
            } else {
                out.set(lo, hi + 1);
            }
        }
        return out;
    }

    private static VirtException bad(String text) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "Failed to parse bitmap '%s'", text);
    }

    /** virBitmapFormat: maximal ranges in order ("0-1,4"); the empty set is "". */
    public static String format(BitSet set) {
        StringBuilder sb = new StringBuilder();
        int i = set.nextSetBit(0);
        while (i >= 0) {
            int end = set.nextClearBit(i) - 1;
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = set.nextSetBit(end + 1);
        }
        return sb.toString();
    }
}
