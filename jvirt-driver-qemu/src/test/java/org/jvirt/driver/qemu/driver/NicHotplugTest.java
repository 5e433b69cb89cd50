package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * NICs of a running guest, on one booted test guest: a bridge NIC at start (tap made, enslaved, removed at
 * the end), hot-plug and unplug of user, bridge and ethernet NICs of the virtio, e1000 and rtl8139 models
 * seen from inside the guest, the LIVE/CONFIG flags, and interface statistics that count the guest's pings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class NicHotplugTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DriverFixture fx;
    private HostNet net;
    private Connect conn;
    private Domain dom;
    private GuestConsole console;
    private final BlockingQueue<String> removed = new LinkedBlockingQueue<>();
    private EventRegistration removedReg;

    @BeforeAll
    void bootGuest() throws Exception {
        QemuTesting.assumeQemu();
        net = HostNet.createBridge();
        fx = new DriverFixture();
        conn = fx.open();
        String xml = GuestConsole.withPtyConsole(fx.guestXml("nics", """
                <interface type='bridge'><source bridge='%s'/><model type='virtio'/></interface>
                """.formatted(net.bridge)));
        dom = conn.domainDefineXML(xml);
        dom.create(DomainCreateFlag.START_PAUSED);
        console = GuestConsole.open(conn, dom);
        removedReg = conn.domainEventRegister(DomainEventId.DEVICE_REMOVED, dom,
                (d, ev) -> removed.add(((DomainEvent.DeviceRemoved) ev).devAlias()));
        dom.resume();
        console.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(90));
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            String bootTap = null;
            if (dom != null) {
                bootTap = byAlias(live(), "net0").targetDev();
                dom.destroy();
                console.close();
                dom.undefine();
            }
            if (bootTap != null) {
                assertFalse(HostNet.exists(bootTap), "the tap " + bootTap + " outlived its guest");
            }
            if (removedReg != null) {
                removedReg.close();
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
            if (net != null) {
                net.close();
            }
        }
    }

    private DomainXml live() {
        return DomainXml.parse(dom.getXMLDesc());
    }

    private DomainXml config() {
        return DomainXml.parse(dom.getXMLDesc(DomainXMLFlag.INACTIVE));
    }

    private static NetInterfaceXml byMac(DomainXml def, String mac) {
        return def.devices().interfaces().stream().filter(n -> n.mac() != null && n.mac().toString().equals(mac))
                .findFirst().orElse(null);
    }

    private static NetInterfaceXml byAlias(DomainXml def, String alias) {
        return def.devices().interfaces().stream().filter(n -> alias.equals(n.alias())).findFirst().orElse(null);
    }

    /** Waits until the unplug finished (detach may return before the guest let go, as in libvirt). */
    private void awaitRemoved(String alias) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String a = removed.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (a == null) {
                throw new AssertionError("no DEVICE_REMOVED for " + alias);
            }
            if (a.equals(alias)) {
                return;
            }
        }
    }

    @Test
    @Order(1)
    void bridgeNicAtStartHasAnEnslavedTapAndAGeneratedMac() throws Exception {
        NetInterfaceXml nic = byAlias(live(), "net0");
        assertEquals("net0", nic.alias());
        assertTrue(nic.mac().toString().startsWith("52:54:00:"), nic.mac().toString());
        String tap = nic.targetDev();
        assertNotNull(tap, "the live XML names the tap");
        assertEquals(net.bridge, HostNet.master(tap));
        // libvirt fills the MAC in at define time: the config has the same one
        assertEquals(nic.mac(), config().devices().interfaces().get(0).mac());
    }

    @Test
    @Order(2)
    void interfaceStatsCountTheGuestsPings() throws Exception {
        NetInterfaceXml nic = byAlias(live(), "net0");
        String tap = nic.targetDev();
        DomainInterfaceStats before = dom.interfaceStats(tap);
        String ping = console.run("ip addr add " + net.guestAddress() + "/24 dev eth0; ip link set eth0 up; "
                + "ping -c 3 -W 5 " + net.hostAddress() + " >/dev/null 2>&1 && echo ok || echo fail", WAIT);
        assertEquals("ok", ping);
        DomainInterfaceStats after = dom.interfaceStats(nic.mac().toString()); // by MAC as well as by name
        // the guest sent 3 echo requests (the tap's rx, reported as the guest's tx) and got 3 replies
        assertTrue(after.txPackets() - before.txPackets() >= 3, before + " -> " + after);
        assertTrue(after.rxPackets() - before.rxPackets() >= 3, before + " -> " + after);
        assertTrue(after.txBytes() > before.txBytes() && after.rxBytes() > before.rxBytes());

        Map<String, Object> p = conn.getAllDomainStats(EnumSet.of(DomainStatsType.INTERFACE)).stream()
                .filter(r -> r.domain().getName().equals("nics")).findFirst().orElseThrow().params();
        assertEquals(1, ((Number) p.get("net.count")).intValue());
        assertEquals(tap, p.get("net.0.name"));
        assertTrue(((Number) p.get("net.0.tx.pkts")).longValue() >= after.txPackets(), p.toString());

        VirtException unknown = assertThrows(VirtException.class, () -> dom.interfaceStats("nosuch0"));
        assertEquals(ErrorNumber.INVALID_ARG, unknown.error().number());
        assertEquals("invalid argument: 'nosuch0' is not a known interface", unknown.getMessage());
    }

    @Test
    @Order(3)
    void userVirtioNicHotplugSeenByTheGuest() throws Exception {
        int mark = console.mark();
        dom.attachDevice("<interface type='user'><model type='virtio'/></interface>", DomainDeviceModifyFlag.LIVE);
        console.waitFor("TESTGUEST-UEVENT add net eth", mark, WAIT);
        NetInterfaceXml nic = byAlias(live(), "net1");
        assertNotNull(nic, "the next alias is net1");
        assertEquals("virtio", nic.model());
        String mac = nic.mac().toString();
        assertTrue(mac.startsWith("52:54:00:"), mac);
        assertEquals("pci", nic.address().type());
        assertEquals(0, nic.address().number("bus"));
        assertTrue(nic.address().number("slot") > 0, nic.toXml());
        assertNull(byMac(config(), mac), "a LIVE attach leaves the config alone");
        assertTrue(console.run("cat /sys/class/net/eth*/address", WAIT).contains(mac));

        // a user-mode NIC has no host device to count on (libvirt's error)
        VirtException noIf = assertThrows(VirtException.class, () -> dom.interfaceStats(mac));
        assertEquals(ErrorNumber.INTERNAL_ERROR, noIf.error().number());
        assertTrue(noIf.getMessage().contains("Interface name not provided"), noIf.getMessage());

        mark = console.mark();
        dom.detachDevice("<interface type='user'><mac address='" + mac + "'/></interface>",
                DomainDeviceModifyFlag.LIVE);
        awaitRemoved("net1");
        console.waitFor("TESTGUEST-UEVENT remove net eth", mark, WAIT);
        assertNull(byMac(live(), mac));
        assertFalse(console.run("cat /sys/class/net/eth*/address", WAIT).contains(mac));
    }

    @Test
    @Order(4)
    void e1000AndRtl8139AreHotpluggedOnThePciBus() throws Exception {
        // the guest kernel has no driver for them: it sees them as PCI functions (vendor:device)
        for (String[] m : List.of(new String[] {"e1000", "52:54:00:e1:00:01", "0x100e"},
                new String[] {"rtl8139", "52:54:00:81:39:01", "0x8139"})) {
            String xml = "<interface type='user'><mac address='" + m[1] + "'/><model type='" + m[0]
                    + "'/></interface>";
            dom.attachDevice(xml, DomainDeviceModifyFlag.LIVE);
            NetInterfaceXml nic = byMac(live(), m[1]);
            assertNotNull(nic);
            assertEquals(m[0], nic.model());
            int slot = nic.address().number("slot");
            String dev = String.format("/sys/bus/pci/devices/0000:00:%02x.0/device", slot);
            DriverFixture.waitFor(WAIT, () -> {
                try {
                    return console.run("cat " + dev + " 2>/dev/null", WAIT).equals(m[2]);
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }, () -> "the guest does not see " + m[0] + " at slot " + slot);
            dom.detachDevice(xml, DomainDeviceModifyFlag.LIVE);
            awaitRemoved(nic.alias());
            assertNull(byMac(live(), m[1]));
            assertEquals("gone", console.run("test -e " + dev + " && echo there || echo gone", WAIT));
        }
    }

    @Test
    @Order(5)
    void configLiveAndBothFlags() throws Exception {
        String cfgOnly = "<interface type='user'><mac address='52:54:00:c0:ff:01'/><model type='virtio'/></interface>";
        dom.attachDevice(cfgOnly, DomainDeviceModifyFlag.CONFIG);
        assertNotNull(byMac(config(), "52:54:00:c0:ff:01"));
        assertNull(byMac(live(), "52:54:00:c0:ff:01"));
        assertTrue(dom.isUpdated());

        // both: one generated MAC in both definitions
        int before = live().devices().interfaces().size();
        dom.attachDevice("<interface type='user'><model type='virtio'/></interface>", DomainDeviceModifyFlag.LIVE,
                DomainDeviceModifyFlag.CONFIG);
        List<NetInterfaceXml> nics = live().devices().interfaces();
        assertEquals(before + 1, nics.size());
        String mac = nics.stream().map(n -> n.mac().toString()).filter(m -> byMac(config(), m) != null
                && !m.equals(byAlias(live(), "net0").mac().toString())).findFirst().orElseThrow();
        NetInterfaceXml inConfig = byMac(config(), mac);
        assertNotNull(inConfig, "the same MAC in the config");
        assertNull(inConfig.alias(), "aliases belong to the live XML");

        VirtException missing = assertThrows(VirtException.class, () -> dom.detachDevice(
                "<interface type='user'><mac address='52:54:00:de:ad:00'/></interface>", DomainDeviceModifyFlag.LIVE));
        assertEquals(ErrorNumber.DEVICE_MISSING, missing.error().number());

        dom.detachDevice(cfgOnly, DomainDeviceModifyFlag.CONFIG);
        assertNull(byMac(config(), "52:54:00:c0:ff:01"));
        String alias = byMac(live(), mac).alias();
        dom.detachDevice("<interface type='user'><mac address='" + mac + "'/></interface>",
                DomainDeviceModifyFlag.LIVE, DomainDeviceModifyFlag.CONFIG);
        assertNull(byMac(config(), mac));
        awaitRemoved(alias);
        assertNull(byMac(live(), mac));
    }

    @Test
    @Order(6)
    void bridgeAndEthernetNicsGetTapsThatGoWithThem() throws Exception {
        int mark = console.mark();
        String br = "<interface type='bridge'><mac address='52:54:00:b0:00:01'/><source bridge='" + net.bridge
                + "'/><model type='virtio'/></interface>";
        dom.attachDevice(br, DomainDeviceModifyFlag.LIVE);
        console.waitFor("TESTGUEST-UEVENT add net eth", mark, WAIT);
        NetInterfaceXml nic = byMac(live(), "52:54:00:b0:00:01");
        String tap = nic.targetDev();
        assertNotNull(tap);
        assertEquals(net.bridge, HostNet.master(tap));
        assertTrue(dom.interfaceStats(tap).rxPackets() >= 0);
        dom.detachDevice(br, DomainDeviceModifyFlag.LIVE);
        awaitRemoved(nic.alias());
        assertFalse(HostNet.exists(tap), "the tap goes with its NIC");

        String eth = "<interface type='ethernet'><mac address='52:54:00:e7:00:01'/><model type='virtio'/></interface>";
        dom.attachDevice(eth, DomainDeviceModifyFlag.LIVE);
        nic = byMac(live(), "52:54:00:e7:00:01");
        String etap = nic.targetDev();
        assertTrue(HostNet.exists(etap));
        assertNull(HostNet.master(etap), "an ethernet NIC's tap is on no bridge");
        dom.detachDevice(eth, DomainDeviceModifyFlag.LIVE);
        awaitRemoved(nic.alias());
        assertFalse(HostNet.exists(etap));

        // a bridge that does not exist: an error, and nothing left behind
        int nics = live().devices().interfaces().size();
        VirtException noBridge = assertThrows(VirtException.class, () -> dom.attachDevice(
                "<interface type='bridge'><source bridge='jvtnosuchbr'/><model type='virtio'/></interface>",
                DomainDeviceModifyFlag.LIVE));
        assertEquals(ErrorNumber.SYSTEM_ERROR, noBridge.error().number());
        assertTrue(noBridge.getMessage().contains("jvtnosuchbr"), noBridge.getMessage());
        assertEquals(nics, live().devices().interfaces().size());
    }
}
