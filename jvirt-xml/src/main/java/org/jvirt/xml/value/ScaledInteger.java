package org.jvirt.xml.value;

import java.util.Locale;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Sizes written as a number and a unit, as libvirt's {@code virScaleInteger} reads them. Units are case
 * insensitive: {@code b}, {@code byte}, {@code bytes}; one letter {@code k m g t p e} and {@code KiB MiB ...}
 * are powers of 1024; {@code KB MB GB TB PB EB} are powers of 1000. No unit means the caller's default scale
 * (1024 for domain memory, 1 for storage sizes).
 */
public final class ScaledInteger {
    /** libvirt's bound for sizes on 64-bit hosts: LLONG_MAX bytes. */
    public static final long MAX_BYTES = Long.MAX_VALUE;

    private ScaledInteger() {
    }

    /** Bytes per unit, or -1 when libvirt does not know the unit. Null or "" gives {@code defaultScale}. */
    public static long scaleOf(String unit, long defaultScale) {
        if (unit == null || unit.isEmpty()) {
            return defaultScale;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("b") || u.equals("byte") || u.equals("bytes")) {
            return 1;
        }
        long base;
        if (u.length() == 1 || u.substring(1).equals("ib")) {
            base = 1024;
        } else if (u.length() == 2 && u.charAt(1) == 'b') {
            base = 1000;
        } else {
            return -1;
        }
        int power = "kmgtpe".indexOf(u.charAt(0)) + 1;
        if (power == 0) {
            return -1;
        }
        long scale = 1;
        for (int i = 0; i < power; i++) {
            scale *= base;
        }
        return scale;
    }

    /**
     * The value in bytes, as {@code virParseScaledValue}: {@code value} must be a non-negative decimal
     * integer, {@code unit} a known unit, and the product at most {@code max}.
     *
     * @param where names the element or attribute in error messages, e.g. "./memory[1]"
     */
    public static long toBytes(String value, String unit, long defaultScale, long max, String where,
                               ErrorDomain domain) {
        if (value == null) {
            throw VirtException.of(domain, ErrorNumber.XML_ERROR, "missing element or attribute '%s'", where);
        }
        long number;
        try {
            String v = value.strip();
            if (v.startsWith("-") || v.startsWith("+")) {
                throw new NumberFormatException(v);
            }
            number = Long.parseUnsignedLong(v);
            if (number < 0) {
                throw VirtException.of(domain, ErrorNumber.OVERFLOW, "value too large: %s%s", v, unit == null ? "" : unit);
            }
        } catch (NumberFormatException e) {
            throw VirtException.of(domain, ErrorNumber.XML_ERROR,
                    "Invalid value '%s' for element or attribute '%s'", value, where);
        }
        long scale = scaleOf(unit, defaultScale);
        if (scale < 0) {
            throw VirtException.of(domain, ErrorNumber.INVALID_ARG, "unknown suffix '%s'", unit);
        }
        if (number != 0 && number > max / scale) {
            throw VirtException.of(domain, ErrorNumber.OVERFLOW, "value too large: %d%s", number,
                    unit == null ? "" : unit);
        }
        return number * scale;
    }

    /** As domain memory: default unit KiB, result in KiB rounded up, as {@code virDomainParseMemory}. */
    public static long toKiB(String value, String unit, String where, ErrorDomain domain) {
        long bytes = toBytes(value, unit, 1024, MAX_BYTES, where, domain);
        long kib = bytes / 1024 + (bytes % 1024 == 0 ? 0 : 1);
        if (kib >= MAX_BYTES / 1024 + 1) {
            throw VirtException.of(domain, ErrorNumber.OVERFLOW, "size value too large");
        }
        return kib;
    }
}
