package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The identity of an ISO 9660 image, read from its volume descriptors: the fields libosinfo matches media
 * against. Our own reader: it reads the descriptor set (2 KiB sectors from sector 16 up to the terminator), takes
 * the primary one, and notes an El Torito boot record.
 *
 * @param volumeId      volume identifier (PVD bytes 40-71), trailing blanks removed
 * @param systemId      system identifier (bytes 8-39)
 * @param publisherId   publisher identifier (bytes 318-445)
 * @param applicationId application identifier (bytes 574-701)
 * @param volumeSize    volume space size times logical block size, in bytes
 * @param bootable      whether an El Torito boot record is present
 */
public record IsoVolume(String volumeId, String systemId, String publisherId, String applicationId,
                        long volumeSize, boolean bootable) {

    private static final int SECTOR = 2048;
    private static final int FIRST_DESCRIPTOR = 16;
    /** ISO 9660 allows any number of descriptors; real images have a handful. Bounds a hostile file. */
    private static final int MAX_DESCRIPTORS = 64;
    private static final byte TYPE_BOOT = 0;
    private static final byte TYPE_PRIMARY = 1;
    private static final byte TYPE_TERMINATOR = (byte) 255;
    private static final String EL_TORITO = "EL TORITO SPECIFICATION";

    /**
     * Reads the volume descriptors of the image at {@code iso}.
     *
     * @throws IOException when the file cannot be read or holds no ISO 9660 primary volume descriptor
     */
    public static IsoVolume read(Path iso) throws IOException {
        try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.READ)) {
            ByteBuffer sector = ByteBuffer.allocate(SECTOR).order(ByteOrder.LITTLE_ENDIAN);
            IsoVolume primary = null;
            boolean bootable = false;
            for (int i = 0; i < MAX_DESCRIPTORS; i++) {
                sector.clear();
                long pos = (long) (FIRST_DESCRIPTOR + i) * SECTOR;
                while (sector.hasRemaining()) {
                    if (ch.read(sector, pos + sector.position()) < 0) {
                        break;
                    }
                }
                if (sector.hasRemaining() || !isDescriptor(sector)) {
                    break;
                }
                byte type = sector.get(0);
                if (type == TYPE_TERMINATOR) {
                    break;
                }
                if (type == TYPE_PRIMARY && primary == null) {
                    primary = primary(sector);
                } else if (type == TYPE_BOOT && text(sector, 7, 32).equals(EL_TORITO)) {
                    bootable = true;
                }
            }
            if (primary == null) {
                throw new IOException("no ISO 9660 primary volume descriptor in " + iso);
            }
            return new IsoVolume(primary.volumeId, primary.systemId, primary.publisherId, primary.applicationId,
                    primary.volumeSize, bootable);
        }
    }

    private static boolean isDescriptor(ByteBuffer sector) {
        return sector.get(1) == 'C' && sector.get(2) == 'D' && sector.get(3) == '0' && sector.get(4) == '0'
                && sector.get(5) == '1';
    }

    private static IsoVolume primary(ByteBuffer pvd) {
        long blocks = Integer.toUnsignedLong(pvd.getInt(80));     // both-endian field: its little-endian half
        int blockSize = Short.toUnsignedInt(pvd.getShort(128));
        return new IsoVolume(text(pvd, 40, 32), text(pvd, 8, 32), text(pvd, 318, 128), text(pvd, 574, 128),
                blocks * blockSize, false);
    }

    /** A fixed-width identifier: up to the first NUL, trailing whitespace removed (g_strndup + g_strchomp). */
    private static String text(ByteBuffer b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        b.get(offset, bytes);
        // d-characters and a-characters are ASCII; Latin-1 keeps any stray byte as one char rather than failing
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int len = s.length();
        while (len > 0 && Character.isWhitespace(s.charAt(len - 1))) {
            len--;
        }
        return s.substring(0, len);
    }
}
