package org.jvirt.driver.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Files readable by their owner only (0600 in 0700 directories), as libvirt writes secrets (virFileRewriteStr with
 * S_IRUSR|S_IWUSR), and written so that a reader or a crash sees the old content or the new, never half: the new
 * content goes to a temporary file created 0600 from the start (never world-readable, not even for an instant),
 * is fsynced, renamed over the old one, and the directory is fsynced so the rename is durable.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and parents) owner-only; an existing directory is tightened to 0700. */
    public static void ensureDir(Path dir, ErrorDomain domain) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.SYSTEM_ERROR, "cannot create config directory '%s': %s",
                    dir, e.getMessage());
        }
    }

    public static void write(Path file, byte[] content, ErrorDomain domain) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            ensureDir(dir, domain);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            syncDir(dir);
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.SYSTEM_ERROR, "cannot write file '%s': %s", file,
                    e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write's own error is the one reported
                }
            }
        }
    }

    /** Removes a file; a missing one is fine (libvirt ignores ENOENT on unlink). */
    public static void delete(Path file, ErrorDomain domain) {
        try {
            if (Files.deleteIfExists(file)) {
                syncDir(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.SYSTEM_ERROR, "cannot unlink '%s': %s", file, e.getMessage());
        }
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // a file system that cannot fsync a directory still renames atomically
        }
    }
}
