package org.jvirt.remote;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The conformance suite over TLS (x509 both ways, certificates made by the test) to a private real libvirtd. */
class LibvirtdTlsTest extends RemoteConformanceSuite {

    private static Libvirtd daemon;
    private static Path pki;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(Files.createTempDirectory("jvirt-pki-"));
        Libvirtd.openUp(pki);
        daemon = Libvirtd.start(0, pki);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Override
    protected String uri() {
        return "test+tls://127.0.0.1:" + daemon.tlsPort + "/default?pkipath=" + pki;
    }

    @Test
    void tlsConnectionIsEncrypted() {
        try (Connect c = Connect.open(uri())) {
            assertTrue(c.isEncrypted());
            assertTrue(c.isSecure());
        }
    }

    @Test
    void serverRefusesClientWithoutCertificate() throws Exception {
        Path onlyCa = Files.createTempDirectory("jvirt-pki-ca-");
        Files.copy(pki.resolve("cacert.pem"), onlyCa.resolve("cacert.pem"));
        // libvirtd requires a client certificate signed by its CA (tls_no_verify_certificate = 0)
        assertThrows(VirtException.class, () -> Connect.open("test+tls://127.0.0.1:" + daemon.tlsPort
                + "/default?pkipath=" + onlyCa).close());
    }
}
