package org.jvirt.driver.network.conf;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address as a number, parsed from a literal only (never a name lookup), as libvirt's
 * virSocketAddr with AI_NUMERICHOST.
 */
public record IpAddr(boolean v6, BigInteger value) implements Comparable<IpAddr> {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    /** The literal as an address, or null when it is not one. */
    public static IpAddr tryParse(String text) {
        if (text == null) {
            return null;
        }
        boolean v6 = text.contains(":");
        if (!(v6 ? V6.matcher(text).matches() : V4.matcher(text).matches())) {
            return null;
        }
        try {
            InetAddress a = InetAddress.getByName(text); // a literal: no lookup happens
            if (v6 != (a instanceof Inet6Address) || !v6 && !(a instanceof Inet4Address)) {
                return null;
            }
            return new IpAddr(v6, new BigInteger(1, a.getAddress()));
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }

    public int bits() {
        return v6 ? 128 : 32;
    }

    /** The netmask of {@code prefix} bits in this family. */
    public static BigInteger mask(boolean v6, int prefix) {
        int bits = v6 ? 128 : 32;
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
    }

    public IpAddr masked(int prefix) {
        return new IpAddr(v6, value.and(mask(v6, prefix)));
    }

    public IpAddr plus(long n) {
        return new IpAddr(v6, value.add(BigInteger.valueOf(n)));
    }

    @Override
    public int compareTo(IpAddr o) {
        return value.compareTo(o.value);
    }

    /** The usual text form (IPv6 compressed as libvirt prints it). */
    @Override
    public String toString() {
        byte[] raw = value.toByteArray();
        byte[] b = new byte[v6 ? 16 : 4];
        int n = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - n, b, b.length - n, n);
        if (!v6) {
            return (b[0] & 255) + "." + (b[1] & 255) + "." + (b[2] & 255) + "." + (b[3] & 255);
        }
        return compress6(b);
    }

    private static String compress6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 255) << 8) | (b[2 * i + 1] & 255);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
