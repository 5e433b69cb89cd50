package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private real libvirtd 9.0 (Debian's) with its QEMU driver, as the reference for differential tests:
 * unprivileged ({@code nobody} when we are root), its own socket and directories, no TCP, no authentication,
 * never the system instance's paths. Its session qemu driver probes the same QEMU as ours.
 */
final class ReferenceLibvirtd implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/libvirtd");
    static final Path VIRSH = Path.of("/usr/bin/virsh");

    final Path dir;
    final Path socket;
    private final Process process;

    private ReferenceLibvirtd() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("jvirt-qemu-lvd-");
        Path run = Files.createDirectories(dir.resolve("run"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, "listen_tls = 0\nlisten_tcp = 0\nauth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n"
                + "unix_sock_dir = \"" + run + "\"\nlog_outputs = \"3:file:" + dir.resolve("libvirtd.log") + "\"\n");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of("env", "HOME=" + home, "XDG_RUNTIME_DIR=" + run,
                "XDG_CONFIG_HOME=" + home.resolve(".config"), "XDG_CACHE_HOME=" + home.resolve(".cache"),
                "LIBVIRT_AUTOSTART=0", BINARY.toString(), "-f", conf.toString(), "-p",
                dir.resolve("libvirtd.pid").toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        socket = run.resolve("libvirt-sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("libvirtd did not start");
            }
            Thread.sleep(100);
        }
    }

    static ReferenceLibvirtd start() throws Exception {
        assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(VIRSH), "no libvirtd or virsh here");
        return new ReferenceLibvirtd();
    }

    String uri() {
        return "qemu+unix:///session?socket=" + socket;
    }

    /** Runs virsh against it and returns its standard output; fails on a non-zero exit. */
    String virsh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-q", "-c", uri()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("virsh " + String.join(" ", args) + " failed: " + err);
        }
        return out;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory harms nobody
        }
    }
}
