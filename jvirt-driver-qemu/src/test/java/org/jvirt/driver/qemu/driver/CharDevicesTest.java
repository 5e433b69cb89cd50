package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainCreateFlag;

/**
 * Character devices of a running guest as virt-install defines them: the live XML shows the ptys QEMU chose, the
 * agent channel's socket in the run directory and its state; the console opens by the console's alias, the
 * serial port's or none; a path in a missing directory fails with libvirt's error and leaves nothing running.
 */
class CharDevicesTest extends FreshDriverTest {

    private static final String VIRT_INSTALL_DEVICES = """
            <serial type='pty'><target type='isa-serial' port='0'><model name='isa-serial'/></target></serial>
            <console type='pty'><target type='serial' port='0'/></console>
            <channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
            """;

    private String xml(String name, String devices) throws Exception {
        return fx.guestXml(name, devices).replaceFirst("<serial type='file'>.*?</serial>", "");
    }

    @Test
    @Timeout(120)
    void virtInstallGuestRunsWithConsoleAndAgentChannel() throws Exception {
        Path log = fx.dir.resolve("serial-copy.log");
        Path par = fx.dir.resolve("parallel.out");
        String devices = VIRT_INSTALL_DEVICES.replace("<target type='isa-serial'",
                "<log file='" + log + "' append='off'/><target type='isa-serial'")
                + "<parallel type='file'><source path='" + par + "'/><target port='0'/></parallel>";
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml("cd1", devices), DomainCreateFlag.START_PAUSED);
            String live = d.getXMLDesc();
            Matcher pty = Pattern.compile("<serial type='pty'>\\s*<source path='(/dev/pts/\\d+)'/>").matcher(live);
            assertTrue(pty.find(), live);
            assertTrue(live.contains("<console type='pty' tty='" + pty.group(1) + "'>"), live);
            assertTrue(Pattern.compile("<console [^>]*>.*?<alias name='serial0'/>.*?</console>", Pattern.DOTALL)
                    .matcher(live).find(), "the console is the serial port: " + live);
            Matcher agent = Pattern.compile("<channel type='unix'>\\s*<source mode='bind' path='([^']+)'/>\\s*"
                    + "<target type='virtio' name='org.qemu.guest_agent.0' state='disconnected'/>\\s*"
                    + "<alias name='channel0'/>\\s*<address type='virtio-serial' controller='0' bus='0' port='1'/>")
                    .matcher(live);
            assertTrue(agent.find(), live);
            assertTrue(agent.group(1).startsWith(fx.dir.resolve("run").toString()), agent.group(1));
            assertTrue(agent.group(1).endsWith("/org.qemu.guest_agent.0"), agent.group(1));
            assertTrue(Files.exists(Path.of(agent.group(1))), "QEMU listens on " + agent.group(1));
            assertTrue(live.contains("<controller type='virtio-serial' index='0'>"), live);
            assertTrue(Files.exists(par), "libvirt creates the file before QEMU runs");

            // no name: the first console, which is the serial port; then by the serial port's alias
            try (GuestConsole con = GuestConsole.open(c, d)) {
                d.resume();
                con.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(60));
            }
            Domain same = c.domainLookupByName("cd1");
            org.jvirt.Stream s = c.newStream();
            same.openConsole("serial0", s, true);
            VirtException busy = assertThrows(VirtException.class, () -> same.openConsole(null, c.newStream(), false));
            assertEquals(ErrorNumber.OPERATION_FAILED, busy.number(), busy.getMessage());
            s.abort();
            VirtException notPty = assertThrows(VirtException.class,
                    () -> d.openConsole("parallel0", c.newStream(), true));
            assertEquals("internal error: character device parallel0 is not using a PTY", notPty.getMessage());
            VirtException none = assertThrows(VirtException.class,
                    () -> d.openConsole("channel0", c.newStream(), true));
            assertEquals("internal error: cannot find character device channel0", none.getMessage());
            String copied = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(copied.contains("TESTGUEST-READY"), "<log> copies the port's output: " + copied);
            d.destroy();
        }
    }

    @Test
    @Timeout(60)
    void chardevInMissingDirectoryFailsWithLibvirtsErrorAndLeavesNothing() throws Exception {
        Path missing = fx.dir.resolve("no-such-dir");
        try (Connect c = fx.open()) {
            VirtException file = assertThrows(VirtException.class, () -> c.domainCreateXML(xml("cd2",
                    "<serial type='file'><source path='" + missing.resolve("s.log") + "'/><target port='0'/></serial>")));
            assertEquals(ErrorNumber.SYSTEM_ERROR, file.number());
            assertEquals("Failed to create file '" + missing.resolve("s.log") + "': No such file or directory",
                    file.getMessage());
            VirtException sock = assertThrows(VirtException.class, () -> c.domainCreateXML(xml("cd3",
                    "<channel type='unix'><source mode='bind' path='" + missing.resolve("a.sock")
                            + "'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>")));
            assertEquals("Unable to bind to UNIX socket path '" + missing.resolve("a.sock")
                    + "': No such file or directory", sock.getMessage());
            VirtException log = assertThrows(VirtException.class, () -> c.domainCreateXML(xml("cd4",
                    "<serial type='pty'><log file='" + missing.resolve("l.log") + "'/><target port='0'/></serial>")));
            assertTrue(log.getMessage().startsWith("Failed to create file"), log.getMessage());
            assertEquals(0, c.listAllDomains().size());
        }
        fx.assertNoQemu();
        fx.assertRunDirClean();
    }
}
