package org.jvirt.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jvirt.Connect;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.auth.PasswordFile;
import org.jvirt.daemon.config.DaemonConfig;

/**
 * An in-process jvirtd whose sockets ask for SASL, with a password file of its own in a temp dir, and the real
 * clients run with a libvirt auth.conf ({@code LIBVIRT_AUTH_FILE}) that holds one user's credentials.
 */
final class SaslDaemon implements AutoCloseable {

    final Path dir;
    final Daemon daemon;
    final PasswordFile passwords;
    private final Connect keeper;

    SaslDaemon(String extraConf) throws Exception {
        dir = Files.createTempDirectory("jvirtd-sasl");
        passwords = new PasswordFile(dir.resolve("saslpasswd"));
        passwords.set("alice", "alice-secret".toCharArray(), 4096, true);
        passwords.set("carol", "carol-secret".toCharArray(), 4096, true);
        String conf = """
                unix_sock_dir = "%s"
                unix_sock_rw_perms = "0777"
                listen_tcp = 1
                listen_tls = 0
                listen_addr = "127.0.0.1"
                tcp_port = "0"
                auth_unix_rw = "sasl"
                auth_tcp = "sasl"
                sasl_password_file = "%s"
                sasl_mech_list = ["SCRAM-SHA-256", "DIGEST-MD5"]
                sasl_allowed_username_list = ["alice", "bob*"]
                sasl_realm = "jvirt.test"
                """.formatted(dir.resolve("run"), passwords.path()) + extraConf;
        DaemonConfig config = DaemonConfig.from(ConfFile.parse(conf, "test.conf"));
        keeper = Connect.open("test:///default");
        daemon = new Daemon(config, true, 0);
        daemon.start();
    }

    String unixUri(String query) {
        return "test+unix:///default?socket=" + daemon.socketPath() + (query.isEmpty() ? "" : "&" + query);
    }

    String tcpUri(String query) {
        return "test+tcp://127.0.0.1:" + daemon.tcpPort() + "/default" + (query.isEmpty() ? "" : "?" + query);
    }

    /** An auth.conf giving {@code user}/{@code password} for every host. */
    Path authFile(String user, String password) throws IOException {
        Path f = dir.resolve("auth-" + user + ".conf");
        Files.writeString(f, """
                [credentials-jv]
                username=%s
                authname=%s
                password=%s
                realm=jvirt.test

                [auth-libvirt-default]
                credentials=jv
                """.formatted(user, user, password));
        return f;
    }

    Tools.Result run(Map<String, String> env, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LIBVIRT_AUTOSTART", "0");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "tool", ".out");
        Path err = Files.createTempFile(dir, "tool", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor();
            }
            return new Tools.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    Tools.Result virsh(Path authFile, String uri, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Tools.VIRSH.toString(), "-c", uri));
        cmd.addAll(List.of(args));
        return run(Map.of("LIBVIRT_AUTH_FILE", authFile.toString()), cmd);
    }

    @Override
    public void close() throws IOException {
        daemon.stop();
        keeper.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
