package org.jvirt.install;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A medium made on the client and uploaded into a pool before the guest starts: the host path it will have is
 * known at planning time (so --print-xml can show it); the bytes are made only when installing.
 *
 * @param pool   the pool it goes into
 * @param name   the volume's name
 * @param path   the volume's path on the host
 * @param maker  writes the medium into a local temporary file
 */
public record MediaStep(String pool, String name, String path, Maker maker) {

    /** Writes the medium's bytes into {@code out} (a new file in a private temporary directory). */
    @FunctionalInterface
    public interface Maker {
        void make(Path out, Progress progress) throws IOException;
    }
}
