package org.jvirt.conf;

import java.math.BigInteger;

/**
 * Integers read as libvirt reads them (virStrToLong_* over strtol/strtoul): leading blanks skipped, one sign,
 * digits in the given base — base 10 reads "010" as 10; base 0 takes "0x" as hex and a leading 0 as octal —, and
 * the whole text consumed. The one home of this rule: XML parsers, typed-parameter strings and virsh options all
 * come here. Each method returns null when the text is malformed or out of range, and the caller words the error
 * as libvirt does at its call site.
 */
public final class StrToLong {

    /** 2^64 - 1, the largest value of an unsigned long long. */
    public static final BigInteger ULLONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private StrToLong() {
    }

    /**
     * The value of {@code s} in {@code base} (10, 16, 8 or 0), or null when it is not an integer of
     * [min, max]. With {@code unsigned}, a minus sign is refused (libvirt's "p" variants, virStrToLong_uip ...).
     */
    public static Long parse(String s, int base, boolean unsigned, long min, long max) {
        BigInteger v = big(s, base, unsigned);
        if (v == null || v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            return null;
        }
        return v.longValue();
    }

    /** virStrToLong_i (base 10). */
    public static Integer toInt(String s) {
        Long v = parse(s, 10, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return v == null ? null : v.intValue();
    }

    /** virStrToLong_uip (base 10): a non-negative int that fits an unsigned int, as a long. */
    public static Long toUInt(String s) {
        return parse(s, 10, true, 0, 0xFFFFFFFFL);
    }

    /** virStrToLong_ll (base 10). */
    public static Long toLongLong(String s) {
        return parse(s, 10, false, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** virStrToLong_ullp (base 10): an unsigned 64-bit value, its bits in a long. */
    public static Long toULongLong(String s) {
        return toULongLong(s, 10);
    }

    /** An unsigned 64-bit value in {@code base}, its bits in a long; a minus sign refused. */
    public static Long toULongLong(String s, int base) {
        BigInteger v = big(s, base, true);
        return v == null || v.compareTo(ULLONG_MAX) > 0 ? null : v.longValue();
    }

    private static BigInteger big(String s, int base, boolean unsigned) {
        if (s == null) {
            return null;
        }
        String t = s.stripLeading();
        boolean neg = false;
        if (t.startsWith("+") || t.startsWith("-")) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (neg && unsigned) {
            return null;
        }
        int radix = base;
        if (base == 0 || base == 16) {
            if (t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')) {
                t = t.substring(2);
                radix = 16;
            } else if (base == 0) {
                radix = t.length() > 1 && t.charAt(0) == '0' ? 8 : 10;
            }
        }
        if (t.isEmpty()) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(t, radix);
        return neg ? v.negate() : v;
    }
}
