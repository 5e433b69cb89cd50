package org.jvirt.remote;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * A private OpenSSH server on loopback for the {@code +ssh} transport tests, one per test class: a host key and a
 * client key pair generated in a temp directory, {@code sshd -D -e -f CONF} on 127.0.0.1 and a free port, public
 * key login only (root included: {@code PermitRootLogin prohibit-password}), no PAM. Never touches the system's sshd
 * configuration or keys. Skips the calling test (JUnit assumption) when /usr/sbin/sshd is missing; CI installs it
 * (scripts/setup-test-deps.sh).
 *
 * <p>The client side: a URI carries what libvirt's ssh transport has parameters for (the port, {@code keyfile=},
 * {@code no_verify=1}); {@link #sshCommand()} is a wrapper for libvirt's {@code command=} (the ssh binary) that adds
 * {@code UserKnownHostsFile=/dev/null}, so that real clients leave no trace in ~/.ssh. jvirt's client has no such
 * parameter for ssh, so its ssh records the throwaway host key in the user's known_hosts;
 * {@link #close()} removes that entry again.
 *
 * <p>Public, in the test-jar: jvirtd's tests run the same server in front of jvirtd.
 */
public final class Sshd implements AutoCloseable {

    public static final Path SSHD = Path.of("/usr/sbin/sshd");

    /** The temp directory: keys, config, log; callers may put their own files here. */
    public final Path dir;
    public final int port;
    /** The client's private key, for {@code ?keyfile=}. */
    public final Path clientKey;
    /** The user to log in as: the one running the tests (root on CI). */
    public final String user;
    private final Process process;

    private Sshd(Path remotePathPrefix) throws IOException, InterruptedException {
        dir = Files.createTempDirectory("jvirt-sshd-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        user = System.getProperty("user.name");
        Path hostKey = dir.resolve("host_key");
        clientKey = dir.resolve("client_key");
        keygen(hostKey);
        keygen(clientKey);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(dir.resolve("client_key.pub"), authorized);
        if ("root".equals(user)) {
            // privilege separation needs its empty chroot directory; the package makes it at boot, not at install
            Files.createDirectories(Path.of("/run/sshd"));
        }
        port = freePort();
        StringBuilder conf = new StringBuilder();
        conf.append("ListenAddress 127.0.0.1\n");
        conf.append("Port ").append(port).append('\n');
        conf.append("HostKey ").append(hostKey).append('\n');
        conf.append("PidFile ").append(dir.resolve("sshd.pid")).append('\n');
        conf.append("AuthorizedKeysFile ").append(authorized).append('\n');
        conf.append("StrictModes no\n");
        conf.append("PermitRootLogin prohibit-password\n");
        conf.append("PubkeyAuthentication yes\n");
        conf.append("PasswordAuthentication no\n");
        conf.append("KbdInteractiveAuthentication no\n");
        conf.append("UsePAM no\n");
        conf.append("AllowUsers ").append(user).append('\n');
        conf.append("PrintMotd no\n");
        conf.append("PrintLastLog no\n");
        conf.append("LogLevel VERBOSE\n");
        if (remotePathPrefix != null) {
            // the session's PATH: our own programs (e.g. a virt-ssh-helper) come first
            conf.append("SetEnv PATH=").append(remotePathPrefix)
                    .append(":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
        }
        Path confFile = dir.resolve("sshd_config");
        Files.writeString(confFile, conf);
        Path log = dir.resolve("sshd.log");
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", confFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        waitReady(Duration.ofSeconds(20));
    }

    /** Starts a server; the remote session's PATH is the system's. */
    public static Sshd start() throws Exception {
        return start(null);
    }

    /** Starts a server whose sessions find programs in {@code remotePathPrefix} first (null: none). */
    public static Sshd start(Path remotePathPrefix) throws Exception {
        assumeTrue(Files.isExecutable(SSHD), "no /usr/sbin/sshd on this machine");
        return new Sshd(remotePathPrefix);
    }

    /**
     * {@code DRIVER+ssh://USER@127.0.0.1:PORT/PATH?keyfile=KEY&no_verify=1[&params]}: everything the client needs
     * to reach this server through libvirt's own URI parameters.
     */
    public String uri(String driver, String path, String params) {
        return driver + "+ssh://" + user + "@127.0.0.1:" + port + path + "?keyfile=" + clientKey + "&no_verify=1"
                + (params == null || params.isEmpty() ? "" : "&" + params);
    }

    /**
     * A script for libvirt's {@code command=} URI parameter (the ssh binary to run): the system's ssh with no known
     * hosts file and quiet logging, otherwise the arguments libvirt gives it.
     */
    public Path sshCommand() throws IOException {
        Path wrapper = dir.resolve("ssh-wrapper");
        if (!Files.exists(wrapper)) {
            Files.writeString(wrapper, "#!/bin/sh\nexec ssh -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "
                    + "\"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        }
        return wrapper;
    }

    /** What sshd logged (-e: to stderr, kept in a file), for assertion messages. */
    public String log() {
        try {
            return Files.readString(dir.resolve("sshd.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void waitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not come up: " + log());
    }

    private static void keygen(Path key) throws IOException, InterruptedException {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jvirt-test", "-f", key.toString()));
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(cmd + " exited " + p.exitValue() + ": " + out);
        }
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Stops sshd (its per-connection children too), forgets the host key jvirt's client recorded in the user's
     * known_hosts under {@code [127.0.0.1]:PORT}, and removes the directory.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        all.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.forEach(ProcessHandle::destroyForcibly);
        Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        if (Files.exists(knownHosts)) {
            Path backup = Path.of(knownHosts + ".old");
            boolean hadBackup = Files.exists(backup);
            try {
                run(List.of("ssh-keygen", "-q", "-f", knownHosts.toString(), "-R", "[127.0.0.1]:" + port));
                if (!hadBackup) {
                    Files.deleteIfExists(backup);
                }
            } catch (IOException | InterruptedException e) {
                // not found or not removable: harmless, the next server has another key and port
            }
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
