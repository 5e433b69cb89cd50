package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * auth_tls = "sasl": real virsh authenticates with SCRAM-SHA-256 inside TLS (secure, so no SASL layer), and
 * the rules backend knows the client by its certificate's DN as well as its SASL name.
 */
class SaslTlsTest {

    private static SaslDaemon fx;
    private static Path pki;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no virsh");
        Path base = Files.createTempDirectory("jvirtd-sasl-pki");
        pki = base.resolve("client");
        Files.createDirectories(pki);
        TestPki.Issued ca = TestPki.ca("jvirt test CA");
        TestPki.Issued server = TestPki.server(ca, "localhost");
        TestPki.Issued client = TestPki.client(ca, "ops1");
        TestPki.writePem(base.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(base.resolve("servercert.pem"), server.cert());
        TestPki.writePem(base.resolve("serverkey.pem"), server.keys().getPrivate());
        TestPki.writePem(pki.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(pki.resolve("clientcert.pem"), client.cert());
        TestPki.writePem(pki.resolve("clientkey.pem"), client.keys().getPrivate());
        Path rules = base.resolve("rules.conf");
        Files.writeString(rules, """
                # the certificate opens the host; alice (by SASL name) may look at domains but change nothing
                "x509-dn:C=GB,O=jvirt test,CN=ops*"   connect   getattr,read,search_domains
                sasl-user:alice                       domain    getattr,read
                """);
        fx = new SaslDaemon("""
                listen_tls = 1
                tls_port = "0"
                auth_tls = "sasl"
                ca_file = "%s"
                cert_file = "%s"
                key_file = "%s"
                access_drivers = ["rules"]
                access_rules_file = "%s"
                """.formatted(base.resolve("cacert.pem"), base.resolve("servercert.pem"),
                base.resolve("serverkey.pem"), rules));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (pki != null) {
            try (var s = Files.walk(pki.getParent())) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String uri() {
        return "test+tls://localhost:" + fx.daemon.tlsPort() + "/default?pkipath=" + pki
                + "&auth=sasl.SCRAM-SHA-256";
    }

    @Test
    void scramInsideTlsAndRulesByDnAndSaslName() throws Exception {
        Path auth = fx.authFile("alice", "alice-secret");
        Tools.Result r = fx.virsh(auth, uri(), "list", "--all");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s).*\\b1\\s+test\\s+running.*"), r::toString);
        Tools.Result no = fx.virsh(auth, uri(), "suspend", "test");
        assertNotEquals(0, no.code(), no::toString);
        assertTrue(no.err().contains("access denied: 'Test' denied access"), no::toString);
        Tools.Result bad = fx.virsh(fx.authFile("alice", "wrong"), uri(), "list");
        assertTrue(bad.err().contains("authentication failed"), bad::toString);
    }
}
