package org.jvirt.driver.qemu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away CA and a server certificate it signed, made with openssl, in the file names QEMU's TLS servers
 * (SPICE, VNC) load from their x509 directory: ca-cert.pem, server-cert.pem, server-key.pem.
 */
public final class TestCerts {

    private TestCerts() {
    }

    public static void serverCerts(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (Files.exists(dir.resolve("server-cert.pem"))) {
            return;
        }
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=jvirt test CA",
                "-keyout", "ca-key.pem", "-out", "ca-cert.pem");
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
                "server-key.pem", "-out", "server.csr");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca-cert.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-days", "2", "-out", "server-cert.pem");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + ": " + out);
        }
    }
}
