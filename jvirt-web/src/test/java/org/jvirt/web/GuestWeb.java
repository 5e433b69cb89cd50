package org.jvirt.web;

import java.nio.file.Path;

import org.jvirt.Domain;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.flags.DomainCreateFlag;

/**
 * jvirt-web over a private qemu:///session (its own state, run and host directories) with the tiny real test
 * guest: VNC on loopback, a VGA card, the serial console on a pty. The guest starts paused, so a console opened
 * before {@link #resume()} sees everything from the first byte, the READY line included. Closing destroys the
 * guest (no QEMU stays behind) and removes the directories.
 */
final class GuestWeb implements AutoCloseable {

    final Path dir;
    final String token = QemuTesting.marker();
    final WebFixture web;
    final String name = "webguest";
    Domain domain;

    GuestWeb() throws Exception {
        QemuTesting.assumeQemu();
        dir = QemuTesting.tempDir("jvw-");
        String uri = "qemu:///session?state_dir=" + dir.resolve("state") + "&run_dir=" + dir.resolve("run")
                + "&host_root=" + dir.resolve("host");
        web = new WebFixture(uri);
    }

    String xml() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=tty0 console=ttyS0 no_timer_check tg.net=0 tg.token=%s</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <serial type='pty'><target port='0'/></serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>
                    <video><model type='vga'/></video>
                  </devices>
                </domain>
                """.formatted(name, g.kernel(), g.initrd(), token);
    }

    /** Creates the guest paused (a transient domain). */
    Domain startPaused() throws Exception {
        domain = web.server.connection().domainCreateXML(xml(), DomainCreateFlag.START_PAUSED);
        return domain;
    }

    /** Defines the guest (persistent, shut off), for pages that start it themselves. */
    Domain define() throws Exception {
        domain = web.server.connection().domainDefineXML(xml());
        return domain;
    }

    void resume() {
        domain.resume();
    }

    String readyLine() {
        return "TESTGUEST-READY token=" + token;
    }

    @Override
    public void close() throws java.io.IOException {
        try {
            if (domain != null) {
                try {
                    if (domain.isActive()) {
                        domain.destroy();
                    }
                    if (domain.isPersistent()) {
                        domain.undefine();
                    }
                } catch (RuntimeException e) {
                    // already gone
                }
            }
        } finally {
            try {
                web.close();
            } finally {
                QemuTesting.deleteTree(dir);
            }
        }
    }
}
