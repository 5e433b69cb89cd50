package org.jvirt.driver.host.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.VirtException;
import org.jvirt.driver.host.HostCommands;
import org.jvirt.driver.qemu.testing.TestCerts;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * NBD over TLS as qemu.conf sets it up ({@code nbd_tls = 1}, {@code nbd_tls_x509_cert_dir},
 * {@code nbd_tls_x509_secret_uuid}): the real test guest boots from an export of a real qemu-nbd that only speaks
 * TLS and checks the client's certificate; the client key is encrypted, and its passphrase is a private TLS
 * secret that reaches QEMU through the same private file as every disk secret. A disk that opts out
 * ({@code tls='no'}) cannot reach the server, which shows the TLS is real.
 */
class NbdTlsGuestTest {

    private static final String SECRET_UUID = UUID.randomUUID().toString();

    private GuestRoot fx;
    private Process nbd;
    private int port;
    private final String keyPassphrase = GuestRoot.randomSecret("nbdkey-");

    @BeforeEach
    void setUp() throws Exception {
        fx = GuestRoot.open();
        Path server = fx.dir.resolve("pki-server");
        Path client = fx.dir.resolve("pki-client");
        TestCerts.clientCerts(server, client, keyPassphrase);
        Path etc = Files.createDirectories(fx.dir.resolve("session/etc"));
        Files.writeString(etc.resolve("qemu.conf"), "nbd_tls = 1\nnbd_tls_x509_cert_dir = \"" + client
                + "\"\nnbd_tls_x509_secret_uuid = \"" + SECRET_UUID + "\"\n");
        Path image = fx.dir.resolve("export.raw");
        HostCommands.run("qemu-img", "create", "-q", "-f", "raw", image.toString(), "32M");
        port = LoopbackServer.freePort();
        nbd = LoopbackServer.start(List.of("qemu-nbd", "--object", "tls-creds-x509,id=tls0,dir=" + server
                + ",endpoint=server,verify-peer=on", "--tls-creds", "tls0", "--bind=127.0.0.1", "--port=" + port,
                "--export-name=exp", "--format=raw", "--persistent", "--shared=2", image.toString()),
                fx.dir.resolve("qemu-nbd.log"), port);
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (fx != null) {
                fx.close();
            }
        } finally {
            if (nbd != null) {
                nbd.destroyForcibly().waitFor();
            }
        }
    }

    private String domainXml(TestGuest.Artifacts g, String name, String tlsAttr, Path serial) {
        return """
                <domain type='qemu'><name>%s</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.net=0</cmdline></os>
                  <features><acpi/></features>
                  <devices>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source protocol='nbd' name='exp'%s><host name='127.0.0.1' port='%d'/></source>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <serial type='unix'><source mode='bind' path='%s'/><target port='0'/></serial>
                  </devices></domain>""".formatted(name, g.kernel(), g.initrd(), tlsAttr, port, serial);
    }

    @Test
    @Timeout(240)
    void aGuestBootsOverTlsWithAnEncryptedClientKey() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        String token = "nbdtls-" + UUID.randomUUID();
        Path serial = fx.dir.resolve("ser.sock");
        try (Connect c = Connect.open(fx.uri)) {
            c.secretDefineXML("<secret ephemeral='no' private='yes'><uuid>" + SECRET_UUID + "</uuid>"
                    + "<usage type='tls'><name>nbd client key</name></usage></secret>")
                    .setValue(keyPassphrase.getBytes(StandardCharsets.UTF_8));
            Domain d = c.domainCreateXML(domainXml(g, "nbdtls", "", serial));
            try (SerialShell sh = new SerialShell(serial, Duration.ofSeconds(30))) {
                sh.waitFor(Pattern.compile("TESTGUEST-READY"), 0, Duration.ofSeconds(120));
                assertTrue(sh.text().matches("(?s).*TESTGUEST-DISKS[^\\n]*vda.*"), sh.text());
                List<String> qemu = HostTraces.cmdlines("guest=nbdtls");
                assertEquals(1, qemu.size(), qemu.toString());
                assertTrue(qemu.get(0).contains("tls-creds-x509,id=objfile-virtio-disk0_tls0,dir="
                        + fx.dir.resolve("pki-client") + ",endpoint=client,verify-peer=on,"
                        + "passwordid=objfile-virtio-disk0_tls0-secret0"), qemu.get(0));
                assertTrue(qemu.get(0).contains("tls-creds=objfile-virtio-disk0_tls0"), qemu.get(0));
                assertFalse(qemu.get(0).contains(keyPassphrase), "the key passphrase is on QEMU's command line");
                sh.run("printf '" + token + "' | dd of=/dev/vda bs=512 conv=sync,fsync 2>/dev/null; sync",
                        Duration.ofSeconds(30));
            } finally {
                d.destroy();
            }
            byte[] head = new byte[token.length()];
            try (InputStream in = Files.newInputStream(fx.dir.resolve("export.raw"))) {
                assertEquals(head.length, in.readNBytes(head, 0, head.length));
            }
            assertEquals(token, new String(head, StandardCharsets.US_ASCII), "the guest's write reached the export");
            assertEquals(List.of(), HostTraces.filesContaining(fx.dir, keyPassphrase),
                    "the key passphrase is in a file of the host root");

            // without TLS the server does not serve the export: the start fails and leaves no QEMU
            VirtException e = assertThrows(VirtException.class,
                    () -> c.domainCreateXML(domainXml(g, "nbdplain", " tls='no'", fx.dir.resolve("p.sock"))));
            assertTrue(e.getMessage().contains("TLS negotiation required"), e.getMessage());
            assertEquals(List.of(), HostTraces.cmdlines("guest=nbdplain"), "a QEMU outlived the failed start");
        }
    }
}
