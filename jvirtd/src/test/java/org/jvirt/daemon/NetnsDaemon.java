package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A daemon (jvirtd, or a private real libvirtd 9.0) in a network namespace of its own, for tests of network
 * drivers: what it makes (bridges, rules, dnsmasq) stays in the namespace and goes with it. libvirtd also gets
 * tmpfs over its fixed state directories in the mount namespace {@code ip netns exec} gives it.
 */
final class NetnsDaemon implements AutoCloseable {

    final String ns;
    final Path dir;
    final Path socket;
    private Process process;
    private final ProcessBuilder builder;

    private NetnsDaemon(String ns, Path dir, Path socket, Process process, ProcessBuilder builder) {
        this.ns = ns;
        this.dir = dir;
        this.socket = socket;
        this.process = process;
        this.builder = builder;
    }

    /** Stops the daemon (SIGTERM: what it started keeps running) and starts it again in the same namespace. */
    void restart() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the daemon did not stop");
        }
        Files.deleteIfExists(socket);
        process = builder.start();
        waitForSocket(this);
    }

    /** The URI real clients open the daemon's network driver with. */
    String networkUri() {
        return "network+unix:///system?socket=" + socket;
    }

    static NetnsDaemon jvirtd(String tag) throws Exception {
        String ns = "network-" + tag + ProcessHandle.current().pid();
        Path dir = tempDir(tag);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                listen_tcp = 0
                listen_tls = 0
                """.formatted(run));
        addNs(ns);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", ns, java.toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "-f", conf.toString()));
        pb.environment().put("JVIRT_HOST_ROOT", dir.resolve("root").toString());
        // its QEMU driver's state below the test's directory too, never the host's (short: socket paths)
        pb.environment().put("JVIRT_QEMU_STATE_DIR", dir.resolve("qs").toString());
        pb.environment().put("JVIRT_QEMU_RUN_DIR", dir.resolve("q").toString());
        pb.environment().put("XDG_RUNTIME_DIR", run.toString());
        return started(ns, dir, run.resolve(Daemon.SOCK_RW), pb);
    }

    static NetnsDaemon libvirtd(String tag) throws Exception {
        String ns = "network-" + tag + ProcessHandle.current().pid();
        Path dir = tempDir(tag);
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(dir.resolve("libvirtd.conf"), """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0700"
                auth_unix_rw = "none"
                auth_unix_ro = "none"
                """.formatted(run));
        // the libvirt-qemu user its QEMU driver insists on, in its own mount namespace only
        String passwd = Files.readString(Path.of("/etc/passwd"));
        String group = Files.readString(Path.of("/etc/group"));
        Files.writeString(dir.resolve("passwd"), passwd + (passwd.contains("\nlibvirt-qemu:") ? ""
                : "libvirt-qemu:x:64055:64055::/nonexistent:/usr/sbin/nologin\n"));
        Files.writeString(dir.resolve("group"), group + (group.contains("\nlibvirt-qemu:") ? ""
                : "libvirt-qemu:x:64055:\n") + (group.contains("\nkvm:") ? "" : "kvm:x:64056:\n"));
        addNs(ns);
        ProcessBuilder pb = new ProcessBuilder(List.of("ip", "netns", "exec", ns, "sh", "-c", """
                mount --bind "$1/passwd" /etc/passwd && mount --bind "$1/group" /etc/group || exit 1
                for d in /run /var/lib /var/cache /var/log /etc/libvirt; do mount -t tmpfs tmpfs "$d" || exit 1; done
                exec /usr/sbin/libvirtd -f "$1/libvirtd.conf" -p "$1/pid"
                """, "sh", dir.toString()));
        return started(ns, dir, run.resolve("libvirt-sock"), pb);
    }

    private static Path tempDir(String tag) throws IOException {
        return Files.createTempDirectory(Path.of("/tmp"), "jvn" + tag,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    private static void addNs(String ns) {
        run(true, "ip", "netns", "add", ns);
        run(true, "ip", "netns", "exec", ns, "ip", "link", "set", "lo", "up");
    }

    private static NetnsDaemon started(String ns, Path dir, Path socket, ProcessBuilder pb) throws Exception {
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("daemon.log").toFile()));
        NetnsDaemon d = new NetnsDaemon(ns, dir, socket, pb.start(), pb);
        waitForSocket(d);
        return d;
    }

    private static void waitForSocket(NetnsDaemon d) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(d.socket)) {
            if (!d.process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(d.dir.resolve("daemon.log"));
                d.close();
                throw new IOException("daemon in " + d.ns + " did not come up: " + log);
            }
            Thread.sleep(20);
        }
    }

    /** Runs a command inside the namespace. */
    String inNs(String... argv) {
        List<String> a = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        a.addAll(List.of(argv));
        return run(true, a.toArray(new String[0]));
    }

    /** Real virsh on this daemon's network driver. */
    String virsh(String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", networkUri()));
        argv.addAll(List.of(args));
        return run(true, argv.toArray(new String[0]));
    }

    static String run(boolean mustSucceed, String... argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            if (mustSucceed) {
                assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Stops the daemon, then every process left in its namespace (by pid), then the namespace and files. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        for (String pid : run(false, "ip", "netns", "pids", ns).split("\\s+")) {
            if (!pid.isBlank()) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        run(false, "ip", "netns", "del", ns);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
