package org.jvirt.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.ConnectAuth;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * jvirt's Java client authenticating to a private real libvirtd 9.0 (cyrus-sasl server, sasldb from saslpasswd2):
 * SCRAM-SHA-256 on the unix socket through a ConnectAuth callback, DIGEST-MD5 on plain TCP with cyrus's
 * confidentiality layer (every later packet wrapped), credentials from an auth.conf, and the wrong password.
 */
class LibvirtdSaslClientTest {

    private static Libvirtd daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = Libvirtd.startSasl("alice", "alice-secret");
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
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
    void scramOnTheUnixSocketWithACallback() {
        try (Connect c = Connect.open(daemon.unixUri("/default") + "&auth=sasl.SCRAM-SHA-256",
                callback("alice", "alice-secret"))) {
            assertEquals("test", c.domainLookupByName("test").getName());
        }
    }

    @Test
    void digestMd5WithALayerOnTcp() {
        try (Connect c = Connect.open(daemon.tcpUri("/default"), callback("alice", "alice-secret"))) {
            assertTrue(c.isSecure(), "the SASL layer makes plain TCP secure, as libvirt says");
            assertTrue(c.isEncrypted());
            StringBuilder big = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                big.append("padding line ").append(i).append(' ');
            }
            var d = c.domainDefineXML("<domain type='test'><name>big</name><description>" + big
                    + "</description><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
            assertTrue(d.getXMLDesc().contains("padding line 4999"));
            d.undefine();
        }
    }

    @Test
    void credentialsFromAnAuthFile() throws Exception {
        Path f = daemon.dir.resolve("auth.conf");
        Files.writeString(f, "[credentials-t]\nauthname=alice\npassword=alice-secret\n[auth-libvirt-127.0.0.1]\n"
                + "credentials=t\n");
        try (Connect c = Connect.open(daemon.tcpUri("/default") + "?authfile=" + f)) {
            assertEquals("test", c.domainLookupByName("test").getName());
        }
    }

    @Test
    void wrongPasswordIsAuthFailed() {
        VirtException e = assertThrows(VirtException.class, () -> Connect.open(daemon.unixUri("/default")
                + "&auth=sasl.SCRAM-SHA-256", callback("alice", "nope")));
        assertEquals(ErrorNumber.AUTH_FAILED.code(), e.error().code(), e.getMessage());
    }

    @Test
    void noCallbackAndNoFileIsLibvirtsError() {
        VirtException e = assertThrows(VirtException.class, () -> Connect.open(daemon.tcpUri("/default")
                + "?authfile=/nonexistent"));
        assertEquals(ErrorNumber.AUTH_FAILED.code(), e.error().code(), e.getMessage());
    }
}
