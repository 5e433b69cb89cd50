package org.jvirt.xml.value;

import java.security.SecureRandom;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * A MAC address, parsed as {@code virMacAddrParse} does (six groups of one or two hex digits separated by
 * ':') and written as libvirt writes it (lower case, two digits per group).
 *
 * @param value the 48 bits, first octet most significant
 */
public record MacAddress(long value) {
    /** The prefix libvirt gives the MAC addresses it generates for QEMU and KVM guests. */
    public static final int[] QEMU_PREFIX = {0x52, 0x54, 0x00};
    private static final SecureRandom RANDOM = new SecureRandom();

    public MacAddress {
        if ((value & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("a MAC address has 48 bits");
        }
    }

    /** Parses as libvirt does; null when libvirt would refuse the text. */
    public static MacAddress tryParse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.strip().split(":", -1);
        if (parts.length != 6) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                return null;
            }
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return new MacAddress(v);
    }

    /** Parses as libvirt does, raising its "unable to parse mac address" otherwise. */
    public static MacAddress parse(String text, ErrorDomain domain) {
        MacAddress m = tryParse(text);
        if (m == null) {
            throw VirtException.of(domain, ErrorNumber.XML_ERROR, "unable to parse mac address '%s'", text);
        }
        return m;
    }

    /** A random address under a three-octet prefix, as {@code virMacAddrGenerate}. */
    public static MacAddress generate(int[] prefix) {
        long v = 0;
        for (int i = 0; i < 3; i++) {
            v = (v << 8) | (prefix[i] & 0xff);
        }
        for (int i = 0; i < 3; i++) {
            v = (v << 8) | RANDOM.nextInt(256);
        }
        return new MacAddress(v);
    }

    /** A random address under libvirt's QEMU prefix 52:54:00. */
    public static MacAddress generateQemu() {
        return generate(QEMU_PREFIX);
    }

    /** The i-th octet, 0 first. */
    public int octet(int i) {
        return (int) (value >>> (8 * (5 - i))) & 0xff;
    }

    /** Whether the group bit is set: libvirt refuses multicast addresses for guest NICs. */
    public boolean isMulticast() {
        return (octet(0) & 1) != 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", octet(i)));
        }
        return sb.toString();
    }
}
