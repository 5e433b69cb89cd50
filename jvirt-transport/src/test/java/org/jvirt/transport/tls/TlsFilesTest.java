package org.jvirt.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;

/**
 * The x509 pieces both sides read: libvirt's default file layout and tls_* keys, PEM keys in the formats
 * certtool and openssl write (PKCS#1 "RSA PRIVATE KEY" and PKCS#8), certificates, and the DN allow-list in both
 * DN orders.
 */
class TlsFilesTest {

    @Test
    void serverConfigDefaultsAreLibvirts() {
        TlsServerConfig c = TlsServerConfig.from(ConfFile.empty());
        assertEquals("/etc/pki/libvirt/private/serverkey.pem", c.keyFile());
        assertEquals("/etc/pki/libvirt/servercert.pem", c.certFile());
        assertEquals("/etc/pki/CA/cacert.pem", c.caFile());
        assertNull(c.crlFile());
        assertFalse(c.noVerify());
        assertEquals(List.of("TLSv1.2"), c.protocols());
    }

    @Test
    void anUnknownProtocolIsAConfError() {
        VirtException e = assertThrows(VirtException.class, () -> TlsServerConfig.from(ConfFile.parse(
                "tls_protocols = [\"SSLv3\"]\n", "t.conf")));
        assertEquals(ErrorNumber.CONF_SYNTAX.code(), e.error().code());
        assertTrue(e.getMessage().contains("SSLv3"), e.getMessage());
    }

    @Test
    void clientLayoutIsLibvirts() {
        ClientPki p = ClientPki.custom(Path.of("/p"));
        assertEquals(Path.of("/p/cacert.pem"), p.caCert());
        assertEquals(Path.of("/p/clientcert.pem"), p.clientCert());
        assertEquals(Path.of("/p/clientkey.pem"), p.clientKey());
        assertEquals(Path.of("/etc/pki/libvirt/private/clientkey.pem"), ClientPki.system().clientKey());
    }

    @Test
    void pemKeysInBothFormatsAndCertificates() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-transport-pem");
        try {
            run(dir, "openssl", "genrsa", "-traditional", "-out", "pkcs1.pem", "2048");
            run(dir, "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "pkcs1.pem", "-out", "pkcs8.pem");
            run(dir, "openssl", "req", "-x509", "-new", "-key", "pkcs8.pem", "-subj", "/O=jvirt/CN=ca", "-days", "1",
                    "-out", "cert.pem");
            assertTrue(Files.readString(dir.resolve("pkcs1.pem")).contains("BEGIN RSA PRIVATE KEY"));
            RSAPrivateCrtKey a = (RSAPrivateCrtKey) Pem.privateKey(dir.resolve("pkcs1.pem"));
            RSAPrivateCrtKey b = (RSAPrivateCrtKey) Pem.privateKey(dir.resolve("pkcs8.pem"));
            assertEquals(a.getModulus(), b.getModulus(), "PKCS#1 wrapped into PKCS#8 is the same key");
            assertEquals(a.getPrivateExponent(), b.getPrivateExponent());
            assertEquals(new X500Principal("CN=ca,O=jvirt"),
                    Pem.certificates(dir.resolve("cert.pem")).get(0).getSubjectX500Principal());
            assertThrows(IOException.class, () -> Pem.privateKey(dir.resolve("cert.pem")), "no key in a cert");
        } finally {
            try (var s = Files.list(dir)) {
                for (Path f : s.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void dnAllowListMatchesEitherOrder() {
        X500Principal alice = new X500Principal("CN=alice,O=jvirt,C=GB");
        assertTrue(new DnAllowList(List.of()).allows(alice), "an empty list allows all");
        assertTrue(new DnAllowList(List.of("C=GB,O=jvirt,CN=*")).allows(alice), "certificate order");
        assertTrue(new DnAllowList(List.of("CN=ali?e,O=jvirt,C=GB")).allows(alice), "RFC 4514 order");
        assertFalse(new DnAllowList(List.of("C=GB,O=other,CN=*")).allows(alice));
    }

    private static void run(Path dir, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
