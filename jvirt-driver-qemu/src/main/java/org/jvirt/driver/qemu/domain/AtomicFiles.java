package org.jvirt.driver.qemu.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;

/**
 * The QEMU driver's files: core's {@link org.jvirt.io.AtomicFiles} in the QEMU error domain, and the removal of
 * runtime directories.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path file, String content) {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] content) {
        org.jvirt.io.AtomicFiles.write(file, content, ErrorDomain.QEMU);
    }

    /** Deletes a file; a missing one is fine. */
    public static void delete(Path file) {
        org.jvirt.io.AtomicFiles.delete(file, ErrorDomain.QEMU);
    }

    /** Removes a directory tree, best effort (runtime directories hold only sockets and pid files). */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // leftovers in a runtime directory are harmless
        }
    }
}
