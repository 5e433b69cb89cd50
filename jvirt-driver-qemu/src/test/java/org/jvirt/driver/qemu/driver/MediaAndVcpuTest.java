package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * On one booted pc guest with an empty IDE CD-ROM and {@code <vcpu current='1'>2</vcpu>}: media insert, change
 * and eject with the tray's events and XML, vCPU hot-plug and unplug seen by the guest, and the persistent
 * vCPU and memory settings with libvirt's errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class MediaAndVcpuTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CDROM = "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>%s"
            + "<target dev='hdc' bus='ide'/><readonly/></disk>";

    private DriverFixture fx;
    private Connect conn;
    private Domain dom;
    private GuestConsole console;

    @BeforeAll
    void bootGuest() throws Exception {
        QemuTesting.assumeQemu();
        fx = new DriverFixture();
        conn = fx.open();
        String xml = GuestConsole.withPtyConsole(fx.guestXml("media", CDROM.formatted("")))
                .replace("<vcpu>1</vcpu>", "<vcpu placement='static' current='1'>2</vcpu>");
        dom = conn.domainDefineXML(xml);
        dom.create(DomainCreateFlag.START_PAUSED);
        console = GuestConsole.open(conn, dom);
        dom.resume();
        console.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(90));
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            if (dom != null) {
                dom.destroy();
                console.close();
                dom.undefine();
            }
            if (conn != null) {
                conn.close();
            }
            if (fx != null) {
                fx.assertNoQemu();
            }
        } finally {
            if (fx != null) {
                fx.close();
            }
        }
    }

    private DiskXml cdrom(DomainXml def) {
        return def.devices().disks().stream().filter(d -> "hdc".equals(d.targetDev())).findFirst().orElseThrow();
    }

    private static String path(DiskXml d) {
        return d.source() instanceof DiskSource.File f ? f.path() : null;
    }

    private String queryBlock() {
        return dom.qemuMonitorCommand("{\"execute\":\"query-block\"}");
    }

    private Path image(String name) throws Exception {
        Path p = fx.dir.resolve(name);
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", p.toString(), "4M").inheritIO()
                .start().waitFor());
        return p;
    }

    @Test
    void cdromInsertChangeAndEjectWithTrayEvents() throws Exception {
        BlockingQueue<String> trays = new LinkedBlockingQueue<>();
        Path m1 = image("m1.iso");
        Path m2 = image("m2.iso");
        try (EventRegistration reg = conn.domainEventRegister(DomainEventId.TRAY_CHANGE, dom, (d, ev) -> {
            DomainEvent.TrayChange t = (DomainEvent.TrayChange) ev;
            trays.add(t.devAlias() + (t.reason() == 0 ? " open" : " close"));
        })) {
            DiskXml empty = cdrom(DomainXml.parse(dom.getXMLDesc()));
            assertEquals("ide0-1-0", empty.alias());
            assertNull(path(empty));

            dom.updateDevice(CDROM.formatted("<source file='" + m1 + "'/>"), DomainDeviceModifyFlag.LIVE);
            assertEquals(m1.toString(), path(cdrom(DomainXml.parse(dom.getXMLDesc()))));
            assertNull(path(cdrom(DomainXml.parse(dom.getXMLDesc(DomainXMLFlag.INACTIVE)))), "LIVE only");
            assertTrue(queryBlock().contains(m1.toString()), queryBlock());
            assertEquals("ide0-1-0 open", trays.poll(10, TimeUnit.SECONDS));
            assertEquals("ide0-1-0 close", trays.poll(10, TimeUnit.SECONDS));

            dom.updateDevice(CDROM.formatted("<source file='" + m2 + "'/>"), DomainDeviceModifyFlag.LIVE);
            assertEquals(m2.toString(), path(cdrom(DomainXml.parse(dom.getXMLDesc()))));
            assertTrue(queryBlock().contains(m2.toString()) && !queryBlock().contains(m1.toString()), queryBlock());

            dom.updateDevice(CDROM.formatted(""), DomainDeviceModifyFlag.LIVE); // eject
            assertNull(path(cdrom(DomainXml.parse(dom.getXMLDesc()))));
            assertFalse(queryBlock().contains("\"inserted\""), queryBlock());
            // the change and the eject move the tray too, and their events may still be on their way: wait for
            // a second without one before the tray is opened from outside
            while (trays.poll(1, TimeUnit.SECONDS) != null) {
                // drained
            }

            // the tray opened by someone else shows in the live XML until the next change closes it
            dom.qemuMonitorCommand("{\"execute\":\"blockdev-open-tray\",\"arguments\":{\"id\":\"ide0-1-0\"}}");
            assertEquals("ide0-1-0 open", trays.poll(10, TimeUnit.SECONDS));
            assertTrue(dom.getXMLDesc().contains("<target dev='hdc' bus='ide' tray='open'/>")
                    || dom.getXMLDesc().contains("tray=\"open\""), dom.getXMLDesc());
            dom.updateDevice(CDROM.formatted("<source file='" + m1 + "'/>"), DomainDeviceModifyFlag.LIVE);
            assertEquals("ide0-1-0 close", trays.poll(10, TimeUnit.SECONDS));
            assertFalse(dom.getXMLDesc().contains("tray="), dom.getXMLDesc());
            assertTrue(queryBlock().contains(m1.toString()), queryBlock());
        }

        dom.updateDevice(CDROM.formatted("<source file='" + m2 + "'/>"), DomainDeviceModifyFlag.CONFIG);
        assertEquals(m2.toString(), path(cdrom(DomainXml.parse(dom.getXMLDesc(DomainXMLFlag.INACTIVE)))));
        assertEquals(m1.toString(), path(cdrom(DomainXml.parse(dom.getXMLDesc()))), "CONFIG only");

        VirtException none = assertThrows(VirtException.class, () -> dom.updateDevice(
                CDROM.formatted("").replace("hdc", "hdd"), DomainDeviceModifyFlag.LIVE));
        assertEquals(ErrorNumber.INTERNAL_ERROR, none.error().number());
        assertTrue(none.getMessage().contains("disk 'hdd' not found"), none.getMessage());
        VirtException nic = assertThrows(VirtException.class, () -> dom.updateDevice(
                "<interface type='user'/>", DomainDeviceModifyFlag.LIVE));
        // a NIC can be updated live (link state), but this guest has none: libvirt's virDomainNetFindIdx error
        assertEquals(ErrorNumber.DEVICE_MISSING, nic.error().number());
        assertTrue(nic.getMessage().contains("no device found at address '(<null>)' matching MAC address"),
                nic.getMessage());
        VirtException cfg = assertThrows(VirtException.class, () -> dom.updateDevice(
                CDROM.formatted("").replace("hdc", "hdd"), DomainDeviceModifyFlag.CONFIG));
        assertEquals(ErrorNumber.INVALID_ARG, cfg.error().number());
        assertTrue(cfg.getMessage().contains("target hdd doesn't exist."), cfg.getMessage());
    }

    private String onlineCpus() throws InterruptedException {
        return console.run("cat /sys/devices/system/cpu/online", WAIT);
    }

    @Test
    void vcpuHotplugAndThePersistentCount() throws Exception {
        assertEquals(1, dom.getVcpusFlags());
        assertEquals(2, dom.getVcpusFlags(DomainVcpuFlag.MAXIMUM));
        assertEquals(1, dom.getVcpusFlags(DomainVcpuFlag.CONFIG));
        assertEquals("0", onlineCpus());

        VirtException tooMany = assertThrows(VirtException.class, () -> dom.setVcpus(3, DomainVcpuFlag.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, tooMany.error().number());
        assertTrue(tooMany.getMessage().contains(
                "requested vcpus is greater than max allowable vcpus for the live domain: 3 > 2"), tooMany.getMessage());
        VirtException maxLive = assertThrows(VirtException.class, () -> dom.setVcpus(4, DomainVcpuFlag.LIVE,
                DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM));
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED, maxLive.error().number());
        assertTrue(maxLive.getMessage().contains("maximum vcpu count of a live domain can't be modified"));

        dom.setVcpus(2, DomainVcpuFlag.LIVE);
        assertEquals(2, dom.getVcpusFlags());
        assertEquals(2, dom.getInfo().nrVirtCpu());
        assertEquals(2, dom.getVcpus().size());
        assertEquals(1, dom.getVcpusFlags(DomainVcpuFlag.CONFIG), "LIVE leaves the config alone");
        // the guest gets an ACPI notification and brings the CPU up (busybox has no udev rule to online it)
        DriverFixture.waitFor(WAIT, () -> {
            try {
                return console.run("cat /sys/devices/system/cpu/cpu1/online 2>/dev/null || echo none", WAIT)
                        .matches("[01]");
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        }, () -> "the guest never saw cpu1");
        console.run("echo 1 > /sys/devices/system/cpu/cpu1/online 2>/dev/null; true", WAIT);
        assertEquals("0-1", onlineCpus());

        dom.setVcpus(1, DomainVcpuFlag.LIVE);
        assertEquals(1, dom.getVcpusFlags());
        assertEquals(1, dom.getVcpus().size());
        assertEquals("0", onlineCpus());

        dom.setVcpus(2, DomainVcpuFlag.CONFIG);
        assertEquals(2, dom.getVcpusFlags(DomainVcpuFlag.CONFIG));
        assertEquals(1, dom.getVcpusFlags(DomainVcpuFlag.LIVE));
        VirtException cfgTooMany = assertThrows(VirtException.class, () -> dom.setVcpus(3, DomainVcpuFlag.CONFIG));
        assertTrue(cfgTooMany.getMessage().contains("for the persistent domain: 3 > 2"), cfgTooMany.getMessage());
        dom.setVcpus(3, DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM);
        assertEquals(3, dom.getVcpusFlags(DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM));
        assertEquals(2, dom.getVcpusFlags(DomainVcpuFlag.LIVE, DomainVcpuFlag.MAXIMUM));
    }

    @Test
    void persistentMemorySettings() {
        dom.setMemory(200 * 1024, DomainMemoryModFlag.CONFIG);
        DomainXml cfg = DomainXml.parse(dom.getXMLDesc(DomainXMLFlag.INACTIVE));
        assertEquals(200 * 1024L, cfg.currentMemoryKiB());
        assertEquals(256 * 1024L, DomainXml.parse(dom.getXMLDesc()).memoryKiB());

        VirtException higher = assertThrows(VirtException.class,
                () -> dom.setMemory(300 * 1024, DomainMemoryModFlag.CONFIG));
        assertEquals(ErrorNumber.INVALID_ARG, higher.error().number());
        assertTrue(higher.getMessage().contains("cannot set memory higher than max memory"));
        VirtException maxLive = assertThrows(VirtException.class, () -> dom.setMaxMemory(300 * 1024));
        assertEquals(ErrorNumber.OPERATION_INVALID, maxLive.error().number());
        assertTrue(maxLive.getMessage().contains("cannot resize the maximum memory on an active domain"));

        dom.setMemory(512 * 1024, DomainMemoryModFlag.CONFIG, DomainMemoryModFlag.MAXIMUM);
        cfg = DomainXml.parse(dom.getXMLDesc(DomainXMLFlag.INACTIVE));
        assertEquals(512 * 1024L, cfg.memoryKiB());
        assertEquals(200 * 1024L, cfg.currentMemoryKiB());
        assertEquals(256 * 1024L, dom.getMaxMemory(), "the running guest keeps its size");
    }
}
