package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * virt-admin srv-update-tls: jvirtd's certificates are replaced on disk by ones from another CA; real virsh with
 * the new CA's client certificate is refused until the reload, and accepted after it, while the old CA's client
 * is refused from then on. No restart, same listener.
 */
class AdminTlsReloadTest {

    private static void writeServerFiles(Path base, TestPki.Issued ca) throws Exception {
        TestPki.Issued server = TestPki.server(ca, "localhost");
        TestPki.writePem(base.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(base.resolve("servercert.pem"), server.cert());
        TestPki.writePem(base.resolve("serverkey.pem"), server.keys().getPrivate());
    }

    private static Path clientDir(Path base, String name, TestPki.Issued ca) throws Exception {
        Path pki = Files.createDirectories(base.resolve(name));
        TestPki.Issued client = TestPki.client(ca, "client1");
        TestPki.writePem(pki.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(pki.resolve("clientcert.pem"), client.cert());
        TestPki.writePem(pki.resolve("clientkey.pem"), client.keys().getPrivate());
        return pki;
    }

    @Test
    void newCertificatesServeNewConnectionsAfterTheReload() throws Exception {
        assumeTrue(VirtAdmin.available(), "no /usr/bin/virt-admin");
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        Path base = Files.createTempDirectory("jvirtd-admin-tls");
        TestPki.Issued oldCa = TestPki.ca("old CA");
        TestPki.Issued newCa = TestPki.ca("new CA");
        writeServerFiles(base, oldCa);
        Path oldClient = clientDir(base, "old", oldCa);
        Path newClient = clientDir(base, "new", newCa);
        try (DaemonFixture fx = new DaemonFixture("""
                listen_tls = 1
                tls_port = "0"
                ca_file = "%s"
                cert_file = "%s"
                key_file = "%s"
                """.formatted(base.resolve("cacert.pem"), base.resolve("servercert.pem"),
                base.resolve("serverkey.pem")))) {
            String uri = "test+tls://localhost:" + fx.daemon.tlsPort() + "/default?pkipath=";
            assertEquals(0, Tools.virsh(uri + oldClient, "list").code());
            assertNotEquals(0, Tools.virsh(uri + newClient, "list").code());

            writeServerFiles(base, newCa);
            assertNotEquals(0, Tools.virsh(uri + newClient, "list").code(), "files alone change nothing");
            Tools.Result r = VirtAdmin.run(fx.daemon.adminSocketPath(), "srv-update-tls", "libvirtd");
            assertEquals(0, r.code(), r::toString);
            assertEquals("update tls related files succeed", r.out().strip());

            Tools.Result after = Tools.virsh(uri + newClient, "list", "--name");
            assertEquals(0, after.code(), after::toString);
            assertEquals("test", after.out().strip());
            assertNotEquals(0, Tools.virsh(uri + oldClient, "list").code());

            // a TLS client as client-info shows it: its address and its certificate's DN
            Path events = base.resolve("events.out");
            Process watcher = Tools.start(events, Tools.VIRSH.toString(), "-c", uri + newClient, "event", "--all",
                    "--loop");
            try {
                String id = null;
                for (int i = 0; i < 200 && id == null; i++) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^ (\\d+)\\s+tls\\s")
                            .matcher(VirtAdmin.run(fx.daemon.adminSocketPath(), "srv-clients-list", "libvirtd").out());
                    id = m.find() ? m.group(1) : null;
                    Thread.sleep(50);
                }
                assertNotNull(id, "the TLS client is listed");
                Tools.Result info = VirtAdmin.run(fx.daemon.adminSocketPath(), "client-info", "libvirtd", id);
                assertTrue(info.out().contains("transport      : tls"), info::toString);
                assertTrue(info.out().matches("(?s).*sock_addr      : 127\\.0\\.0\\.1;\\d+\n.*"), info::toString);
                assertTrue(info.out().matches("(?s).*tls_x509_dname : [^\\n]*CN=client1.*"), info::toString);
                assertFalse(info.out().contains("unix_user_name"), info::toString);
            } finally {
                watcher.destroyForcibly();
            }

            // a file that does not load changes nothing
            Files.writeString(base.resolve("serverkey.pem"), "not a key\n");
            Tools.Result bad = VirtAdmin.run(fx.daemon.adminSocketPath(), "srv-update-tls", "libvirtd");
            assertNotEquals(0, bad.code(), bad::toString);
            assertEquals(0, Tools.virsh(uri + newClient, "list").code());
        }
    }
}
