package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.testing.TestCerts;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * SPICE over TLS as qemu.conf turns it on ({@code spice_tls = 1}, {@code spice_tls_x509_cert_dir}): autoport
 * gives the guest a plaintext and a TLS port, and a TLS client that trusts the configured CA completes a
 * handshake with QEMU's SPICE server on the TLS port.
 */
class SpiceTlsTest extends FreshDriverTest {

    @Test
    void tlsPortServesTheConfiguredCertificate() throws Exception {
        Path hostRoot = fx.dir.resolve("host");
        Path pki = fx.dir.resolve("spice-pki");
        TestCerts.serverCerts(pki);
        Path etc = Files.createDirectories(hostRoot.resolve("session").resolve("etc"));
        Files.writeString(etc.resolve("qemu.conf"), "spice_tls = 1\nspice_tls_x509_cert_dir = \"" + pki + "\"\n");
        try (Connect c = Connect.open(fx.uri + "&host_root=" + hostRoot)) {
            Domain d = c.domainCreateXML(fx.guestXml("spicetls", """
                    <graphics type='spice' autoport='yes'/>
                    <video><model type='qxl'/></video>"""), DomainCreateFlag.START_PAUSED);
            try {
                GraphicsXml g = DomainXml.parse(d.getXMLDesc()).devices().graphics().get(0);
                String tls = Dom.attribute(g.element(), "tlsPort");
                assertNotNull(tls, g.toXml());
                assertNotNull(g.port(), "a plaintext port too (defaultMode any)");
                X509Certificate ca;
                try (InputStream in = Files.newInputStream(pki.resolve("ca-cert.pem"))) {
                    ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                }
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                trust.setCertificateEntry("ca", ca);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, tmf.getTrustManagers(), null);
                try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1",
                        Integer.parseInt(tls))) {
                    s.setSoTimeout(10_000);
                    s.startHandshake();
                    X509Certificate server = (X509Certificate) s.getSession().getPeerCertificates()[0];
                    assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
                }
            } finally {
                d.destroy();
            }
        }
    }
}
