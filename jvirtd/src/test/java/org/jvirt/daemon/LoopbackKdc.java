package org.jvirt.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private MIT KDC (Debian's krb5-kdc) on a loopback port, realm JVIRT.TEST, in a temp dir: its own krb5.conf
 * and kdc.conf (KRB5_CONFIG, KRB5_KDC_PROFILE), the service principal libvirt/localhost in a keytab, and users
 * with passwords. {@link #kinit} fills a credential cache the real clients use through KRB5CCNAME.
 */
final class LoopbackKdc implements AutoCloseable {

    static final String REALM = "JVIRT.TEST";
    static final Path KRB5KDC = Path.of("/usr/sbin/krb5kdc");

    final Path dir;
    final Path krb5Conf;
    final Path keytab;
    final int port;
    private final Map<String, String> env;
    private final Process kdc;

    LoopbackKdc(String... userPasswordPairs) throws Exception {
        dir = Files.createTempDirectory("auth-kdc");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        krb5Conf = dir.resolve("krb5.conf");
        keytab = dir.resolve("krb5.keytab");
        Files.writeString(krb5Conf, """
                [libdefaults]
                 default_realm = %s
                 dns_lookup_realm = false
                 dns_lookup_kdc = false
                 rdns = false
                 dns_canonicalize_hostname = false
                 udp_preference_limit = 1
                [realms]
                 %s = {
                  kdc = 127.0.0.1:%d
                 }
                [domain_realm]
                 localhost = %s
                """.formatted(REALM, REALM, port, REALM));
        Files.writeString(dir.resolve("kdc.conf"), """
                [kdcdefaults]
                 kdc_ports = %d
                 kdc_tcp_ports = %d
                [realms]
                 %s = {
                  database_name = %s
                  key_stash_file = %s
                  acl_file = %s
                  supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
                 }
                [logging]
                 kdc = FILE:%s
                """.formatted(port, port, REALM, dir.resolve("principal"), dir.resolve("stash"),
                dir.resolve("kadm5.acl"), dir.resolve("kdc.log")));
        env = Map.of("KRB5_CONFIG", krb5Conf.toString(), "KRB5_KDC_PROFILE", dir.resolve("kdc.conf").toString());
        run(null, "kdb5_util", "create", "-s", "-r", REALM, "-P", "jvirt-master-" + System.nanoTime());
        for (int i = 0; i + 1 < userPasswordPairs.length; i += 2) {
            // the password travels inside kadmin's own query string: a test-only secret, on a private KDC
            run(null, "kadmin.local", "-q", "addprinc -pw " + userPasswordPairs[i + 1] + " " + userPasswordPairs[i]);
        }
        run(null, "kadmin.local", "-q", "addprinc -randkey libvirt/localhost");
        run(null, "kadmin.local", "-q", "ktadd -k " + keytab + " libvirt/localhost");
        ProcessBuilder pb = new ProcessBuilder(KRB5KDC.toString(), "-n", "-P", dir.resolve("kdc.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("kdc.out").toFile());
        pb.environment().putAll(env);
        kdc = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !kdc.isAlive()) {
                    throw new IOException("krb5kdc did not start: " + Files.readString(dir.resolve("kdc.out")));
                }
                Thread.sleep(100);
            }
        }
    }

    Map<String, String> env() {
        return env;
    }

    /** A credential cache holding {@code user}'s ticket-granting ticket. */
    Path kinit(String user, String password) throws Exception {
        Path cc = dir.resolve("cc-" + user);
        run(password, "kinit", "-c", "FILE:" + cc, user);
        return cc;
    }

    private void run(String stdin, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(List.of(cmd) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException {
        kdc.destroy();
        try {
            if (!kdc.waitFor(10, TimeUnit.SECONDS)) {
                kdc.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
