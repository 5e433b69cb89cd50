package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS with certificates made here: virsh finds its client certificate through ?pkipath=; a client without a
 * certificate, or with one from another CA, never gets to RPC.
 */
class TlsTest {

    private static DaemonFixture fx;
    private static Path pki;
    private static TestPki.Issued rogue;

    @BeforeAll
    static void start() throws Exception {
        Path base = Files.createTempDirectory("jvirtd-pki");
        pki = base.resolve("client");
        Files.createDirectories(pki);
        TestPki.Issued ca = TestPki.ca("jvirt test CA");
        TestPki.Issued server = TestPki.server(ca, "localhost");
        TestPki.Issued client = TestPki.client(ca, "client1");
        rogue = TestPki.client(TestPki.ca("some other CA"), "client1");
        TestPki.writePem(base.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(base.resolve("servercert.pem"), server.cert());
        TestPki.writePem(base.resolve("serverkey.pem"), server.keys().getPrivate());
        TestPki.writePem(pki.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(pki.resolve("clientcert.pem"), client.cert());
        TestPki.writePem(pki.resolve("clientkey.pem"), client.keys().getPrivate());
        fx = new DaemonFixture("""
                listen_tls = 1
                tls_port = "0"
                ca_file = "%s"
                cert_file = "%s"
                key_file = "%s"
                tls_allowed_dn_list = ["CN=client*"]
                """.formatted(base.resolve("cacert.pem"), base.resolve("servercert.pem"),
                base.resolve("serverkey.pem")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void virshOverTls() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        String uri = "test+tls://localhost:" + fx.daemon.tlsPort() + "/default?pkipath=" + pki;
        Tools.Result r = Tools.virsh(uri, "list", "--all");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s).*\\b1\\s+test\\s+running.*"), r::toString);
        Tools.Result info = Tools.virsh(uri, "dominfo", "test");
        assertEquals(0, info.code(), info::toString);
        Tools.Result pools = Tools.virsh(uri, "pool-list", "--all");
        assertTrue(pools.out().contains("default-pool"), pools::toString);
    }

    @Test
    void pythonOverTls() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        String uri = "test+tls://localhost:" + fx.daemon.tlsPort() + "/default?pkipath=" + pki;
        Tools.Result r = Tools.python("import sys,libvirt; c=libvirt.open(sys.argv[1]); "
                + "print(c.isSecure(), c.isEncrypted(), [d.name() for d in c.listAllDomains()])", uri);
        assertEquals("1 1 ['test']", r.out().strip(), r::toString);
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        assertTrue(refused(null));
    }

    @Test
    void clientFromAnotherCaIsRefused() throws Exception {
        assertTrue(refused(rogue));
    }

    /** Whether the daemon refuses to send its "accepted" byte to a client holding {@code cert}. */
    private static boolean refused(TestPki.Issued cert) throws Exception {
        KeyManagerFactory kmf = null;
        if (cert != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("c", cert.keys().getPrivate(), new char[0], new X509Certificate[] {cert.cert()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", fx.daemon.tlsPort())) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            return s.getInputStream().read() != 1;
        } catch (IOException e) {
            return true;
        } finally {
            // the daemon keeps serving others
            assertTrue(fx.daemon.tlsPort() > 0);
        }
    }
}
