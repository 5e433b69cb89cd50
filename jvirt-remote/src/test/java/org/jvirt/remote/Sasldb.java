package org.jvirt.remote;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private cyrus-sasl configuration for a test libvirtd ({@code SASL_CONF_PATH}): libvirt.conf naming the
 * mechanisms and a sasldb filled by the real saslpasswd2 (the password on its stdin, never its command line).
 */
final class Sasldb {

    static final Path SASLPASSWD2 = Path.of("/usr/sbin/saslpasswd2");

    private Sasldb() {
    }

    static void create(Path dir, String... userPasswordPairs) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path db = dir.resolve("passwd.db");
        Files.writeString(dir.resolve("libvirt.conf"), "mech_list: scram-sha-256 digest-md5\nsasldb_path: " + db
                + "\n");
        for (int i = 0; i + 1 < userPasswordPairs.length; i += 2) {
            Process p = new ProcessBuilder(SASLPASSWD2.toString(), "-f", db.toString(), "-a", "libvirt", "-c", "-p",
                    userPasswordPairs[i]).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(userPasswordPairs[i + 1].getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("saslpasswd2 failed: " + out);
            }
        }
    }
}
