package org.jvirt;

import java.util.UUID;

/**
 * UUIDs as libvirt reads them: 32 hex digits, optionally split by dashes anywhere between pairs (libvirt's
 * virUUIDParse also skips leading spaces). Written in the usual 8-4-4-4-12 form.
 */
public final class LibvirtUUID {

    private LibvirtUUID() {
    }

    /** The UUID, or null when the text is not one. */
    public static UUID tryParse(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (; i < text.length() && digits < 32; i++) {
            char c = text.charAt(i);
            if (c == '-') {
                if (digits % 2 != 0) {
                    return null;
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0) {
                return null;
            }
            if (digits < 16) {
                hi = (hi << 4) | v;
            } else {
                lo = (lo << 4) | v;
            }
            digits++;
        }
        while (i < text.length()) {
            if (text.charAt(i) != ' ') {
                return null;
            }
            i++;
        }
        return digits == 32 ? new UUID(hi, lo) : null;
    }

    /** Parses, or fails as libvirt's public API does on a bad UUID string: VIR_ERR_INVALID_ARG. */
    public static UUID parse(String text, ErrorDomain domain) {
        UUID u = tryParse(text);
        if (u == null) {
            throw VirtException.of(domain, ErrorNumber.INVALID_ARG, "uuidstr in %s must be a valid UUID",
                    "virUUIDParse");
        }
        return u;
    }
}
