package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.ConnectAuth;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** jvirt's own client authenticating to jvirtd: SCRAM on the unix socket, DIGEST-MD5 with a layer on TCP. */
class SaslJavaClientTest {

    private static SaslDaemon fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new SaslDaemon("");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    static ConnectAuth callback(String user, String password) {
        return new ConnectAuth() {
            @Override
            public Set<CredentialType> supportedTypes() {
                return Set.of(CredentialType.AUTHNAME, CredentialType.PASSPHRASE);
            }

            @Override
            public void provide(List<Credential> credentials) {
                for (Credential c : credentials) {
                    c.result = c.type == CredentialType.AUTHNAME ? user : password;
                }
            }
        };
    }

    @Test
    void scramOnUnix() {
        try (Connect c = Connect.open(fx.unixUri(""), callback("alice", "alice-secret"))) {
            assertEquals("test", c.domainLookupByName("test").getName());
        }
    }

    @Test
    void digestMd5OnTcpWithALayerCarriesBigMessages() {
        try (Connect c = Connect.open(fx.tcpUri(""), callback("alice", "alice-secret"))) {
            assertTrue(c.isEncrypted());
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                big.append("padding line ").append(i).append(' ');
            }
            var d = c.domainDefineXML("<domain type='test'><name>bigj</name><description>" + big
                    + "</description><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
            assertTrue(d.getXMLDesc().contains("padding line 4999"));
            d.undefine();
        }
    }

    @Test
    void authFileAndRefusals() throws Exception {
        try (Connect c = Connect.open(fx.unixUri("authfile=" + fx.authFile("alice", "alice-secret")))) {
            assertEquals("test", c.domainLookupByName("test").getName());
        }
        VirtException wrong = assertThrows(VirtException.class,
                () -> Connect.open(fx.unixUri(""), callback("alice", "nope")));
        assertEquals(ErrorNumber.AUTH_FAILED.code(), wrong.error().code());
        VirtException denied = assertThrows(VirtException.class,
                () -> Connect.open(fx.unixUri(""), callback("carol", "carol-secret")));
        assertEquals(ErrorNumber.AUTH_FAILED.code(), denied.error().code());
    }
}
