package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.ListDomainsFlag;

/** The driver end to end through the public API, with the real test guest under TCG. */
class QemuDriverLifecycleTest extends FreshDriverTest {

    @Test
    void defineStartSuspendResumeShutdownDestroy() throws Exception {
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            assertEquals("QEMU", c.getType());
            assertTrue(c.getVersion() >= 7_000_000L);
            assertTrue(c.getCapabilities().contains("<os_type>hvm</os_type>"));
            assertTrue(c.getDomainCapabilities(null, "x86_64", null, "qemu").contains("<domain>qemu</domain>"));
            assertTrue(c.nodeGetInfo().cpus() >= 1);

            String xml = fx.guestXml("g1", "");
            long t0 = System.nanoTime();
            Domain d = c.domainDefineXML(xml);
            assertEquals(List.of("Defined Added"), ev.until("Defined Added", Duration.ofSeconds(5)));
            assertFalse(d.isActive());
            assertTrue(d.isPersistent());
            assertEquals(List.of("g1"), c.listDefinedDomains());
            d.create();
            long runningMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 1), d.getState()); // booted
            assertEquals(List.of("Started Booted"), ev.until("Started Booted", Duration.ofSeconds(5)));
            int id = c.domainLookupByName("g1").getID();
            assertTrue(id > 0);
            assertEquals("g1", c.domainLookupByID(id).getName());
            assertEquals(List.of(id), c.listDomains());
            String live = d.getXMLDesc();
            assertTrue(live.contains("id='" + id + "'") || live.contains("id=\"" + id + "\""), live);
            assertTrue(live.contains("<alias name='serial0'/>") || live.contains("alias name=\"serial0\""), live);
            assertFalse(d.getXMLDesc(DomainXMLFlag.INACTIVE).contains("alias"));

            fx.waitReady("g1");
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            DomainInfo info = d.getInfo();
            assertEquals(DomainState.RUNNING, info.state());
            assertEquals(256 * 1024, info.maxMemKiB());
            assertEquals(1, info.nrVirtCpu());
            assertTrue(info.cpuTimeNs() > 0, "cpu time " + info.cpuTimeNs());
            assertEquals(1, d.getVcpus().size());
            var stats = c.getAllDomainStats(java.util.EnumSet.noneOf(org.jvirt.flags.DomainStatsType.class),
                    org.jvirt.flags.DomainStatsFlag.ACTIVE);
            assertEquals(1, stats.size());
            assertEquals(1, stats.get(0).params().get("state.state"));
            assertTrue((Long) stats.get(0).params().get("cpu.time") > 0, stats.get(0).params().toString());
            assertEquals(1, stats.get(0).params().get("vcpu.current"));
            Map<String, Long> mem = d.memoryStats();
            assertEquals(256 * 1024L, mem.get("actual"));
            assertTrue(mem.get("rss") > 0);
            // libvirt-qemu's monitor passthrough has no public API yet: through the SPI, same shared state
            try (var spi = new org.jvirt.driver.qemu.QemuDriver().open(new org.jvirt.spi.OpenRequest(
                    org.jvirt.uri.ConnectURI.parse(fx.uri), null, false, null, org.jvirt.spi.EventSink.NONE))
                    .orElseThrow()) {
                String reply = spi.domains().qemuMonitorCommand(d.ref(), "{\"execute\":\"query-status\"}", 0);
                assertTrue(reply.contains("\"running\""), reply);
                assertTrue(spi.domains().qemuMonitorCommand(d.ref(), "info status", 1).contains("running"));
            }

            d.suspend();
            assertEquals(new DomainStateInfo(DomainState.PAUSED, 1), d.getState()); // user
            assertEquals(List.of("Suspended Paused"), ev.until("Suspended Paused", Duration.ofSeconds(5)));
            d.resume();
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 5), d.getState()); // unpaused
            assertEquals(List.of("Resumed Unpaused"), ev.until("Resumed Unpaused", Duration.ofSeconds(5)));

            long t1 = System.nanoTime();
            d.shutdown();
            DriverFixture.waitState(d, DomainState.SHUTOFF, Duration.ofSeconds(30));
            long shutdownMs = (System.nanoTime() - t1) / 1_000_000;
            assertEquals("shutdown", d.getState().reasonName());
            assertEquals(List.of("Shutdown Finished after guest request", "Stopped Shutdown"),
                    ev.until("Stopped Shutdown", Duration.ofSeconds(10)));
            assertTrue(fx.serial("g1").contains("TESTGUEST-POWERDOWN"));
            assertEquals(-1, c.domainLookupByName("g1").getID());
            fx.assertRunDirClean();

            d.create(); // a second boot of the same definition, to time destroy
            long t2 = System.nanoTime();
            d.destroy();
            long destroyMs = (System.nanoTime() - t2) / 1_000_000;
            assertEquals(new DomainStateInfo(DomainState.SHUTOFF, 2), d.getState()); // destroyed
            assertTrue(ev.until("Stopped Destroyed", Duration.ofSeconds(10)).contains("Started Booted"));
            VirtException e = assertThrows(VirtException.class, d::destroy);
            assertEquals(ErrorNumber.OPERATION_INVALID, e.error().number());
            assertEquals("Requested operation is not valid: domain is not running", e.getMessage());
            fx.assertRunDirClean();

            d.undefine();
            assertEquals(List.of("Undefined Removed"), ev.until("Undefined Removed", Duration.ofSeconds(5)));
            assertEquals(List.of(), c.listAllDomains());
            System.out.printf("qemu driver (tcg): define->running %d ms, READY %d ms, ACPI shutdown->shutoff %d ms, "
                    + "destroy %d ms%n", runningMs, readyMs, shutdownMs, destroyMs);
        }
    }

    @Test
    void transientCreateXmlStartPausedThenVanishes() throws Exception {
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            Domain d = c.domainCreateXML(fx.guestXml("t1", ""), DomainCreateFlag.START_PAUSED);
            assertEquals(new DomainStateInfo(DomainState.PAUSED, 1), d.getState());
            assertEquals(List.of("Started Booted", "Suspended Paused"),
                    ev.until("Suspended Paused", Duration.ofSeconds(5)));
            assertFalse(d.isPersistent());
            assertEquals(1, c.listAllDomains(ListDomainsFlag.TRANSIENT, ListDomainsFlag.PAUSED).size());
            assertEquals("", fx.serial("t1").strip(), "the CPUs never ran");
            d.resume();
            fx.waitReady("t1");
            d.destroy();
            VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName("t1"));
            assertEquals(ErrorNumber.NO_DOMAIN, e.error().number());
            assertEquals(List.of(), c.listAllDomains());
            fx.assertRunDirClean();
        }
    }

    @Test
    void acpiRebootBootsAgainAndAutostartStartsWithTheDriver() throws Exception {
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            Domain d = c.domainDefineXML(fx.guestXml("a1", ""));
            d.setAutostart(true);
            assertTrue(d.getAutostart());
            d.create();
            fx.waitReady("a1");
            d.reboot();
            // the guest powers off, the driver resets it instead of ending qemu: a second boot, same id
            DriverFixture.waitFor(Duration.ofSeconds(60),
                    () -> fx.serial("a1").split("TESTGUEST-READY", -1).length == 3,
                    () -> "no second READY:\n" + fx.serial("a1"));
            assertEquals(DomainState.RUNNING, d.getState().state());
            assertTrue(fx.serial("a1").contains("TESTGUEST-POWERDOWN"));
            d.destroy();
            assertFalse(ev.until("Stopped Destroyed", Duration.ofSeconds(10)).contains("Stopped Shutdown"));
        }
        // the driver state went with the last connection; a new one autostarts the domain
        try (Connect c = fx.open()) {
            Domain d = c.domainLookupByName("a1");
            assertTrue(d.isActive(), "autostarted");
            assertEquals(List.of("a1"), c.listAllDomains(ListDomainsFlag.AUTOSTART, ListDomainsFlag.ACTIVE)
                    .stream().map(Domain::getName).toList());
            d.destroy();
            d.setAutostart(false);
        }
    }
}
