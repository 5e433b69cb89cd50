package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * A real guest kernel panic ({@code echo c > /proc/sysrq-trigger} on its shell) reported through the pvpanic
 * device ({@code <panic model='isa'/>}): QEMU's GUEST_PANICKED makes the domain CRASHED/PANICKED with the event
 * Crashed Panicked, then {@code <on_crash>} is carried out as libvirt does: destroy, restart (the same qemu boots
 * the guest again), preserve (stays crashed), coredump-destroy (an ELF core first).
 */
class CrashActionsTest extends FreshDriverTest {

    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(60);


    private String xml(String name, String onCrash) throws Exception {
        return GuestConsole.ptyXml(fx, name, "<panic model='isa'/>")
                .replace("</features>", "</features><on_crash>" + onCrash + "</on_crash>")
                .replace("<memory unit='MiB'>256</memory>", "<memory unit='MiB'>160</memory>");
    }

    /** Boots the guest, waits for its shell, panics its kernel; returns the events up to Crashed Panicked. */
    private List<String> bootAndPanic(Connect c, Domain d, GuestConsole con, DriverFixture.Events ev)
            throws Exception {
        con.waitFor("TESTGUEST-READY token=" + fx.token, 0, BOOT);
        int from = con.mark();
        con.type("echo c > /proc/sysrq-trigger");
        con.waitFor("Kernel panic", from, WAIT);
        return ev.until("Crashed Panicked", WAIT);
    }

    @Test
    @Timeout(400)
    void onCrashDestroyRestartPreserveCoredump() throws Exception {
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            // destroy (libvirt's default): shut off, reason crashed
            Domain d = c.domainCreateXML(xml("cdestroy", "destroy"));
            try (GuestConsole con = new GuestConsole(c, d)) {
                bootAndPanic(c, d, con, ev);
                ev.until("Stopped Crashed", WAIT);
            }
            // a transient domain is gone once stopped
            assertTrue(c.listAllDomains().stream().noneMatch(x -> x.getName().equals("cdestroy")));

            // preserve: stays crashed (QEMU holds it paused) until destroyed
            d = c.domainDefineXML(xml("cpreserve", "preserve"));
            d.create();
            try (GuestConsole con = new GuestConsole(c, d)) {
                bootAndPanic(c, d, con, ev);
                assertEquals(new DomainStateInfo(DomainState.CRASHED, 1), d.getState());
                assertEquals("guest-panicked", QemuStatus.of(c, d));
                d.destroy();
                ev.until("Stopped Destroyed", WAIT);
                assertEquals(new DomainStateInfo(DomainState.SHUTOFF, 2), d.getState());
            }
            d.undefine();

            // restart: the same qemu resets and boots the guest again, running with reason crashed
            d = c.domainCreateXML(xml("crestart", "restart"));
            try (GuestConsole con = new GuestConsole(c, d)) {
                long pid = QemuTesting.pgrep(fx.token).get(0);
                bootAndPanic(c, d, con, ev);
                int after = con.mark();
                con.waitFor("TESTGUEST-READY token=" + fx.token, after, BOOT);
                DriverFixture.waitState(d, DomainState.RUNNING, WAIT);
                assertEquals(9, d.getState().reason(), "VIR_DOMAIN_RUNNING_CRASHED");
                assertEquals(List.of(pid), QemuTesting.pgrep(fx.token), "the same qemu");
                d.destroy();
            }

            // coredump-destroy: the guest's memory as an ELF core, then shut off as crashed
            d = c.domainCreateXML(xml("ccore", "coredump-destroy"));
            try (GuestConsole con = new GuestConsole(c, d)) {
                bootAndPanic(c, d, con, ev);
                ev.until("Stopped Crashed", WAIT);
            }
            Path dumps = fx.dir.resolve("state").resolve("dump");
            try (var files = Files.list(dumps)) {
                List<Path> cores = files.filter(p -> p.getFileName().toString().startsWith("ccore-")).toList();
                assertEquals(1, cores.size(), cores.toString());
                byte[] head = new byte[4];
                try (var in = Files.newInputStream(cores.get(0))) {
                    assertEquals(4, in.read(head));
                }
                assertEquals("\u007fELF", new String(head, java.nio.charset.StandardCharsets.ISO_8859_1));
                assertTrue(Files.size(cores.get(0)) > 100L << 20, "the guest's RAM is in the core");
                Files.delete(cores.get(0));
            }
        }
        fx.assertRunDirClean();
    }

    /** QEMU's own run state, through the monitor passthrough. */
    private static final class QemuStatus {
        static String of(Connect c, Domain d) {
            String reply = d.qemuMonitorCommand("{\"execute\":\"query-status\"}");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\":\\s*\"([^\"]+)\"").matcher(reply);
            assertTrue(m.find(), reply);
            return m.group(1);
        }
    }
}
