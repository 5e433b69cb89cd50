package org.jvirt.driver.qemu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A jvirtd "host" of its own: a network namespace made for the test (so the bridges, dnsmasq and nftables rules
 * the network driver makes never touch the machine's networking), a jvirtd child JVM running inside it (from the
 * test's class path, which must hold jvirtd), every
 * driver directory under one temporary directory (JVIRT_HOST_ROOT, JVIRT_QEMU_*), and its unix socket, which
 * clients in the machine's own namespace reach like any file. Closing stops the daemon, kills whatever it left
 * (guests, dnsmasq) and deletes the namespace.
 */
public final class HostInNamespace implements AutoCloseable {

    public final Path dir;
    public final String netns;
    public final Path socket;
    private final Process daemon;

    public HostInNamespace(String prefix) throws IOException, InterruptedException {
        dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
        netns = prefix + UUID.randomUUID().toString().substring(0, 6);
        run(List.of("ip", "netns", "add", netns), 30);
        run(List.of("ip", "-n", netns, "link", "set", "lo", "up"), 30);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        socket = run.resolve("jvirt-sock");
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(run));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", netns, java.toString(),
                "-cp", System.getProperty("java.class.path"), "org.jvirt.daemon.Main", "-f", conf.toString()));
        pb.environment().put("JVIRT_HOST_ROOT", dir.resolve("host").toString());
        pb.environment().put("JVIRT_QEMU_STATE_DIR", dir.resolve("qstate").toString());
        pb.environment().put("JVIRT_QEMU_RUN_DIR", dir.resolve("q").toString()); // short: socket paths
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("jvirtd.log").toFile());
        daemon = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("jvirtd did not come up: " + log());
            }
            Thread.sleep(50);
        }
    }

    /** The URI real clients open this host's QEMU driver (and the host drivers it carries) with. */
    public String uri() {
        return "qemu+unix:///system?socket=" + socket;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("jvirtd.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command inside the namespace, e.g. {@code ip link} or {@code nft list ruleset}. */
    public Result inside(List<String> cmd, int timeoutSeconds) throws IOException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        all.addAll(cmd);
        return run(all, timeoutSeconds);
    }

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    public static Result run(List<String> cmd, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir")); // virt-install keeps a log there
        Path out = Files.createTempFile("e2e", ".out");
        Path err = Files.createTempFile("e2e", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
        // what the daemon started and left running (guests outlive it by design; dnsmasq too): end it here
        for (String pattern : List.of(dir.toString())) {
            run(List.of("pkill", "-9", "-f", pattern), 10);
        }
        for (int i = 0; i < 50 && run(List.of("pgrep", "-f", dir.toString()), 10).code() == 0; i++) {
            Thread.sleep(100);
        }
        run(List.of("ip", "netns", "del", netns), 30);
        run(List.of("rm", "-rf", dir.toString()), 60);
    }
}
