package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A jvirtd of its own, in a child JVM: one "host" of a migration test (or the daemon real tools talk to). Each has its own socket directory and its
 * own qemu driver state and run directories (JVIRT_QEMU_STATE_DIR / _RUN_DIR), so two of them know nothing of
 * each other's guests, as two hosts would not. Stopped with SIGTERM by its pid.
 */
final class MigrationDaemonProcess implements AutoCloseable {

    final String name;
    final Path dir;
    final Path socket;
    private final Process process;

    MigrationDaemonProcess(String name, Path dir) throws IOException, InterruptedException {
        this.name = name;
        this.dir = dir;
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        socket = run.resolve(Daemon.SOCK_RW);
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(run));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "-f", conf.toString()));
        pb.environment().put("JVIRT_QEMU_STATE_DIR", dir.resolve("state").toString());
        pb.environment().put("JVIRT_QEMU_RUN_DIR", dir.resolve("q").toString()); // short: socket paths
        pb.environment().put("XDG_RUNTIME_DIR", run.toString());
        pb.environment().put("JVIRT_HOST_ROOT", dir.resolve("host").toString()); // its own qemu.conf, pools, nets
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("jvirtd.log").toFile());
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        // the file appears at bind(), a moment before listen(): a connect in between is refused, so wait for one
        // that is accepted (seen under load: "Connection refused" on the first call)
        while (!accepts(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("jvirtd " + name + " did not come up: " + log());
            }
            Thread.sleep(20);
        }
    }

    private static boolean accepts(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            return ch.connect(java.net.UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** The URI clients (jvirt's and real virsh) open this daemon's QEMU driver with. */
    String uri() {
        return "qemu+unix:///session?socket=" + socket;
    }

    String log() {
        try {
            return Files.readString(dir.resolve("jvirtd.log"));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
