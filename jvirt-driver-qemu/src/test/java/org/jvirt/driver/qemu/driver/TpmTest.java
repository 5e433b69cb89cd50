package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.process.Swtpm;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.flags.DomainCreateFlag;

/**
 * An emulated TPM 2.0 as libvirt runs it: swtpm_setup manufactures the guest's state once under the driver's
 * state directory, a swtpm per run serves it to QEMU and ends with it, the guest's kernel finds /dev/tpm0, the
 * state outlives a restart of the guest and goes with its undefine; without swtpm the start fails with
 * libvirt's error and leaves nothing running.
 */
class TpmTest extends FreshDriverTest {

    private String tpmXml(String name) throws Exception {
        return GuestConsole.ptyXml(fx, name, """
                <tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm>""")
                .replace("machine='pc'", "machine='q35'");
    }

    @Test
    @Timeout(240)
    void guestSeesItsTpmAndTheStateIsKeptUntilUndefine() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/swtpm")), "swtpm is not installed");
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(tpmXml("tpm"));
            Path state = fx.dir.resolve("state").resolve("swtpm").resolve(d.getUUIDString());
            Path log = fx.dir.resolve("state").resolve("log").resolve("tpm-swtpm.log");
            for (int run = 0; run < 2; run++) {
                d.create(DomainCreateFlag.START_PAUSED);
                try (PausedGuest guest = new PausedGuest(c, d)) {
                    GuestConsole con = guest.con;
                    assertTrue(Files.exists(state.resolve("tpm2").resolve("tpm2-00.permall")), "manufactured");
                    assertEquals(1, swtpms().size(), "one swtpm serves the guest");
                    guest.boot(fx, Duration.ofSeconds(90));
                    assertEquals("2", con.run("cat /sys/class/tpm/tpm0/tpm_version_major", Duration.ofSeconds(30)));
                    assertEquals("/dev/tpm0", con.run("ls /dev/tpm0", Duration.ofSeconds(30)));
                }
                DriverFixture.waitFor(Duration.ofSeconds(10), () -> swtpms().isEmpty(), () -> "swtpm outlived its guest");
            }
            assertEquals(1, Files.readString(log).split("Starting vTPM manufacturing", -1).length - 1,
                    "the second start reuses the state");
            d.undefine();
            assertFalse(Files.exists(state), "undefine removes the TPM state");
        }
    }

    @Test
    @Timeout(120)
    void managedSaveAndRestoreKeepTheTpm() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/swtpm")), "swtpm is not installed");
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(tpmXml("tpmsave"));
            d.create(DomainCreateFlag.START_PAUSED);
            d.managedSave();
            DriverFixture.waitFor(Duration.ofSeconds(10), () -> swtpms().isEmpty(), () -> "swtpm outlived the save");
            d.create(DomainCreateFlag.START_PAUSED); // restore: a swtpm again, fed the saved TPM state by QEMU
            try {
                assertEquals(1, swtpms().size());
                assertTrue(d.isActive());
            } finally {
                d.destroy();
            }
            d.undefine();
        }
    }

    @Test
    void missingSwtpmFailsTheStartAndLeavesNothing() throws Exception {
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(tpmXml("nosw"));
            System.setProperty(Swtpm.SEARCH_PATH_PROPERTY, fx.dir.resolve("no-bin").toString());
            try {
                VirtException e = assertThrows(VirtException.class, () -> d.create());
                assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
                assertEquals("Unable to find 'swtpm' binary in $PATH: No such file or directory", e.getMessage());
            } finally {
                System.clearProperty(Swtpm.SEARCH_PATH_PROPERTY);
            }
            assertFalse(d.isActive());
            fx.assertNoQemu();
            fx.assertRunDirClean();
            assertEquals(List.of(), swtpms());
        }
    }

    /** The swtpm processes serving this test's guests (their command lines hold the fixture's directory). */
    private List<Long> swtpms() {
        try {
            return QemuTesting.pgrep("swtpm socket.*" + fx.dir);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
