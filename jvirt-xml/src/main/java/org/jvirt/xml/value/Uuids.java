package org.jvirt.xml.value;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.LibvirtUUID;
import org.jvirt.VirtException;

/**
 * UUIDs as libvirt reads and writes them ({@code virUUIDParse}, {@code virUUIDFormat}): exactly 32 hex digits,
 * with '-' or ' ' allowed anywhere between digit pairs and whitespace around; written lower case with dashes.
 */
public final class Uuids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Uuids() {
    }

    /** Parses as libvirt does; null when {@code text} is not a UUID libvirt would accept. */
    public static UUID tryParse(String text) {
        return LibvirtUUID.tryParse(text);
    }

    /** Parses as libvirt does, raising libvirt's "malformed uuid element" otherwise. */
    public static UUID parse(String text, ErrorDomain domain) {
        UUID u = tryParse(text);
        if (u == null) {
            throw VirtException.of(domain, ErrorNumber.INTERNAL_ERROR, "malformed uuid element");
        }
        return u;
    }

    /** libvirt's form: 8-4-4-4-12 lower-case hex digits. */
    public static String format(UUID uuid) {
        return uuid.toString();
    }

    /** A random (version 4) UUID, as {@code virUUIDGenerate}. */
    public static UUID generate() {
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        raw[6] = (byte) ((raw[6] & 0x0f) | 0x40);
        raw[8] = (byte) ((raw[8] & 0x3f) | 0x80);
        return fromBytes(raw);
    }

    /** The 16 raw bytes, as they cross libvirt's wire protocol. */
    public static byte[] toBytes(UUID uuid) {
        return HexFormat.of().parseHex(uuid.toString().replace("-", ""));
    }

    public static UUID fromBytes(byte[] raw) {
        if (raw.length != 16) {
            throw new IllegalArgumentException("a UUID has 16 bytes, not " + raw.length);
        }
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (raw[i] & 0xff);
            lsb = (lsb << 8) | (raw[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
