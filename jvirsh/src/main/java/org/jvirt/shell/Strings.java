package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** virsh's small text helpers: comma lists, ASCII case-insensitive order, human-readable sizes. */
final class Strings {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Strings() {
    }

    /** vshStringToArray: the parts of a comma-separated list, where ",," stands for a literal comma. */
    static List<String> toArray(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                if (i + 1 < s.length() && s.charAt(i + 1) == ',') {
                    b.append(',');
                    i++;
                    continue;
                }
                out.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        out.add(b.toString());
        return out;
    }

    /** g_ascii_strcasecmp, which virsh's listings sort by. */
    static int caseCompare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            int ca = lower(a.charAt(i));
            int cb = lower(b.charAt(i));
            if (ca != cb) {
                return ca - cb;
            }
        }
        return a.length() - b.length();
    }

    private static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    /** vshPrettyCapacity printed as "%.2f unit". */
    static String pretty(long bytes) {
        double v = bytes < 0 ? bytes + 0x1p64 : bytes;
        int u = 0;
        while (u < UNITS.length - 1 && v >= 1024) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, UNITS[u]);
    }
}
