package org.jvirt.driver.host.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.VirtException;
import org.jvirt.driver.host.HostCommands;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * A real test guest whose disk is a LUN of a real iSCSI target (Debian's user-space tgtd, started here on a
 * loopback portal with CHAP required), reached through QEMU's own initiator: the CHAP password is a private
 * iSCSI secret of the scope's secret driver, named in the disk's {@code <auth>} by usage. The guest writes a
 * token through the LUN (read back from the backing file); the password is on no command line and in no file
 * of the host root. A wrong password fails the start with the target's refusal and leaves no QEMU behind.
 */
class IscsiChapGuestTest {

    private static final String IQN = "iqn.2026-12.org.jvirt:lead-" + Long.toString(System.nanoTime(), 36);

    private GuestRoot fx;
    private Process tgtd;
    private final int control = 500 + ThreadLocalRandom.current().nextInt(400);
    private int portal;
    private final String password = GuestRoot.randomSecret("chap-");

    @BeforeEach
    void setUp() throws Exception {
        fx = GuestRoot.open();
        portal = LoopbackServer.freePort();
        Path lun = fx.dir.resolve("lun.raw");
        HostCommands.run("qemu-img", "create", "-q", "-f", "raw", lun.toString(), "32M");
        tgtd = LoopbackServer.start(List.of("tgtd", "-f", "-C", String.valueOf(control), "--iscsi",
                "portal=127.0.0.1:" + portal), fx.dir.resolve("tgtd.log"), portal);
        tgtadm("--op", "new", "--mode", "target", "--tid", "1", "-T", IQN);
        tgtadm("--op", "new", "--mode", "logicalunit", "--tid", "1", "--lun", "1", "-b", lun.toString());
        // the password reaches tgtadm on its command line: that is the target's tool, not jvirt's
        tgtadm("--op", "new", "--mode", "account", "--user", "jvguest", "--password", password);
        tgtadm("--op", "bind", "--mode", "account", "--tid", "1", "--user", "jvguest");
        tgtadm("--op", "bind", "--mode", "target", "--tid", "1", "-I", "ALL");
    }

    private void tgtadm(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tgtadm", "-C", String.valueOf(control), "--lld", "iscsi"));
        argv.addAll(Arrays.asList(args));
        HostCommands.run(argv.toArray(String[]::new));
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (fx != null) {
                fx.close();
            }
        } finally {
            if (tgtd != null) {
                tgtd.destroyForcibly().waitFor();
            }
        }
    }

    private String domainXml(TestGuest.Artifacts g, String name, String usage, Path serial) {
        return """
                <domain type='qemu'><name>%s</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.net=0 tg.token=%s</cmdline></os>
                  <features><acpi/></features>
                  <devices>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw'/>
                      <source protocol='iscsi' name='%s/1'>
                        <host name='127.0.0.1' port='%d'/>
                        <auth username='jvguest'><secret type='iscsi' usage='%s'/></auth>
                      </source>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <serial type='unix'><source mode='bind' path='%s'/><target port='0'/></serial>
                  </devices></domain>""".formatted(name, g.kernel(), g.initrd(), name, IQN, portal, usage, serial);
    }

    private static String secretXml(String usage) {
        return "<secret ephemeral='no' private='yes'><usage type='iscsi'><target>" + usage
                + "</target></usage></secret>";
    }

    @Test
    @Timeout(240)
    void aGuestLogsInWithChapAndThePasswordLeaksNowhere() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        String token = "chaptoken-" + UUID.randomUUID();
        Path serial = fx.dir.resolve("ser.sock");
        try (Connect c = Connect.open(fx.uri)) {
            c.secretDefineXML(secretXml("lead-chap")).setValue(password.getBytes(StandardCharsets.UTF_8));
            Domain d = c.domainCreateXML(domainXml(g, "chapguest", "lead-chap", serial));
            try (SerialShell sh = new SerialShell(serial, Duration.ofSeconds(30))) {
                sh.waitFor(Pattern.compile("TESTGUEST-READY"), 0, Duration.ofSeconds(120));
                assertTrue(sh.text().matches("(?s).*TESTGUEST-DISKS[^\\n]*vda.*"), sh.text());
                List<String> qemu = HostTraces.cmdlines("guest=chapguest");
                assertEquals(1, qemu.size(), qemu.toString());
                assertTrue(qemu.get(0).contains("user=jvguest,password-secret=file-virtio-disk0-auth-secret0"),
                        qemu.get(0));
                assertFalse(qemu.get(0).contains(password), "the CHAP password is on QEMU's command line");
                assertTrue(d.getXMLDesc().contains("<secret type='iscsi' usage='lead-chap'/>"), d.getXMLDesc());
                sh.run("printf '" + token + "' | dd of=/dev/vda bs=512 conv=sync 2>/dev/null; sync",
                        Duration.ofSeconds(30));
            } finally {
                d.destroy();
            }
            byte[] head = new byte[token.length()];
            try (InputStream in = Files.newInputStream(fx.dir.resolve("lun.raw"))) {
                assertEquals(head.length, in.readNBytes(head, 0, head.length));
            }
            assertEquals(token, new String(head, StandardCharsets.US_ASCII), "the guest's write reached the LUN");
            assertEquals(List.of(), HostTraces.filesContaining(fx.dir, password),
                    "the password is in a file of the host root");

            // a wrong password: the target refuses the login, the start fails with its reason, nothing is left
            c.secretDefineXML(secretXml("lead-wrong")).setValue("not-the-password".getBytes(StandardCharsets.UTF_8));
            VirtException e = assertThrows(VirtException.class,
                    () -> c.domainCreateXML(domainXml(g, "chapwrong", "lead-wrong", fx.dir.resolve("w.sock"))));
            assertTrue(e.getMessage().contains("Authentication failure"), e.getMessage());
            assertEquals(List.of(), HostTraces.cmdlines("guest=chapwrong"), "a QEMU outlived the failed start");
            assertEquals(0, c.listAllDomains().size());
            try (Stream<Path> files = Files.walk(fx.dir.resolve("q/run"))) {
                assertEquals(List.of(), files.filter(p -> p.toString().contains("secret")).toList(),
                        "a secret file outlived the failed start");
            }
        }
    }
}
