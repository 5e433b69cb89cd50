package org.jvirt.remote;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private, unprivileged real libvirtd for the tests (wire doc §9.2): its own config, socket directory, loopback
 * TCP (and optionally TLS) port, no authentication; never the system instance's paths. As root it runs as
 * {@code nobody} via runuser. Skips the calling test (JUnit assumption) when /usr/sbin/libvirtd is missing.
 */
final class Libvirtd implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/libvirtd");

    final Path dir;
    final Path socket;
    final int tcpPort;
    final int tlsPort;
    private final Process process;

    /** Options: keepalive_interval for the daemon (0 = default), a directory with TLS files (null = no TLS). */
    private Libvirtd(int keepaliveInterval, Path tlsDir, int port) throws IOException, InterruptedException {
        this(keepaliveInterval, tlsDir, port, null);
    }

    /** With {@code saslUsers} (user, password, ...): auth "sasl" on TCP and the unix socket, a private sasldb. */
    private Libvirtd(int keepaliveInterval, Path tlsDir, int port, String[] saslUsers)
            throws IOException, InterruptedException {
        dir = Files.createTempDirectory("jvirt-lvd-");
        Path run = Files.createDirectories(dir.resolve("run"));
        Path home = Files.createDirectories(dir.resolve("home"));
        tcpPort = port > 0 ? port : freePort();
        tlsPort = tlsDir != null ? freePort() : -1;
        StringBuilder conf = new StringBuilder();
        conf.append("listen_tls = ").append(tlsDir != null ? 1 : 0).append('\n');
        conf.append("listen_tcp = 1\nlisten_addr = \"127.0.0.1\"\n");
        conf.append("tcp_port = \"").append(tcpPort).append("\"\n");
        String auth = saslUsers != null ? "sasl" : "none";
        conf.append("auth_tcp = \"" + auth + "\"\nauth_unix_rw = \"" + auth + "\"\nauth_unix_ro = \"none\"\n");
        Path sasl = dir.resolve("sasl2");
        if (saslUsers != null) {
            Sasldb.create(sasl, saslUsers);
        }
        conf.append("unix_sock_dir = \"").append(run).append("\"\n");
        conf.append("log_outputs = \"3:file:").append(dir.resolve("libvirtd.log")).append("\"\n");
        if (keepaliveInterval != 0) {
            conf.append("keepalive_interval = ").append(keepaliveInterval).append("\nkeepalive_count = 2\n");
        }
        if (tlsDir != null) {
            conf.append("tls_port = \"").append(tlsPort).append("\"\nauth_tls = \"none\"\n");
            conf.append("key_file = \"").append(tlsDir.resolve("serverkey.pem")).append("\"\n");
            conf.append("cert_file = \"").append(tlsDir.resolve("servercert.pem")).append("\"\n");
            conf.append("ca_file = \"").append(tlsDir.resolve("cacert.pem")).append("\"\n");
        }
        Path confFile = dir.resolve("libvirtd.conf");
        Files.writeString(confFile, conf);
        openUp(dir);
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of("env", "SASL_CONF_PATH=" + sasl, "HOME=" + home, "XDG_RUNTIME_DIR=" + run, "XDG_CONFIG_HOME=" + home.resolve(".config"),
                "XDG_CACHE_HOME=" + home.resolve(".cache"), "LIBVIRT_AUTOSTART=0", BINARY.toString(), "--listen",
                "-f", confFile.toString(), "-p", dir.resolve("libvirtd.pid").toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        socket = run.resolve("libvirt-sock");
        waitReady(Duration.ofSeconds(30));
    }

    static Libvirtd start() throws Exception {
        return start(0, null);
    }

    static Libvirtd start(int keepaliveInterval, Path tlsDir) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "no /usr/sbin/libvirtd on this machine");
        return new Libvirtd(keepaliveInterval, tlsDir, 0);
    }

    /** A daemon that asks for SASL on TCP and its read-write socket, knowing these users (user, password, ...). */
    static Libvirtd startSasl(String... users) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "no /usr/sbin/libvirtd on this machine");
        assumeTrue(Files.isExecutable(Sasldb.SASLPASSWD2), "no saslpasswd2 (sasl2-bin)");
        return new Libvirtd(0, null, 0, users);
    }

    /** A fresh daemon on a given TCP port (a "restarted" daemon for the reconnect test). */
    static Libvirtd startOnPort(int port) throws Exception {
        assumeTrue(Files.isExecutable(BINARY), "no /usr/sbin/libvirtd on this machine");
        return new Libvirtd(0, null, port);
    }

    String unixUri(String driverPath) {
        return "test+unix://" + driverPath + "?socket=" + socket;
    }

    String tcpUri(String driverPath) {
        return "test+tcp://127.0.0.1:" + tcpPort + driverPath;
    }

    /** Everything under the test directory readable and writable by the unprivileged daemon. */
    static void openUp(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxrwxrwx" : "rw-rw-rw-"));
            }
        }
    }

    private void waitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("libvirtd exited " + process.exitValue() + ": " + log());
            }
            if (Files.exists(socket) && canConnect(tcpPort) && (tlsPort < 0 || canConnect(tlsPort))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("libvirtd did not come up: " + log());
    }

    String log() {
        try {
            String out = Files.exists(dir.resolve("stdout.log")) ? Files.readString(dir.resolve("stdout.log")) : "";
            String log = Files.exists(dir.resolve("libvirtd.log")) ? Files.readString(dir.resolve("libvirtd.log")) : "";
            return out + "\n" + log;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean canConnect(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** SIGKILL, daemon included (runuser's child): what a crash looks like to clients. */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the daemon (SIGTERM, then SIGKILL) and removes its directory. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover temp directory harms nobody
        }
    }
}
