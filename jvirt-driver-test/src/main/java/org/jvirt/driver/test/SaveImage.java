package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.jvirt.ErrorNumber;

/**
 * The test driver's save image (testDomainSaveImageWrite/Open): the magic "TestGuestMagic" with its NUL, the
 * XML's length as a native int, then the domain's XML. Files written here can be restored by libvirt's own test
 * driver on the same machine, and the other way round.
 */
final class SaveImage {

    private static final byte[] MAGIC = "TestGuestMagic\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_XML = 8192;

    private SaveImage() {
    }

    static void write(String path, DomainDef def, int id) {
        byte[] xml = def.format(id, true).getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 4 + xml.length).order(ByteOrder.nativeOrder());
        buf.put(MAGIC).putInt(xml.length).put(xml);
        Path p = Path.of(path);
        try {
            Files.write(p, buf.array(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            try {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the default permissions will have to do
            }
        } catch (IOException e) {
            throw Errors.test(ErrorNumber.SYSTEM_ERROR, "saving domain '%s' to '%s': open failed: %s", def.name(),
                    path, Errors.strerror(e));
        }
    }

    private static byte[] readPrefix(Path p, int max) throws IOException {
        if (!Files.isRegularFile(p) && Files.exists(p)) {
            throw new IOException("not a regular file");
        }
        try (java.io.InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(max);
        }
    }

    static DomainDef read(String path) {
        byte[] data;
        try {
            // the header and at most MAX_XML bytes of XML: nothing else of the file is ever needed
            data = readPrefix(Path.of(path), MAGIC.length + 4 + MAX_XML);
        } catch (IOException e) {
            throw Errors.test(ErrorNumber.SYSTEM_ERROR, "cannot read domain image '%s': %s", path,
                    Errors.strerror(e));
        }
        if (data.length < MAGIC.length) {
            throw Errors.test(ErrorNumber.SYSTEM_ERROR, "incomplete save header in '%s': Success", path);
        }
        if (!Arrays.equals(data, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw Errors.test(ErrorNumber.INTERNAL_ERROR, "mismatched header magic");
        }
        if (data.length < MAGIC.length + 4) {
            throw Errors.test(ErrorNumber.SYSTEM_ERROR, "failed to read metadata length in '%s': Success", path);
        }
        int len = ByteBuffer.wrap(data, MAGIC.length, 4).order(ByteOrder.nativeOrder()).getInt();
        if (len < 1 || len > MAX_XML) {
            throw Errors.test(ErrorNumber.INTERNAL_ERROR, "length of metadata out of range");
        }
        if (data.length < MAGIC.length + 4 + len) {
            throw Errors.test(ErrorNumber.SYSTEM_ERROR, "incomplete metadata in '%s': Success", path);
        }
        String xml = new String(data, MAGIC.length + 4, len, StandardCharsets.UTF_8);
        return DomainDef.parse(xml);
    }
}
