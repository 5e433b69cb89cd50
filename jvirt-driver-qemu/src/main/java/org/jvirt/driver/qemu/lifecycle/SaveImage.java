package org.jvirt.driver.qemu.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The save image layout, libvirt's own (qemu_saveimage.h): a 92-byte header (magic, version 2, length of the
 * XML, whether the guest was running, compression, cookie offset, reserved words), the domain XML with a NUL,
 * then QEMU's migration stream. While the image is being written its magic says "LibvirtQemudPart"; only a
 * complete, synced image gets "LibvirtQemudSave", so a crash mid-save never leaves an image that restores.
 *
 * @param xml        the domain definition saved with the state
 * @param wasRunning whether the guest ran when it was saved
 * @param dataOffset where the migration stream starts
 */
public record SaveImage(String xml, boolean wasRunning, long dataOffset) {

    static final String MAGIC = "LibvirtQemudSave";
    static final String PARTIAL = "LibvirtQemudPart";
    static final int VERSION = 2;
    static final int HEADER_SIZE = 16 + 4 * 5 + 4 * 14;

    /** Writes the header (marked partial) and XML; returns where the stream goes. */
    static long writeHeader(FileChannel ch, String xml, boolean wasRunning) throws IOException {
        byte[] x = xml.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + x.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(PARTIAL.getBytes(StandardCharsets.US_ASCII));
        b.putInt(VERSION).putInt(x.length + 1).putInt(wasRunning ? 1 : 0).putInt(0).putInt(0);
        b.position(HEADER_SIZE);
        b.put(x).put((byte) 0);
        b.flip();
        ch.position(0);
        while (b.hasRemaining()) {
            ch.write(b);
        }
        return ch.position();
    }

    /** Marks a fully written image complete, after syncing its data. */
    static void markComplete(FileChannel ch) throws IOException {
        ch.force(true);
        ch.write(ByteBuffer.wrap(MAGIC.getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(true);
    }

    public static SaveImage read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining() && ch.read(h) > 0) {
                // fill
            }
            if (h.hasRemaining()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "failed to read qemu header");
            }
            h.flip();
            byte[] magic = new byte[16];
            h.get(magic);
            String m = new String(magic, StandardCharsets.US_ASCII);
            if (m.equals(PARTIAL)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "save image is incomplete");
            }
            if (!m.equals(MAGIC)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "image magic is incorrect");
            }
            int version = h.getInt();
            if (version > VERSION) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "image version is not supported (%d > %d)", version, VERSION);
            }
            int dataLen = h.getInt();
            boolean wasRunning = h.getInt() != 0;
            int compressed = h.getInt();
            if (compressed != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "compressed save images are not supported");
            }
            int cookieOffset = h.getInt();
            if (dataLen <= 0 || dataLen > 10 * 1024 * 1024) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "invalid XML length: %d",
                        dataLen);
            }
            if (cookieOffset < 0 || cookieOffset > dataLen) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                        "invalid cookie offset: %d", cookieOffset);
            }
            ByteBuffer x = ByteBuffer.allocate(dataLen);
            while (x.hasRemaining() && ch.read(x) > 0) {
                // fill
            }
            int xmlLen = cookieOffset > 0 ? cookieOffset : dataLen;
            byte[] raw = new byte[xmlLen];
            x.flip();
            x.get(raw);
            int nul = 0;
            while (nul < raw.length && raw[nul] != 0) {
                nul++;
            }
            return new SaveImage(new String(raw, 0, nul, StandardCharsets.UTF_8), wasRunning,
                    HEADER_SIZE + (long) dataLen);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "Failed to open domain image file '%s': %s",
                    path, e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                            : e.getMessage());
        }
    }
}
