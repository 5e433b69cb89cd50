package org.jvirt.driver.host.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Secret;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * An emulated TPM whose state swtpm encrypts with a key derived from a private vTPM secret
 * ({@code <encryption secret='UUID'/>} in the backend): the real test guest finds /dev/tpm0; the passphrase
 * reaches swtpm_setup and swtpm through a private file that is gone once they run, never a command line or a
 * file of the host root; a later start with another value in the secret fails, because swtpm cannot decrypt the
 * state, and leaves no swtpm or QEMU behind; with the right value the guest starts again on the same state.
 */
class VtpmEncryptionGuestTest {

    private GuestRoot fx;
    private final String passphrase = GuestRoot.randomSecret("vtpm-");

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/swtpm")), "swtpm is not installed");
        fx = GuestRoot.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String domainXml(TestGuest.Artifacts g, String secret, Path serial) {
        return """
                <domain type='qemu'><name>vtpmenc</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.net=0</cmdline></os>
                  <features><acpi/></features>
                  <devices>
                    <tpm model='tpm-crb'><backend type='emulator' version='2.0'>
                      <encryption secret='%s'/></backend></tpm>
                    <serial type='unix'><source mode='bind' path='%s'/><target port='0'/></serial>
                  </devices></domain>""".formatted(g.kernel(), g.initrd(), secret, serial);
    }

    @Test
    @Timeout(240)
    void theStateIsEncryptedWithTheSecretAndThePassphraseLeaksNowhere() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        Path serial = fx.dir.resolve("ser.sock");
        try (Connect c = Connect.open(fx.uri)) {
            Secret s = c.secretDefineXML("<secret ephemeral='no' private='yes'><usage type='vtpm'><name>vtpmenc</name>"
                    + "</usage></secret>");
            s.setValue(passphrase.getBytes(StandardCharsets.UTF_8));
            Domain d = c.domainDefineXML(domainXml(g, s.getUUIDString(), serial));
            d.create();
            try (SerialShell sh = new SerialShell(serial, Duration.ofSeconds(30))) {
                sh.waitFor(Pattern.compile("TESTGUEST-READY"), 0, Duration.ofSeconds(120));
                assertEquals("2", sh.run("cat /sys/class/tpm/tpm0/tpm_version_major", Duration.ofSeconds(30))
                        .strip());
                List<String> swtpm = HostTraces.cmdlines("swtpm socket");
                assertEquals(1, swtpm.stream().filter(l -> l.contains(fx.dir.toString())).count(), swtpm.toString());
                String line = swtpm.stream().filter(l -> l.contains(fx.dir.toString())).findFirst().orElseThrow();
                assertTrue(line.contains("--key pwdfile=") && line.contains(",mode=aes-256-cbc --migration-key"), line);
                assertFalse(line.contains(passphrase), "the passphrase is on swtpm's command line");
                try (Stream<Path> files = Files.walk(fx.dir.resolve("q/run"))) {
                    assertEquals(List.of(), files.filter(p -> p.toString().contains("passphrase")).toList(),
                            "the passphrase file outlived swtpm's start");
                }
            } finally {
                d.destroy();
            }
            assertEquals(List.of(), HostTraces.filesContaining(fx.dir, passphrase),
                    "the passphrase is in a file of the host root");

            // another value: swtpm cannot decrypt the state, the start fails and leaves nothing running
            s.setValue("another-passphrase".getBytes(StandardCharsets.UTF_8));
            VirtException e = assertThrows(VirtException.class, d::create);
            assertFalse(d.isActive(), e.getMessage());
            assertTrue(e.getMessage().contains("tpm-emulator: TPM result for CMD_INIT"), e.getMessage());
            assertEquals(List.of(), HostTraces.cmdlines("guest=vtpmenc"), "a QEMU outlived the failed start");
            assertEquals(0, HostTraces.cmdlines("swtpm socket").stream()
                    .filter(l -> l.contains(fx.dir.toString())).count(), "a swtpm outlived the failed start");

            // the right value again: the same state opens
            s.setValue(passphrase.getBytes(StandardCharsets.UTF_8));
            d.create();
            try (SerialShell sh = new SerialShell(serial, Duration.ofSeconds(30))) {
                sh.waitFor(Pattern.compile("TESTGUEST-READY"), 0, Duration.ofSeconds(120));
                assertEquals("2", sh.run("cat /sys/class/tpm/tpm0/tpm_version_major", Duration.ofSeconds(30))
                        .strip());
            } finally {
                d.destroy();
            }
        }
    }
}
