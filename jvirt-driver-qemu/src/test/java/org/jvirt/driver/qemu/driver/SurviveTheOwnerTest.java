package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * A driver that dies does not take its guests along, and the next one takes them back: from the status file,
 * checking the pid is still that qemu, reconnecting QMP, with the right state.
 */
class SurviveTheOwnerTest extends FreshDriverTest {

    /** Starts the guest from a child JVM, then kill -9s that JVM; returns the domain's id. */
    private int startInDoomedOwner(String name) throws Exception {
        Path xml = fx.dir.resolve(name + ".xml");
        // with the guest agent's channel: its state must be found again, as the ptys and sockets are
        Files.writeString(xml, fx.guestXml(name, "<channel type='unix'><source mode='bind'/>"
                + "<target type='virtio' name='org.qemu.guest_agent.0'/></channel>"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process owner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                OwnerMain.class.getName(), fx.uri, xml.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            assertTrue(line != null && line.startsWith("STARTED "), "owner said " + line);
            // while its owner lives, nobody else may drive these guests: this process's driver declines
            org.jvirt.VirtException busy = org.junit.jupiter.api.Assertions.assertThrows(
                    org.jvirt.VirtException.class, fx::open);
            assertEquals(org.jvirt.ErrorNumber.NO_CONNECT, busy.error().number(), busy.getMessage());
            return Integer.parseInt(line.substring(8).trim());
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup, as a crashed daemon
            assertTrue(owner.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void guestOutlivesAKilledOwnerAndIsTakenBack() throws Exception {
        int id = startInDoomedOwner("s1");
        assertEquals(1, QemuTesting.pgrep(fx.token).size(), "the guest survived its owner");
        fx.waitReady("s1");
        Thread.sleep(3000);
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            Domain d = c.domainLookupByName("s1");
            assertTrue(d.isActive());
            assertEquals(id, d.getID());
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 1), d.getState());
            assertTrue(d.getInfo().cpuTimeNs() > 0);
            // qemu-ga opened its port while no driver listened (READY + 3 s): the takeover asked QEMU
            assertTrue(d.getXMLDesc().contains("name='org.qemu.guest_agent.0' state='connected'"), d.getXMLDesc());
            assertEquals("{\"return\":{}}", d.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1));
            d.suspend();
            assertEquals(List.of("Suspended Paused"), ev.until("Suspended Paused", Duration.ofSeconds(5)));
            d.resume();
            assertTrue(c.domainCreateXML(fx.guestXml("s2", ""), org.jvirt.flags.DomainCreateFlag.START_PAUSED)
                    .getID() > id, "new ids start above the ones taken back");
            c.domainLookupByName("s2").destroy();
            d.destroy();
            assertEquals(new DomainStateInfo(DomainState.SHUTOFF, 2), d.getState());
            assertEquals(List.of("Stopped Destroyed"), ev.until("Stopped Destroyed", Duration.ofSeconds(10))
                    .stream().filter(e -> e.startsWith("Stopped") && !e.contains("s2")).limit(1).toList());
            fx.assertRunDirClean();
        }
    }

    @Test
    void aGuestThatDiedMeanwhileIsCleanedUp() throws Exception {
        startInDoomedOwner("s3");
        for (long pid : QemuTesting.pgrep(fx.token)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        fx.assertNoQemu();
        try (Connect c = fx.open()) {
            Domain d = c.domainLookupByName("s3");
            assertFalse(d.isActive());
            assertEquals(DomainState.SHUTOFF, d.getState().state());
            fx.assertRunDirClean();
        }
    }

    @Test
    void droppingTheDriverStateInProcessKeepsTheGuest() throws Exception {
        Domain d;
        try (Connect c = fx.open()) {
            d = c.domainCreateXML(fx.guestXml("s4", ""));
        } // last connection: the driver state goes, the guest stays
        assertEquals(1, QemuTesting.pgrep(fx.token).size());
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            Domain again = c.domainLookupByName("s4");
            assertEquals(d.getID(), again.getID());
            assertFalse(again.isPersistent());
            assertEquals(DomainState.RUNNING, again.getState().state());
            fx.waitReady("s4");
            long t0 = System.nanoTime();
            again.shutdown();
            ev.until("Stopped Shutdown", Duration.ofSeconds(30));
            System.out.printf("taken-back guest: ACPI shutdown -> shutoff %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertEquals(List.of(), c.listAllDomains(), "a transient domain vanishes when it stops");
            fx.assertRunDirClean();
        }
    }

    /** The status file the doomed owner left for {@code name}. */
    private Path statusFile(String name) {
        return org.jvirt.driver.qemu.domain.StatusFile.pathFor(fx.dir.resolve("run"), name);
    }

    @Test
    void aStartCutShortBeforeItsStatusFileLeavesNoQemu() throws Exception {
        startInDoomedOwner("s5");
        // as if the owner died after QEMU was spawned but before its first status file: nothing records it
        Files.delete(statusFile("s5"));
        assertEquals(1, QemuTesting.pgrep(fx.token).size());
        try (Connect c = fx.open()) {
            Domain d = c.domainLookupByName("s5");
            assertFalse(d.isActive(), "a QEMU without a status file cannot be taken back");
            fx.assertNoQemu(); // the next driver ended it
            fx.assertRunDirClean();
            d.create(); // and the guest starts again normally
            assertTrue(d.isActive());
            d.destroy();
        }
    }

    @Test
    void aGuestNotFullyStartedIsKilledAsLibvirtDoes() throws Exception {
        startInDoomedOwner("s6");
        // as if the owner died between QEMU answering its monitor and 'cont': paused, status paused/starting-up
        org.jvirt.driver.qemu.domain.StatusFile sf = org.jvirt.driver.qemu.domain.StatusFile.read(statusFile("s6"));
        try (org.jvirt.driver.qemu.monitor.QmpMonitor m = org.jvirt.driver.qemu.monitor.QmpMonitor.connect(
                Path.of(sf.monitor()), Duration.ofSeconds(10))) {
            m.execute("stop");
        }
        new org.jvirt.driver.qemu.domain.StatusFile(sf.name(), sf.uuid(), sf.id(), sf.pid(), sf.pidStartTime(),
                sf.binary(), sf.monitor(), sf.runDir(), sf.logFile(), DomainState.PAUSED.code(), 11,
                sf.persistent(), sf.vncPort(), sf.gotShutdown(), sf.xml()).write(fx.dir.resolve("run"));
        try (Connect c = fx.open()) {
            Domain d = c.domainLookupByName("s6");
            assertFalse(d.isActive(), "libvirt kills a guest that was not fully started");
            assertEquals(new DomainStateInfo(DomainState.SHUTOFF, 8), d.getState(), "shut off, reason daemon");
            fx.assertNoQemu();
            fx.assertRunDirClean();
        }
    }
}
