package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * Real virt-install (Debian's virtinst) against jvirtd: its default guest for a 2020 Linux, headless, carries
 * the qemu-ga channel and a pty serial console; it defines and boots, and its agent answers.
 */
class VirtInstallTest {

    @Test
    @Timeout(240)
    void virtInstallDefaultsBootAndTheAgentAnswers() throws Exception {
        QemuTesting.assumeQemu();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/virt-install")), "no virt-install");
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        Path dir = QemuTesting.tempDir("jvvi-");
        String token = QemuTesting.marker();
        try (MigrationDaemonProcess host = new MigrationDaemonProcess("vi", dir.resolve("h"));
                Connect c = Connect.open(host.uri())) {
            Tools.Result vi = Tools.run(List.of("/usr/bin/virt-install", "--connect", host.uri(), "--name", "vi1",
                    "--memory", "256", "--vcpus", "1", "--osinfo", "linux2020", "--virt-type", "qemu", "--import",
                    "--disk", "none", "--network", "none", "--graphics", "none", "--noautoconsole",
                    "--boot", "kernel=" + g.kernel() + ",initrd=" + g.initrd()
                            + ",kernel_args=console=ttyS0 quiet tg.net=0 tg.token=" + token), 180);
            assertEquals(0, vi.code(), vi.toString());
            Domain d = c.domainLookupByName("vi1");
            String xml = d.getXMLDesc();
            System.out.println("virt-install's guest, live:\n" + xml);
            assertTrue(xml.contains("name='org.qemu.guest_agent.0' state="), xml);
            // virt-install wrote a lone <console>: the live XML has the <serial> libvirt adds for it, same pty
            java.util.regex.Matcher pty = java.util.regex.Pattern.compile(
                    "<serial type='pty'>\\s*<source path='(/dev/pts/\\d+)'/>").matcher(xml);
            assertTrue(pty.find(), xml);
            assertTrue(xml.contains("<console type='pty' tty='" + pty.group(1) + "'>"), xml);
            Tools.Result ping = null;
            for (int i = 0; i < 120; i++) {
                ping = Tools.virsh(host.uri(), "qemu-agent-command", "vi1", "{\"execute\":\"guest-ping\"}");
                if (ping.code() == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals("{\"return\":{}}", ping.out().strip(), ping.toString());
            Tools.Result down = Tools.virsh(host.uri(), "destroy", "vi1");
            assertEquals(0, down.code(), down.toString());
            Tools.virsh(host.uri(), "undefine", "vi1");
        } finally {
            for (long pid : QemuTesting.pgrep(token)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            QemuTesting.deleteTree(dir);
        }
    }
}
