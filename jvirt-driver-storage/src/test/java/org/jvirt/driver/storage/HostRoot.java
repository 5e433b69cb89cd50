package org.jvirt.driver.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary host root for one test: the storage URIs that keep every file under it, and its removal. */
final class HostRoot implements AutoCloseable {

    final Path root;

    HostRoot() {
        try {
            root = Files.createTempDirectory("jvirt-storage-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String uri(String driver, String mode) {
        return driver + ":///" + mode + "?host_root=" + URLEncoder.encode(root.toString(), StandardCharsets.UTF_8);
    }

    String system() {
        return uri("storage", "system");
    }

    Path dir(String name) {
        return root.resolve("pools").resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
