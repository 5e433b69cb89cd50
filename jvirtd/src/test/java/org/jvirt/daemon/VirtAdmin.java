package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real virt-admin (libvirt-clients) against an admin socket, as the test's user or as another one. */
final class VirtAdmin {

    static final Path BINARY = Path.of("/usr/bin/virt-admin");

    private VirtAdmin() {
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The URI virt-admin takes for a socket of jvirtd's (or libvirtd's): the scheme only matters without it. */
    static String uri(Path socket) {
        return "libvirtd:///system?socket=" + socket;
    }

    static Tools.Result run(Path socket, String... args) throws IOException {
        return as(null, socket, args);
    }

    /** As {@code user} (runuser; the tests run as root), or as the test's own user when null. */
    static Tools.Result as(String user, Path socket, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("runuser", "-u", user, "--"));
        }
        cmd.addAll(List.of(BINARY.toString(), "-c", uri(socket)));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 60);
    }
}
