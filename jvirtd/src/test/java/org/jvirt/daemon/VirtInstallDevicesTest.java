package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * Real virt-install (Debian's virtinst) against a jvirtd creates a guest with its defaults for a linux2020 OS
 * (q35, UEFI, an emulated TPM, xHCI with a tablet, SPICE with USB redirection, ICH9 sound, virtio video, RNG
 * and balloon, 14 pcie-root-ports, its clock, pm and vmport settings) and the test guest boots in it through the
 * kernel's EFI stub, with virt-install's default channels (the guest agent's and SPICE's vdagent). Changed: a
 * file serial port instead of its pty console, so the test can read the guest's output.
 */
class VirtInstallDevicesTest {

    private static final Path VIRT_INSTALL = Path.of("/usr/bin/virt-install");

    @Test
    @Timeout(300)
    void linux2020DefaultsBootOnJvirtd() throws Exception {
        QemuTesting.assumeQemu();
        assumeTrue(Files.isExecutable(VIRT_INSTALL), "virt-install is not installed");
        assumeTrue(Files.exists(Path.of("/usr/share/OVMF/OVMF_CODE_4M.fd")) && Files.isExecutable(
                Path.of("/usr/bin/swtpm")), "ovmf or swtpm missing");
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        Path dir = QemuTesting.tempDir("jvvi-");
        String token = QemuTesting.marker();
        Path serial = dir.resolve("serial.log");
        try (MigrationDaemonProcess daemon = new MigrationDaemonProcess("vi", dir.resolve("d"))) {
            Tools.Result r = Tools.run(List.of(VIRT_INSTALL.toString(), "--connect", daemon.uri(), "--name", "vi",
                    "--osinfo", "linux2020", "--memory", "256", "--vcpus", "1", "--import", "--disk", "none",
                    "--boot", "uefi,firmware.feature0.name=secure-boot,firmware.feature0.enabled=no,kernel="
                            + g.kernel() + ",initrd=" + g.initrd() + ",kernel_args=console=ttyS0 tg.token=" + token,
                    "--serial", "file,path=" + serial, "--tpm", "default", "--noautoconsole"),
                    240);
            assertEquals(0, r.code(), r.out() + r.err() + daemon.log());
            try (Connect c = Connect.open(daemon.uri())) {
                Domain d = c.domainLookupByName("vi");
                assertEquals(DomainState.RUNNING, d.getState().state());
                DomainXml live = DomainXml.parse(d.getXMLDesc());
                assertEquals("/usr/share/OVMF/OVMF_CODE_4M.fd", live.os().loader(), "OVMF without secure boot");
                assertTrue(live.os().nvram().endsWith("/nvram/vi_VARS.fd"), live.os().nvram());
                assertEquals(14, live.devices().controllers().stream()
                        .filter(x -> "pcie-root-port".equals(x.model())).count(), "virt-install's root ports");
                for (String kind : List.of("tpm", "sound", "redirdev", "rng", "video", "input", "channel")) {
                    assertTrue(live.devices().all().stream().anyMatch(x -> x.deviceKind().equals(kind)), kind);
                }
                GraphicsXml spice = live.devices().graphics().get(0);
                assertEquals("spice", spice.type());
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", spice.port()), 5000);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
                while (!read(serial).contains("TESTGUEST-READY token=" + token)) {
                    assertTrue(System.nanoTime() < deadline, "no READY; serial:\n" + read(serial));
                    Thread.sleep(100);
                }
                assertFalse(Dom.attribute(spice.element(), "tlsPort") != null, "no SPICE TLS unless qemu.conf has it");
                d.destroy();
                d.undefine(DomainUndefineFlag.NVRAM);
            }
        } finally {
            for (long pid : QemuTesting.pgrep(dir.toString())) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            QemuTesting.deleteTree(dir);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
