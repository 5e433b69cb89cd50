package org.jvirt.daemon;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A jvirtd in a child JVM with its own QEMU driver state and run directories (as {@link MigrationDaemonProcess}),
 * that a test may kill with SIGKILL and start again on the same directories: a crashed daemon and its restart.
 * Each incarnation logs to its own file ({@code jvirtd-N.log}).
 */
final class KillableDaemon implements AutoCloseable {

    final Path dir;
    final Path socket;
    private final Path conf;
    private Process process;
    private int incarnation;

    KillableDaemon(Path dir) throws IOException {
        this.dir = dir;
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        socket = run.resolve(Daemon.SOCK_RW);
        conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(run));
    }

    /** The QEMU driver's runtime directory: every QEMU this daemon starts names paths inside it. */
    Path qemuRunDir() {
        return dir.resolve("q");
    }

    String uri() {
        return "qemu+unix:///session?socket=" + socket;
    }

    /** Starts a new incarnation and waits until its socket accepts connections (a stale socket file refuses). */
    KillableDaemon start() throws IOException, InterruptedException {
        incarnation++;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-f", conf.toString()));
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().put("JVIRT_QEMU_STATE_DIR", dir.resolve("state").toString());
        pb.environment().put("JVIRT_QEMU_RUN_DIR", qemuRunDir().toString());
        pb.environment().put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        pb.environment().put("JVIRT_HOST_ROOT", dir.resolve("host").toString());
        pb.redirectErrorStream(true).redirectOutput(log(incarnation).toFile());
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            if (Files.exists(socket)) {
                try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    return this;
                } catch (IOException e) {
                    // the last incarnation's file, or not listening yet
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("jvirtd did not come up: " + log());
            }
            Thread.sleep(20);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no cleanup, as a crash or the OOM killer. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private Path log(int n) {
        return dir.resolve("jvirtd-" + n + ".log");
    }

    /** The current incarnation's output. */
    String log() {
        try {
            return Files.readString(log(incarnation));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
