package org.jvirt.rpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Writes byte fixtures the way the protocol reference prints them: hex words, and quoted strings that stand for
 * their bytes plus XDR padding ({@code "test"+pad}); whitespace is ignored.
 */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String fixture) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        StringBuilder hex = new StringBuilder();
        while (i < fixture.length()) {
            char c = fixture.charAt(i);
            if (c == '"') {
                flush(hex, out);
                int end = fixture.indexOf('"', i + 1);
                byte[] s = fixture.substring(i + 1, end).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(s);
                i = end + 1;
                if (fixture.startsWith("+pad", i)) {
                    for (int p = s.length; p % 4 != 0; p++) {
                        out.write(0);
                    }
                    i += 4;
                }
            } else if (Character.digit(c, 16) >= 0) {
                hex.append(c);
                i++;
            } else {
                i++;
            }
        }
        flush(hex, out);
        return out.toByteArray();
    }

    private static void flush(StringBuilder hex, ByteArrayOutputStream out) {
        out.writeBytes(HexFormat.of().parseHex(hex));
        hex.setLength(0);
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
