package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.xml.domain.DomainXml;

/**
 * UEFI guests as libvirt runs them: {@code <os firmware='efi'>} picks OVMF from the host's firmware
 * descriptors (Debian's ovmf), the guest gets its own variable store copied from the template into the
 * driver's nvram directory, boots (the test guest's kernel through its EFI stub) and sees EFI; undefine keeps
 * or removes the store as asked, and a firmware that is not there stops the start before any QEMU runs.
 */
class FirmwareTest extends FreshDriverTest {

    private static final Path CODE = Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd");
    private static final Path VARS = Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd");

    /** The test guest on q35 with UEFI autoselection; the extra XML goes into {@code <os>}. */
    private String efiXml(String name, String osExtra) throws Exception {
        return GuestConsole.ptyXml(fx, name, "")
                .replace("machine='pc'", "machine='q35'")
                .replace("<os>", "<os firmware='efi'>" + osExtra);
    }

    @Test
    @Timeout(240)
    void efiGuestBootsUnderOvmfWithItsOwnNvram() throws Exception {
        Assumptions.assumeTrue(Files.exists(CODE) && Files.exists(VARS), "ovmf is not installed");
        try (Connect c = fx.open()) {
            // Debian's kernel is not signed with the keys OVMF enrolls, so no Secure Boot here
            Domain d = c.domainDefineXML(efiXml("uefi", """
                    <firmware><feature enabled='no' name='secure-boot'/></firmware>"""));
            Path nvram = fx.dir.resolve("state").resolve("nvram").resolve("uefi_VARS.fd");
            assertFalse(Files.exists(nvram), "no store before the first start");
            d.create(DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                DomainXml live = DomainXml.parse(d.getXMLDesc());
                assertEquals(CODE.toString(), live.os().loader(), live.toXml());
                assertEquals("pflash", live.os().loaderType());
                assertEquals(Boolean.TRUE, live.os().loaderReadonly());
                assertEquals(nvram.toString(), live.os().nvram());
                assertEquals(VARS.toString(), live.os().nvramTemplate());
                assertEquals(Files.size(VARS), Files.size(nvram), "the store is a copy of the template");
                assertEquals("efi", DomainXml.parse(d.getXMLDesc(org.jvirt.flags.DomainXMLFlag.INACTIVE))
                        .os().firmware(), "the persistent definition keeps asking for autoselection");
                guest.boot(fx, Duration.ofSeconds(150));
                assertEquals("efi", con.run("[ -d /sys/firmware/efi ] && echo efi || echo bios",
                        Duration.ofSeconds(30)));
            }
            VirtException keep = assertThrows(VirtException.class, () -> d.undefine());
            assertEquals(ErrorNumber.OPERATION_INVALID, keep.number());
            assertEquals("Requested operation is not valid: cannot undefine domain with nvram", keep.getMessage());
            assertTrue(Files.exists(nvram));
            assertEquals(1, c.listDefinedDomains().size(), "the refused undefine changed nothing");
            d.undefine(DomainUndefineFlag.NVRAM);
            assertFalse(Files.exists(nvram), "--nvram removes the store");
            assertEquals(0, c.listDefinedDomains().size());
        }
    }

    @Test
    void resetNvramCopiesTheTemplateAgain() throws Exception {
        Assumptions.assumeTrue(Files.exists(CODE) && Files.exists(VARS), "ovmf is not installed");
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(efiXml("reset", """
                    <firmware><feature enabled='no' name='secure-boot'/></firmware>"""));
            Path nvram = fx.dir.resolve("state").resolve("nvram").resolve("reset_VARS.fd");
            d.create(DomainCreateFlag.START_PAUSED);
            d.destroy();
            byte[] written = Files.readAllBytes(nvram);
            written[written.length - 1] ^= 0x5a; // variables the guest wrote, say
            Files.write(nvram, written);
            d.create(DomainCreateFlag.START_PAUSED);
            d.destroy();
            assertEquals(written.length - 1, Files.mismatch(VARS, nvram), "a plain start keeps the guest's store");
            d.create(DomainCreateFlag.START_PAUSED, DomainCreateFlag.START_RESET_NVRAM);
            d.destroy();
            assertEquals(Files.mismatch(VARS, nvram), -1L, "--reset-nvram copies the template again");
            d.undefine(DomainUndefineFlag.NVRAM);
        }
    }

    @Test
    @Timeout(120)
    void managedSaveAndRestoreOfAnAutoselectedGuest() throws Exception {
        Assumptions.assumeTrue(Files.exists(CODE) && Files.exists(VARS), "ovmf is not installed");
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(efiXml("saved", """
                    <firmware><feature enabled='no' name='secure-boot'/></firmware>"""));
            d.create(DomainCreateFlag.START_PAUSED);
            d.managedSave();
            assertFalse(d.isActive());
            d.create(DomainCreateFlag.START_PAUSED); // restores the saved run, its firmware already chosen
            try {
                assertEquals(CODE.toString(), DomainXml.parse(d.getXMLDesc()).os().loader());
            } finally {
                d.destroy();
            }
            d.undefine(DomainUndefineFlag.NVRAM);
        }
    }

    @Test
    void keepNvramLeavesTheStore() throws Exception {
        Assumptions.assumeTrue(Files.exists(VARS), "ovmf is not installed");
        try (Connect c = fx.open()) {
            Path store = fx.dir.resolve("mine_VARS.fd");
            Files.copy(VARS, store);
            Domain d = c.domainDefineXML(efiXml("keep", "<nvram>" + store + "</nvram>"));
            d.undefine(DomainUndefineFlag.KEEP_NVRAM);
            assertTrue(Files.exists(store));
        }
    }

    @Test
    void firmwareNotFoundFailsTheStartAndLeavesNothing() throws Exception {
        try (Connect c = fx.open()) {
            // Debian's descriptors with enrolled keys are q35-only: nothing fits a pc guest
            Domain d = c.domainDefineXML(efiXml("nofw", """
                    <firmware><feature enabled='yes' name='enrolled-keys'/></firmware>""")
                    .replace("machine='q35'", "machine='pc'"));
            VirtException e = assertThrows(VirtException.class, () -> d.create());
            assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
            assertEquals("operation failed: Unable to find any firmware to satisfy 'efi'", e.getMessage());
            assertFalse(d.isActive());
            fx.assertNoQemu();
            fx.assertRunDirClean();
            assertFalse(Files.exists(fx.dir.resolve("state").resolve("nvram").resolve("nofw_VARS.fd")));
        }
    }

    @Test
    void domainCapabilitiesListTheInstalledFirmware() throws Exception {
        Assumptions.assumeTrue(Files.exists(CODE), "ovmf is not installed");
        try (Connect c = fx.open()) {
            String q35 = c.getDomainCapabilities(null, null, "q35", "qemu");
            assertTrue(q35.contains("<value>efi</value>"), q35);
            assertTrue(q35.contains("<value>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</value>"), q35);
            assertTrue(q35.contains("<value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>"), q35);
            assertTrue(q35.replaceAll("\\s", "").contains(
                    "<enumname='secure'><value>yes</value><value>no</value></enum>"), q35);
            String pc = c.getDomainCapabilities(null, null, "pc", "qemu");
            assertFalse(pc.contains("secboot"), "the SMM builds are q35-only: " + pc);
            assertTrue(pc.replaceAll("\\s", "").contains("<enumname='secure'><value>no</value></enum>"), pc);
        }
    }
}
