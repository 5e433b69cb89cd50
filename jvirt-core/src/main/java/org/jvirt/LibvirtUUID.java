package org.jvirt;

import java.util.UUID;

/**
 * UUIDs as libvirt's virUUIDParse reads them: exactly 32 hex digits, with '-' or ' ' allowed anywhere between
 * digit pairs and whitespace around. Written in the usual 8-4-4-4-12 form.
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
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        long hi = 0;
        long lo = 0;
        for (int octets = 0; octets < 16; ) {
            if (i >= n) {
                return null;
            }
            char c = text.charAt(i);
            if (c == '-' || c == ' ') {
                i++;
                continue;
            }
            if (i + 1 >= n) {
                return null;
            }
            int a = hex(c);
            int b = hex(text.charAt(i + 1));
            if (a < 0 || b < 0) {
                return null;
            }
            if (octets < 8) {
                hi = (hi << 8) | (a << 4) | b;
            } else {
                lo = (lo << 8) | (a << 4) | b;
            }
            octets++;
            i += 2;
        }
        while (i < n) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return null;
            }
            i++;
        }
        return new UUID(hi, lo);
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }
}
