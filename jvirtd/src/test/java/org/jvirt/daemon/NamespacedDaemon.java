package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link HostRootDaemon} inside a network namespace the test makes ({@code ip netns exec}, which also mounts the
 * namespace's own /sys): what its interface driver changes with iproute2 stays in the namespace. The unix socket
 * lives on the file system, so virsh outside reaches it. Closing stops the daemon and deletes the namespace (with
 * whatever links are left in it) and the daemon's directory.
 */
final class NamespacedDaemon implements AutoCloseable {

    final String netns;
    final HostRootDaemon daemon;

    NamespacedDaemon(String prefix) throws IOException, InterruptedException {
        netns = prefix + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 30), 36);
        check(Tools.run(List.of("ip", "netns", "add", netns), 30));
        try {
            check(ip("link", "set", "lo", "up"));
            daemon = new HostRootDaemon(List.of("ip", "netns", "exec", netns));
        } catch (IOException | InterruptedException | RuntimeException e) {
            Tools.run(List.of("ip", "netns", "del", netns), 30);
            throw e;
        }
    }

    private static Tools.Result check(Tools.Result r) throws IOException {
        if (r.code() != 0) {
            throw new IOException(r.toString());
        }
        return r;
    }

    /** {@code ip -n NETNS ARGS...} */
    Tools.Result ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", netns));
        cmd.addAll(List.of(args));
        return Tools.run(cmd, 30);
    }

    /** e.g. {@code interface+unix:///system?socket=...} */
    String uri(String scheme) {
        return scheme + "+unix:///system?socket=" + daemon.socket;
    }

    Path dir() {
        return daemon.dir;
    }

    /** The host root the daemon's drivers keep their files under. */
    Path root() {
        return daemon.root;
    }

    @Override
    public void close() throws Exception {
        try {
            daemon.close();
        } finally {
            Tools.run(List.of("ip", "netns", "del", netns), 30);
        }
    }
}
