package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A jvirtd in a child JVM, started from this test's class path with a config file in {@code dir} (sockets in
 * {@code dir/run}), its stdout and stderr in files there. {@link #close} stops it with SIGTERM, then SIGKILL.
 */
final class JvirtdProcess implements AutoCloseable {

    final Path dir;
    final Path conf;
    final Path socket;
    final Path out;
    final Path err;
    final Process process;

    private JvirtdProcess(Path dir, Path conf, Process process, Path out, Path err) {
        this.dir = dir;
        this.conf = conf;
        this.socket = dir.resolve("run").resolve(Daemon.SOCK_RW);
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** The config every test starts from: sockets under dir/run, only the test driver held. */
    static String baseConf(Path dir) {
        return """
                unix_sock_dir = "%s"
                listen_tcp = 0
                listen_tls = 0
                driver_uris = ["test:///default"]
                """.formatted(dir.resolve("run"));
    }

    static JvirtdProcess start(Path dir, String name, String conf, Map<String, String> env, String... args)
            throws IOException {
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, conf);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-f", file.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("NOTIFY_SOCKET");
        pb.environment().putAll(env);
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new JvirtdProcess(dir, file, pb.start(), out, err);
    }

    /** Waits until the read-write socket accepts a connection; fails when the daemon exits first. */
    JvirtdProcess awaitSocket() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (Files.exists(socket)) {
                try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                        java.net.UnixDomainSocketAddress.of(socket))) {
                    return this; // bound and listening
                } catch (IOException e) {
                    // bound, not yet listening
                }
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("jvirtd did not come up: " + stderr());
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code file} contains {@code text}; false after 30 s. */
    static boolean awaitText(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    String stderr() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "";
        }
    }

    void signal(String sig) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + sig + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
