package org.jvirt.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A jvirtd host for the install tests: its own network namespace (the default network's bridge and dnsmasq stay
 * in there), every driver directory under one temporary directory (JVIRT_HOST_ROOT), and its unix socket, which
 * real virt-install and jvirt-install both reach from the machine's own namespace. Closing stops the daemon, kills
 * what it left (guests, dnsmasq), deletes the namespace and the directory.
 */
final class InstallHost implements AutoCloseable {
    final Path dir;
    final String netns;
    private final Path socket;
    private final Process daemon;

    InstallHost() throws IOException, InterruptedException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvinst");
        netns = "jvinst" + UUID.randomUUID().toString().substring(0, 6);
        run(List.of("ip", "netns", "add", netns), 30);
        run(List.of("ip", "-n", netns, "link", "set", "lo", "up"), 30);
        Path runDir = Files.createDirectories(dir.resolve("run"));
        socket = runDir.resolve("jvirt-sock");
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, "unix_sock_dir = \"" + runDir + "\"\nunix_sock_rw_perms = \"0700\"\n"
                + "listen_tcp = 0\nlisten_tls = 0\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", netns, java.toString(), "-cp",
                System.getProperty("java.class.path"), "org.jvirt.daemon.Main", "-f", conf.toString()));
        pb.environment().put("JVIRT_HOST_ROOT", dir.resolve("host").toString());
        pb.environment().put("JVIRT_QEMU_STATE_DIR", dir.resolve("qstate").toString());
        pb.environment().put("JVIRT_QEMU_RUN_DIR", dir.resolve("q").toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("jvirtd.log").toFile());
        daemon = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(socket)) {
            if (!daemon.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("jvirtd did not come up: " + log());
            }
            Thread.sleep(50);
        }
    }

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

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs a program (HOME in the temp dir: virt-install keeps its log there). */
    static Result run(List<String> cmd, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
        Path out = Files.createTempFile("jvinst", ".out");
        Path err = Files.createTempFile("jvinst", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Real virt-install against this host. */
    Result virtInstall(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virt-install", "--connect", uri()));
        cmd.addAll(args);
        return run(cmd, 300);
    }

    /** jvirt-install against this host, in this JVM (its Main, as bin/jvirt-install runs it). */
    Result jvirtInstall(List<String> args) {
        List<String> all = new ArrayList<>(List.of("--connect", uri()));
        all.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = org.jvirt.install.cli.CliRunner.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result virsh(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-c", uri()));
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (daemon.isAlive()) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
        // guests and dnsmasq outlive the daemon by design: end what runs with this host's directory
        for (String pid : run(List.of("pgrep", "-f", dir.toString()), 10).out().split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        for (int i = 0; i < 50 && run(List.of("pgrep", "-f", dir.toString()), 10).code() == 0; i++) {
            Thread.sleep(100);
        }
        run(List.of("ip", "netns", "del", netns), 30);
        run(List.of("rm", "-rf", dir.toString()), 60);
    }
}
