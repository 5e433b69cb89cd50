package org.jvirt.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Writes a file whole or not at all: a temporary file of its own beside it (two writers never share one), fsync,
 * rename over the old file, fsync of the directory so that the rename itself survives a crash. Failures are
 * libvirt's SYSTEM_ERROR in the caller's error domain, and leave no temporary file behind. Files are 0600 unless
 * written with {@link #writeReadable}: definitions can hold passwords, as libvirt's are 0600.
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> READABLE_FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    public static void write(Path file, String content, ErrorDomain domain) {
        write(file, content.getBytes(StandardCharsets.UTF_8), domain);
    }

    public static void write(Path file, byte[] content, ErrorDomain domain) {
        createParent(file, domain);
        replace(file, content, domain, OWNER_FILE);
    }

    /**
     * Writes a file every user may read (0644): for files another program reads after dropping its privileges,
     * such as dnsmasq's configuration and host files.
     */
    public static void writeReadable(Path file, String content, ErrorDomain domain) {
        createParent(file, domain);
        replace(file, content.getBytes(StandardCharsets.UTF_8), domain, READABLE_FILE);
    }

    private static void createParent(Path file, ErrorDomain domain) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.SYSTEM_ERROR, "cannot create directory '%s': %s", dir,
                    e.getMessage());
        }
    }

    /**
     * Writes a file only its owner may read (0600 in a 0700 directory), as libvirt writes secrets: the temporary
     * file is created 0600, so the content is never readable by others, not even for an instant.
     */
    public static void writePrivate(Path file, byte[] content, ErrorDomain domain) {
        ensurePrivateDir(file.toAbsolutePath().getParent(), domain);
        replace(file, content, domain, OWNER_FILE);
    }

    /** Creates {@code dir} (and parents) owner-only; an existing directory is tightened to 0700. */
    public static void ensurePrivateDir(Path dir, ErrorDomain domain) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.SYSTEM_ERROR, "cannot create config directory '%s': %s",
                    dir, e.getMessage());
        }
    }

    /** Deletes a file; one that is already gone is fine (libvirt ignores ENOENT on unlink). */
    public static void delete(Path file, ErrorDomain domain) {
        try {
            if (Files.deleteIfExists(file)) {
                syncDir(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.SYSTEM_ERROR, "cannot remove file '%s': %s", file,
                    e.getMessage());
        }
    }

    private static void replace(Path file, byte[] content, ErrorDomain domain, Set<PosixFilePermission> mode) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_FILE)); // never more open than meant, not even briefly
            Files.setPosixFilePermissions(tmp, mode); // exactly this mode, whatever the umask
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

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the rename is still atomic
        }
    }
}
