package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A jvirtd in a child JVM serving qemu:///system with every host driver's files under a temporary host root
 * (JVIRT_HOST_ROOT) and the QEMU driver's state under it too, so that real clients can use the system URI without
 * touching the host's /etc/jvirt or /var/lib/jvirt. Stopped with SIGTERM; its directory is removed.
 */
final class HostRootDaemon implements AutoCloseable {

    final Path dir;
    final Path root;
    final Path socket;
    /** What the daemon's command line starts with, e.g. {@code ip netns exec NS}; empty for none. */
    private final List<String> wrapper;
    private Process process;

    HostRootDaemon() throws IOException, InterruptedException {
        this(List.of());
    }

    /** A daemon started under {@code wrapper} (which must exec it, so that its process is the daemon's). */
    HostRootDaemon(List<String> wrapper) throws IOException, InterruptedException {
        this.wrapper = List.copyOf(wrapper);
        dir = Files.createTempDirectory("jvirtd-hostroot");
        root = dir.resolve("root");
        Path run = Files.createDirectories(dir.resolve("run"));
        socket = run.resolve(Daemon.SOCK_RW);
        start();
    }

    /** Starts (or starts again, as after a restart) the daemon on the same directories. */
    void start() throws IOException, InterruptedException {
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(dir.resolve("run")));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(wrapper);
        cmd.addAll(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-f", conf.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("JVIRT_HOST_ROOT", root.toString());
        pb.environment().put("JVIRT_QEMU_STATE_DIR", dir.resolve("qemu-state").toString());
        pb.environment().put("JVIRT_QEMU_RUN_DIR", dir.resolve("q").toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("jvirtd.log")
                .toFile()));
        Files.deleteIfExists(socket);
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!DaemonSockets.accepts(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("jvirtd did not come up: " + log());
            }
            Thread.sleep(20);
        }
    }

    /** The URI real clients open the daemon's qemu:///system with. */
    String uri() {
        return "qemu+unix:///system?socket=" + socket;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("jvirtd.log"));
        } catch (IOException e) {
            return "";
        }
    }

    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
