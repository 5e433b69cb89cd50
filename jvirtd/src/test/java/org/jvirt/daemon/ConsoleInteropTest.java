package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * The text console of a guest defined as virt-install defines it (a pty serial port that is also its
 * {@code <console>}, plus the guest agent's channel), opened through jvirtd by real clients: python3-libvirt's
 * {@code openConsole(None)} and the real {@code virsh console} on a terminal, each running a command in the guest;
 * then the real virsh's guest agent commands through jvirtd: qemu-agent-command, domtime, domifaddr, guestinfo,
 * guestvcpus, domfsfreeze/thaw, domfsinfo, set-user-password, get-user-sshkeys and shutdown --mode agent.
 */
class ConsoleInteropTest {

    /** Runs a program on a pty (virsh console wants a terminal), types, and waits for a marker. */
    private static final String ON_A_PTY = """
            import os, pty, sys, time, select
            marker = sys.argv[1].encode(); argv = sys.argv[2:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(argv[0], argv)
            buf = b''; deadline = time.time() + 60; typed = 0
            while marker not in buf and time.time() < deadline:
                r, _, _ = select.select([fd], [], [], 1)
                if r:
                    try: buf += os.read(fd, 4096)
                    except OSError: break
                if b'Escape character' in buf and time.time() > typed + 2:
                    os.write(fd, b'\\recho RES""ULT=$((6*7))\\r'); typed = time.time()
            os.write(fd, b'\\x1d')
            os.waitpid(pid, 0)
            print('FOUND' if marker in buf else 'MISSING ' + buf.decode('latin-1'))
            """;

    /** python3-libvirt's console: the command is typed again every few seconds until the guest's shell runs it. */
    private static final String PYTHON_CONSOLE = """
            import libvirt, sys, time
            c = libvirt.open(sys.argv[1]); d = c.lookupByName(sys.argv[2])
            st = c.newStream(libvirt.VIR_STREAM_NONBLOCK)
            d.openConsole(None, st, libvirt.VIR_DOMAIN_CONSOLE_FORCE)
            buf = b''; deadline = time.time() + 50; typed = 0
            while b'RESULT=42' not in buf and time.time() < deadline:
                if time.time() > typed + 3:
                    st.send(b'\\recho RES""ULT=$((6*7))\\r'); typed = time.time()
                r = st.recv(1024)
                if r == -2:
                    time.sleep(0.05)
                elif not r:
                    break
                else:
                    buf += r
            st.abort()
            print('FOUND' if b'RESULT=42' in buf else 'MISSING ' + buf.decode('latin-1'))
            """;

    @Test
    @Timeout(240)
    void pythonAndVirshOpenTheConsoleOfAVirtInstallGuest() throws Exception {
        QemuTesting.assumeQemu();
        assumeTrue(Tools.hasPythonLibvirt() && Tools.hasVirsh(), "no python3-libvirt or virsh");
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        Path dir = QemuTesting.tempDir("jvcon-");
        String token = QemuTesting.marker();
        try (MigrationDaemonProcess host = new MigrationDaemonProcess("con", dir.resolve("h"));
                Connect c = Connect.open(host.uri())) {
            c.domainCreateXML("""
                    <domain type='qemu'>
                      <name>con1</name>
                      <memory unit='MiB'>256</memory>
                      <vcpu>1</vcpu>
                      <os>
                        <type arch='x86_64' machine='pc'>hvm</type>
                        <kernel>%s</kernel>
                        <initrd>%s</initrd>
                        <cmdline>console=ttyS0 quiet tg.net=0 tg.token=%s</cmdline>
                      </os>
                      <features><acpi/></features>
                      <devices>
                        <serial type='pty'><target type='isa-serial' port='0'><model name='isa-serial'/></target></serial>
                        <console type='pty'><target type='serial' port='0'/></console>
                        <channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
                      </devices>
                    </domain>""".formatted(g.kernel(), g.initrd(), token));
            Thread.sleep(8000); // the guest boots under TCG; the console shell answers once it runs
            Tools.Result py = Tools.python(PYTHON_CONSOLE, host.uri(), "con1");
            assertEquals("FOUND", py.out().strip(), py.err());
            Tools.Result virsh = Tools.python(ON_A_PTY, "RESULT=42", Tools.VIRSH.toString(), "-c", host.uri(),
                    "console", "con1", "--force");
            assertEquals("FOUND", virsh.out().strip(), virsh.err());

            // the guest agent through jvirtd, with the real virsh: libvirt-qemu's passthrough, domtime, shutdown
            Tools.Result ping = null;
            for (int i = 0; i < 60; i++) {
                ping = Tools.virsh(host.uri(), "qemu-agent-command", "con1", "{\"execute\":\"guest-ping\"}");
                if (ping.code() == 0) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals("{\"return\":{}}", ping.out().strip(), ping.toString());
            Tools.Result time = Tools.virsh(host.uri(), "domtime", "con1");
            assertEquals(0, time.code(), time.toString());
            long guest = Long.parseLong(time.out().strip().replace("Time: ", ""));
            assertTrue(Math.abs(guest - java.time.Instant.now().getEpochSecond()) < 120, time.out());
            Tools.Result setTime = Tools.virsh(host.uri(), "domtime", "con1", "--now");
            assertEquals(0, setTime.code(), setTime.toString());
            Tools.Result freeze = Tools.virsh(host.uri(), "domfsfreeze", "con1");
            assertTrue(freeze.out().matches("(?s)Froze \\d+ filesystem\\(s\\)\\s*"), freeze.toString());
            Tools.Result thaw = Tools.virsh(host.uri(), "domfsthaw", "con1");
            assertTrue(thaw.out().matches("(?s)Thawed \\d+ filesystem\\(s\\)\\s*"), thaw.toString());
            Tools.Result ifaddr = Tools.virsh(host.uri(), "domifaddr", "con1", "--source", "agent");
            assertTrue(ifaddr.out().contains(" lo         00:00:00:00:00:00    N/A          N/A"), ifaddr.toString());
            Tools.Result info = Tools.virsh(host.uri(), "guestinfo", "con1", "--os");
            assertTrue(info.out().contains("os.id               : jvirt-testguest"), info.toString());
            Tools.Result vcpus = Tools.virsh(host.uri(), "guestvcpus", "con1");
            assertTrue(vcpus.out().contains("vcpus          : 0"), vcpus.toString());
            Tools.Result fsinfo = Tools.virsh(host.uri(), "domfsinfo", "con1");
            assertEquals(0, fsinfo.code(), fsinfo.toString());
            Tools.Result pw = Tools.virsh(host.uri(), "set-user-password", "con1", "--user", "root", "--password",
                    "pw-over-the-wire");
            assertEquals("Password set successfully for root in con1", pw.out().strip(), pw.toString());
            // the guest's root has no authorized_keys yet: qemu-ga's error comes back in libvirt's words
            Tools.Result keys = Tools.virsh(host.uri(), "get-user-sshkeys", "con1", "root");
            assertTrue(keys.code() == 1 && keys.err().contains(
                    "internal error: unable to execute QEMU agent command 'guest-ssh-get-authorized-keys'"),
                    keys.toString());
            // the same through jvirt's own remote client (c is a connection to jvirtd)
            org.jvirt.Domain d = c.domainLookupByName("con1");
            assertEquals("{\"return\":{}}", d.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1));
            assertTrue(Math.abs(d.getTime().getEpochSecond() - java.time.Instant.now().getEpochSecond()) < 120);
            assertEquals("jvirt-testguest", d.getGuestInfo(org.jvirt.flags.DomainGuestInfoType.OS).get("os.id"));
            assertEquals("0", d.getGuestVcpus().get("vcpus"));
            assertTrue(d.interfaceAddresses(org.jvirt.DomainInterfaceAddressesSource.AGENT).stream()
                    .anyMatch(i -> i.name().equals("lo")));
            assertTrue(d.fsFreeze(null) >= 0);
            assertTrue(d.fsThaw(null) >= 0);
            d.getFSInfo();
            d.setUserPassword("root", "another-pw", false);
            org.jvirt.VirtException noKeys = org.junit.jupiter.api.Assertions.assertThrows(
                    org.jvirt.VirtException.class, () -> d.authorizedSSHKeysGet("root"));
            assertEquals(org.jvirt.ErrorNumber.INTERNAL_ERROR, noKeys.number(), noKeys.getMessage());
            d.authorizedSSHKeysSet("root", java.util.List.of(
                    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBkvpzJ0i9hc6KUVI6tA8/SynNNKeYlL1wWxRHIH0lQm r@test"));
            assertEquals(1, d.authorizedSSHKeysGet("root").size());

            Tools.Result down = Tools.virsh(host.uri(), "shutdown", "con1", "--mode", "agent");
            assertEquals(0, down.code(), down.toString());
            long deadline = System.nanoTime() + 60_000_000_000L;
            // transient: it goes away once the guest has powered itself off
            while (System.nanoTime() < deadline && running(c, "con1")) {
                Thread.sleep(100);
            }
            assertTrue(!running(c, "con1"), "shut down by its agent");
        } finally {
            for (long pid : QemuTesting.pgrep(token)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            QemuTesting.deleteTree(dir);
        }
    }

    private static boolean running(Connect c, String name) {
        return c.listAllDomains().stream().anyMatch(x -> x.getName().equals(name));
    }
}
