package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private real libvirtd (Debian's 9.0, which carries the storage driver) for differential tests: its own socket
 * directory and config, unprivileged (as {@code nobody} when the tests run as root), so its session storage
 * driver keeps its files under the test's directory. Stopped on close.
 */
final class PrivateLibvirtd implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/libvirtd");

    final Path dir;
    final Path socket;
    /** libvirt-admin-sock: only an unprivileged libvirtd without unix_sock_dir has one ({@link #withAdminSocket}). */
    final Path adminSocket;
    /** The user it runs as (nobody when the tests run as root), or null for the test's own. */
    final String user;
    private final Process process;

    PrivateLibvirtd() throws IOException, InterruptedException {
        this(true);
    }

    /**
     * A libvirtd whose sockets are in its runtime directory ($XDG_RUNTIME_DIR/libvirt), where an unprivileged
     * libvirtd also opens its admin socket (virDaemonUnixSocketPaths gives it one only without unix_sock_dir).
     */
    static PrivateLibvirtd withAdminSocket() throws IOException, InterruptedException {
        return new PrivateLibvirtd(false);
    }

    private PrivateLibvirtd(boolean sockDir) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("jvirt-stg-lvd-");
        Path run = Files.createDirectories(dir.resolve("run"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path conf = dir.resolve("libvirtd.conf");
        Files.writeString(conf, """
                listen_tls = 0
                listen_tcp = 0
                auth_unix_rw = "none"
                auth_unix_ro = "none"
                %s
                log_outputs = "3:file:%s"
                """.formatted(sockDir ? "unix_sock_dir = \"" + run + "\"" : "", dir.resolve("libvirtd.log")));
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
        List<String> cmd = new ArrayList<>();
        user = "root".equals(System.getProperty("user.name")) ? "nobody" : null;
        if (user != null) {
            cmd.addAll(List.of("runuser", "-u", user, "--"));
        }
        cmd.addAll(List.of("env", "HOME=" + home, "XDG_RUNTIME_DIR=" + run, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_CACHE_HOME=" + home.resolve(".cache"), "LIBVIRT_AUTOSTART=0", BINARY.toString(), "-f",
                conf.toString(), "-p", dir.resolve("libvirtd.pid").toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        socket = sockDir ? run.resolve("libvirt-sock") : run.resolve("libvirt").resolve("libvirt-sock");
        adminSocket = sockDir ? null : run.resolve("libvirt").resolve("libvirt-admin-sock");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(socket) || adminSocket != null && !Files.exists(adminSocket)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("libvirtd did not come up");
            }
            Thread.sleep(50);
        }
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    String uri() {
        return "qemu:///session?socket=" + socket;
    }

    /** A directory the daemon's user may fill. */
    Path poolDir(String name) throws IOException {
        Path p = Files.createDirectories(dir.resolve(name));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        return p;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        // libvirtd runs under runuser: its own pid file names the daemon
        Path pid = dir.resolve("libvirtd.pid");
        if (Files.exists(pid)) {
            long id = Long.parseLong(Files.readString(pid).strip());
            ProcessHandle.of(id).ifPresent(ProcessHandle::destroy);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
