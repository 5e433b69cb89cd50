package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GSSAPI against a loopback MIT KDC: jvirtd accepts with the JDK's Kerberos (keytab of libvirt/localhost),
 * real virsh initiates with cyrus-sasl's GSSAPI plugin from a kinit credential cache, over plain TCP, where the
 * mechanism's confidentiality layer then wraps every packet. A user outside sasl_allowed_username_list and a
 * client without tickets are refused.
 */
class GssapiTest {

    private static LoopbackKdc kdc;
    private static SaslDaemon fx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(LoopbackKdc.KRB5KDC), "no krb5kdc (krb5-kdc)");
        assumeTrue(Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/sasl2/libgssapiv2.so")), "no cyrus GSSAPI");
        assumeTrue(Tools.hasVirsh(), "no virsh");
        kdc = new LoopbackKdc("alice", "alice-krb", "mallory", "mallory-krb");
        // the JDK reads its Kerberos configuration once, at first use: point it at the private KDC first
        System.setProperty("java.security.krb5.conf", kdc.krb5Conf.toString());
        fx = new SaslDaemon("""
                sasl_mech_list = ["GSSAPI"]
                sasl_keytab = "%s"
                sasl_allowed_username_list = ["alice@JVIRT.TEST"]
                """.formatted(kdc.keytab));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
        if (kdc != null) {
            kdc.close();
        }
    }

    private static Tools.Result virsh(Path cache, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(kdc.env());
        env.put("KRB5CCNAME", "FILE:" + cache);
        List<String> cmd = new java.util.ArrayList<>(List.of(Tools.VIRSH.toString(), "-c",
                "test+tcp://localhost:" + fx.daemon.tcpPort() + "/default?auth=sasl.GSSAPI"));
        cmd.addAll(List.of(args));
        return fx.run(env, cmd);
    }

    @Test
    void virshAuthenticatesWithKerberosTicketsAndALayer() throws Exception {
        Path cc = kdc.kinit("alice", "alice-krb");
        Tools.Result r = virsh(cc, "list", "--all");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s).*\\b1\\s+test\\s+running.*"), r::toString);
        Tools.Result x = virsh(cc, "dumpxml", "test");
        assertEquals(0, x.code(), x::toString);
        assertTrue(x.out().contains("<name>test</name>"), x::toString);
    }

    @Test
    void pythonLibvirtWithKerberos() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        Path cc = kdc.kinit("alice", "alice-krb");
        Map<String, String> env = new HashMap<>(kdc.env());
        env.put("KRB5CCNAME", "FILE:" + cc);
        Tools.Result r = fx.run(env, List.of(Tools.PYTHON.toString(), "-c", """
                import sys, libvirt
                c = libvirt.openAuth(sys.argv[1], [[], None, None], 0)
                print([d.name() for d in c.listAllDomains()], c.isSecure(), c.isEncrypted())
                """, "test+tcp://localhost:" + fx.daemon.tcpPort() + "/default?auth=sasl.GSSAPI"));
        assertEquals("['test'] 1 1", r.out().strip(), r::toString);
    }

    @Test
    void aPrincipalOutsideTheAllowListIsRefused() throws Exception {
        Path cc = kdc.kinit("mallory", "mallory-krb");
        Tools.Result r = virsh(cc, "list");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("authentication failed"), r::toString);
    }

    @Test
    void jvirtsJavaClientWithKerberos() throws Exception {
        Path cc = kdc.kinit("alice", "alice-krb");
        System.setProperty("jvirt.krb5ccname", cc.toString());
        try (org.jvirt.Connect c = org.jvirt.Connect.open("test+tcp://localhost:" + fx.daemon.tcpPort()
                + "/default?auth=sasl.GSSAPI")) {
            assertTrue(c.isEncrypted(), "GSSAPI's confidentiality layer");
            assertEquals("test", c.domainLookupByName("test").getName());
        } finally {
            System.clearProperty("jvirt.krb5ccname");
        }
    }

    @Test
    void noTicketsNoEntry() throws Exception {
        Tools.Result r = virsh(kdc.dir.resolve("no-such-cache"), "list");
        assertNotEquals(0, r.code(), r::toString);
    }
}
