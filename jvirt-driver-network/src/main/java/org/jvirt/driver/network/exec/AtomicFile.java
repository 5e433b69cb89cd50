package org.jvirt.driver.network.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** Writes a file whole or not at all: temp file beside it, fsync, rename (a crash leaves the old or the new). */
public final class AtomicFile {

    private AtomicFile() {
    }

    public static void write(Path file, String content) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".new");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temp file is harmless; the error below matters
            }
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "cannot write config file '%s': %s",
                    file, e.getMessage());
        }
    }

    /** Deletes a file; one that is already gone is fine. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "cannot remove config file '%s': %s",
                    file, e.getMessage());
        }
    }
}
