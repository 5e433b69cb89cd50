package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh 9.0 (cyrus-sasl's client plugins) authenticating against jvirtd: SCRAM-SHA-256 on the unix
 * socket (SSF 0 is fine there), DIGEST-MD5 with a confidentiality layer on plain TCP (every packet after the
 * exchange wrapped), and libvirt's refusals: wrong password, a user not in sasl_allowed_username_list, and
 * SCRAM on plain TCP (not offered: no layer).
 */
class SaslVirshTest {

    private static SaslDaemon fx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        assumeTrue(Path.of("/usr/lib/x86_64-linux-gnu/sasl2/libscram.so").toFile().exists(), "no cyrus SCRAM");
        fx = new SaslDaemon("");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void scramOnTheUnixSocket() throws Exception {
        Tools.Result r = fx.virsh(fx.authFile("alice", "alice-secret"), fx.unixUri("auth=sasl.SCRAM-SHA-256"),
                "list", "--all");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s).*\\b1\\s+test\\s+running.*"), r::toString);
    }

    @Test
    void digestMd5WithAWrappedStreamOnTcp() throws Exception {
        Path auth = fx.authFile("alice", "alice-secret");
        Tools.Result r = fx.virsh(auth, fx.tcpUri("auth=sasl.DIGEST-MD5"), "dumpxml", "test");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("<name>test</name>"), r::toString);
        // a call and a reply bigger than one wrapped token (64 KiB): both streams are cut into several tokens
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 6000; i++) {
            big.append("padding line ").append(i).append(' ');
        }
        Path xml = fx.dir.resolve("big.xml");
        java.nio.file.Files.writeString(xml, "<domain type='test'><name>big</name><description>" + big
                + "</description><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        String tcp = fx.tcpUri("auth=sasl.DIGEST-MD5");
        r = fx.virsh(auth, tcp, "define", xml.toString());
        assertEquals(0, r.code(), r::toString);
        r = fx.virsh(auth, tcp, "dumpxml", "big");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().length() > 100_000 && r.out().contains("padding line 5999"), r::toString);
        assertEquals(0, fx.virsh(auth, tcp, "undefine", "big").code());
    }

    @Test
    void wrongPasswordIsAuthFailed() throws Exception {
        Tools.Result r = fx.virsh(fx.authFile("alice", "wrong"), fx.unixUri("auth=sasl.SCRAM-SHA-256"), "list");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("authentication failed"), r::toString);
    }

    @Test
    void userNotInTheAllowListIsRefused() throws Exception {
        Tools.Result r = fx.virsh(fx.authFile("carol", "carol-secret"), fx.unixUri("auth=sasl.SCRAM-SHA-256"),
                "list");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("authentication failed"), r::toString);
    }

    @Test
    void scramIsNotOfferedOnPlainTcp() throws Exception {
        Tools.Result r = fx.virsh(fx.authFile("alice", "alice-secret"), fx.tcpUri("auth=sasl.SCRAM-SHA-256"),
                "list");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("SASL mechanism SCRAM-SHA-256 not supported by server"), r::toString);
    }
}
