package org.jvirt.driver.host.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Where a secret could leak on the host: process command lines and files, searched by the secret tests. */
final class HostTraces {

    private HostTraces() {
    }

    /** The command lines of running processes that mention {@code what}. */
    static List<String> cmdlines(String what) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmd.contains(what)) {
                        out.add(cmd);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }
        }
        return out;
    }

    /** Every file under {@code dir} whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path dir, String needle) throws IOException {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(p);
                for (int i = 0; i + n.length <= b.length; i++) {
                    if (Arrays.equals(b, i, i + n.length, n, 0, n.length)) {
                        hits.add(p);
                        break;
                    }
                }
            }
        }
        return hits;
    }
}
