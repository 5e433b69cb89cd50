package org.jvirt.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away x509 hierarchy made with the real openssl: a CA, a server certificate for 127.0.0.1, client
 * certificates; and the jvirtd.conf naming them, as a jvirtd on this host would read it.
 */
final class OpensslPki {

    final Path dir;

    OpensslPki(Path dir) throws Exception {
        this.dir = dir;
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=jvirt-web test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        issue("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1,DNS:localhost");
    }

    /** A key and certificate signed by the CA; also NAME.p12 (password "pw") for Java clients. */
    void issue(String name, String subject, String san) throws Exception {
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), san + "\n");
        run("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", name + ".ext", "-out", name + ".pem");
        run("pkcs12", "-export", "-in", name + ".pem", "-inkey", name + ".key", "-passout", "pass:pw",
                "-out", name + ".p12");
    }

    /** jvirtd's TLS keys, with an allow-list of subject globs. */
    Path jvirtdConf(String... allowedDn) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("key_file = \"").append(dir.resolve("server.key")).append("\"\n");
        b.append("cert_file = \"").append(dir.resolve("server.pem")).append("\"\n");
        b.append("ca_file = \"").append(dir.resolve("ca.pem")).append("\"\n");
        if (allowedDn.length > 0) {
            List<String> q = new ArrayList<>();
            for (String d : allowedDn) {
                q.add("\"" + d + "\"");
            }
            b.append("tls_allowed_dn_list = [").append(String.join(", ", q)).append("]\n");
        }
        Path conf = dir.resolve("jvirtd.conf");
        Files.writeString(conf, b.toString());
        return conf;
    }

    /** A client context trusting the CA, presenting NAME's certificate (none when name is null). */
    SSLContext client(String name) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (name != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
                ks.load(in, "pw".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private void run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + ": " + out);
        }
    }
}
