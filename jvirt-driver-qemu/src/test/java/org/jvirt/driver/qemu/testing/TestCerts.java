package org.jvirt.driver.qemu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A throw-away CA and a server certificate it signed (for localhost and 127.0.0.1), made with openssl, in the file
 * names QEMU's TLS servers (SPICE, VNC, qemu-nbd) load from their x509 directory: ca-cert.pem, server-cert.pem,
 * server-key.pem; and client certificates of the same CA in the names QEMU's TLS clients load.
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
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", "server-key.pem", "-out", "server.csr");
        openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca-cert.pem", "-CAkey", "ca-key.pem",
                "-CAcreateserial", "-days", "2", "-copy_extensions", "copyall", "-out", "server-cert.pem");
    }

    /**
     * A client directory ({@code ca-cert.pem}, {@code client-cert.pem}, {@code client-key.pem}) signed by the CA
     * of {@code serverDir} (made first if needed); with {@code keyPassphrase} the key is PKCS#8 encrypted with it.
     */
    public static void clientCerts(Path serverDir, Path clientDir, String keyPassphrase)
            throws IOException, InterruptedException {
        serverCerts(serverDir);
        Files.createDirectories(clientDir);
        Files.copy(serverDir.resolve("ca-cert.pem"), clientDir.resolve("ca-cert.pem"));
        openssl(clientDir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=jvirt test client", "-keyout",
                "plain-key.pem", "-out", "client.csr");
        openssl(clientDir, "x509", "-req", "-in", "client.csr", "-CA", serverDir.resolve("ca-cert.pem").toString(),
                "-CAkey", serverDir.resolve("ca-key.pem").toString(), "-CAcreateserial", "-days", "2", "-out",
                "client-cert.pem");
        if (keyPassphrase == null) {
            Files.move(clientDir.resolve("plain-key.pem"), clientDir.resolve("client-key.pem"));
            return;
        }
        Path pass = clientDir.resolve("pass");
        Files.writeString(pass, keyPassphrase);
        openssl(clientDir, "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", "plain-key.pem", "-passout",
                "file:" + pass, "-out", "client-key.pem");
        Files.delete(pass);
        Files.delete(clientDir.resolve("plain-key.pem"));
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
