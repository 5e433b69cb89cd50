package org.jvirt.driver.host;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private real libvirtd 9.0 (Debian's) as the differential reference: unprivileged (as {@code nobody} when we
 * are root), its own socket directory, no TCP, no authentication; never the system instance's paths. Its udev
 * node device and interface backends read the same sysfs as ours.
 */
public final class PrivateLibvirtd implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/libvirtd");
    public static final Path VIRSH = Path.of("/usr/bin/virsh");

    public final Path dir;
    public final Path socket;
    private final Process process;

    private PrivateLibvirtd() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("jvirt-host-lvd-");
        Path run = Files.createDirectories(dir.resolve("run"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, "listen_tls = 0\nlisten_tcp = 0\nauth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n"
                + "unix_sock_dir = \"" + run + "\"\nlog_outputs = \"3:file:" + dir.resolve("libvirtd.log") + "\"\n");
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of("env", "HOME=" + home, "XDG_RUNTIME_DIR=" + run, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_CACHE_HOME=" + home.resolve(".cache"), "LIBVIRT_AUTOSTART=0", BINARY.toString(), "-f",
                conf.toString(), "-p", dir.resolve("libvirtd.pid").toString()));
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

    public static PrivateLibvirtd start() throws Exception {
        assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(VIRSH), "no libvirtd or virsh here");
        return new PrivateLibvirtd();
    }

    /** The URI that reaches its secondary drivers (nodedev, interface) through its session qemu connection. */
    public String uri() {
        return "qemu+unix:///session?socket=" + socket;
    }

    /** Runs virsh against it; stdout, failing on a non-zero exit. */
    public String virsh(String... args) throws IOException, InterruptedException {
        return Virsh.run(uri(), args).checked();
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
