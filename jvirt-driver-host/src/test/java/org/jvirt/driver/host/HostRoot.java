package org.jvirt.driver.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary host root for one test: every URI built from it keeps the driver's files under it. */
public final class HostRoot implements AutoCloseable {

    public final Path dir;

    public HostRoot() throws IOException {
        dir = Files.createTempDirectory("jvirt-host-test");
    }

    /** e.g. {@code uri("secret", "system")} = secret:///system?host_root=... */
    public String uri(String scheme, String mode) {
        return scheme + ":///" + mode + "?host_root=" + dir;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
