package org.jvirt.driver.nwfilter.conf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals, checked without any name lookup. */
public final class Addresses {
    private Addresses() {
    }

    /** The four bytes of a dotted IPv4 address, or null. */
    static byte[] v4(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!p[i].matches("\\d{1,3}") || Integer.parseInt(p[i]) > 255) {
                return null;
            }
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    /** A prefix length from "24" or "255.255.255.0", or null. */
    static String v4Prefix(String s) {
        if (s.matches("\\d{1,2}")) {
            return Integer.parseInt(s) <= 32 ? s : null;
        }
        byte[] b = v4(s);
        if (b == null) {
            return null;
        }
        int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int len = Integer.bitCount(bits);
        return bits == (len == 0 ? 0 : -1 << (32 - len)) ? Integer.toString(len) : null;
    }

    /** The canonical text of an IPv6 address, or null. */
    static String v6(String s) {
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(s);
            return a instanceof Inet6Address ? a.getHostAddress().replaceAll("(^|:)0(:0)+(:|$)", "::") : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static String v6Prefix(String s) {
        return s.matches("\\d{1,3}") && Integer.parseInt(s) <= 128 ? s : null;
    }

    /** The network of {@code addr}/{@code len} (host bits cleared), as nftables wants a prefix written. */
    public static String v4Network(String addr, int len) {
        byte[] b = v4(addr);
        int bits = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int net = len == 0 ? 0 : bits & (-1 << (32 - len));
        return ((net >>> 24) & 0xff) + "." + ((net >>> 16) & 0xff) + "." + ((net >>> 8) & 0xff) + "." + (net & 0xff);
    }

    /** The network of an IPv6 {@code addr}/{@code len} (host bits cleared), as nftables wants a prefix written. */
    public static String v6Network(String addr, int len) {
        try {
            byte[] b = InetAddress.getByName(addr).getAddress();
            for (int i = 0; i < b.length; i++) {
                int keep = Math.max(0, Math.min(8, len - i * 8));
                b[i] &= (byte) (keep == 0 ? 0 : 0xff << (8 - keep));
            }
            return v6(InetAddress.getByAddress(b).getHostAddress());
        } catch (UnknownHostException e) {
            return addr;
        }
    }
}
