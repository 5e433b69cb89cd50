package org.jvirt.shell;

import java.math.BigInteger;

import org.jvirt.conf.StrToLong;

/** Number parsing with libvirt's rules (virStrToLong_*, virScaleInteger): what virsh accepts, we accept. */
final class Numbers {

    private static final BigInteger U64_MAX = StrToLong.ULLONG_MAX;

    private Numbers() {
    }

    /** A base-10 integer within [min, max] (core's StrToLong, libvirt's rule); null when malformed. */
    static Long parse(String s, boolean unsigned, long min, long max) {
        return StrToLong.parse(s, 10, unsigned, min, max);
    }

    /** An unsigned 64-bit value, returned as a (possibly negative) long holding its bits. */
    static Long parseUnsigned64(String s) {
        return StrToLong.toULongLong(s);
    }

    /** virScaleInteger: a number, then an optional suffix (b, k/KiB, KB, M/MiB, MB, ... E). */
    static Long scaled(String s, long scale, BigInteger max) {
        String t = s.stripLeading();
        int i = 0;
        if (i < t.length() && t.charAt(i) == '+') {
            i++;
        }
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == start) {
            return null;
        }
        BigInteger v = new BigInteger(t.substring(start, i));
        String suffix = t.substring(i);
        long unit;
        if (suffix.isEmpty()) {
            unit = scale;
        } else {
            int base;
            if (suffix.length() == 1) {
                base = 1024;
            } else if (suffix.length() == 2 && Character.toLowerCase(suffix.charAt(1)) == 'b') {
                base = 1000;
            } else if (suffix.length() == 3 && suffix.substring(1).equalsIgnoreCase("ib")) {
                base = 1024;
            } else {
                return null;
            }
            int power = switch (Character.toLowerCase(suffix.charAt(0))) {
                case 'b' -> base == 1024 && suffix.length() == 1 ? 0 : -1;
                case 'k' -> 1;
                case 'm' -> 2;
                case 'g' -> 3;
                case 't' -> 4;
                case 'p' -> 5;
                case 'e' -> 6;
                default -> -1;
            };
            if (power < 0) {
                return null;
            }
            BigInteger u = BigInteger.valueOf(base).pow(power);
            if (u.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
                return null;
            }
            unit = u.longValue();
        }
        BigInteger r = v.multiply(BigInteger.valueOf(unit));
        if (r.compareTo(max) > 0) {
            return null;
        }
        return r.longValue();
    }

    static final BigInteger ULLONG_MAX = U64_MAX;
}
