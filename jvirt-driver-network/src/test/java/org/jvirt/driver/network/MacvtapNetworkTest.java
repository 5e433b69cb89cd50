package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.Network;
import org.jvirt.NetworkPort;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Networks whose guests join through a macvtap on a host device (forward modes vepa, private, passthrough, and
 * bridge without a bridge): the forward devices are veths whose other ends sit in an "outside" namespace. Checks
 * libvirt 9.0's port allocation (least used device; passthrough exclusive), the live XML's connection counts,
 * the refusals (a {@code <pf>} without virtual functions, hostdev), and a real guest whose
 * {@code <interface type='network'>} becomes a macvtap of the network's mode that reaches the outside.
 */
class MacvtapNetworkTest {

    private Path root;
    private Connect c;
    private String qemuUri;
    private final String outNs = "network-jvnm" + ProcessHandle.current().pid();

    @BeforeEach
    void setUp() {
        Netns.name();
        root = Netns.tempRoot("macvtapnet");
        qemuUri = "qemu:///session?state_dir=" + root.resolve("q/state") + "&run_dir=" + root.resolve("q/run")
                + "&host_root=" + root;
        c = Connect.open("network:///session?host_root=" + root);
        Netns.run("ip", "netns", "add", outNs);
        for (int i = 0; i < 2; i++) {
            Netns.run("ip", "link", "add", "jvnv" + i, "type", "veth", "peer", "name", "eth" + i, "netns", outNs);
            Netns.run("ip", "link", "set", "jvnv" + i, "up");
            Netns.run("ip", "netns", "exec", outNs, "ip", "link", "set", "eth" + i, "up");
        }
        Netns.run("ip", "netns", "exec", outNs, "ip", "address", "add", "10.97.0.2/24", "dev", "eth0");
        Netns.run("ip", "netns", "exec", outNs, "ip", "address", "add", "10.97.1.2/24", "dev", "eth1");
    }

    @AfterEach
    void tearDown() {
        try (Connect q = Connect.open(qemuUri)) {
            for (Domain d : q.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
        }
        for (Network n : c.listAllNetworks()) {
            if (n.isActive()) {
                n.destroy();
            }
        }
        c.close();
        Netns.quiet("ip", "link", "del", "jvnv0");
        Netns.quiet("ip", "link", "del", "jvnv1");
        Netns.quiet("ip", "netns", "del", outNs);
        Netns.deleteTree(root);
    }

    private static String portXml(int i) {
        return "<networkport><uuid>" + UUID.randomUUID() + "</uuid><owner><name>vm" + i + "</name><uuid>"
                + UUID.randomUUID() + "</uuid></owner><mac address='52:54:00:97:00:0" + i + "'/></networkport>";
    }

    @Test
    void portsTakeTheLeastUsedDeviceAndTheLiveXmlCountsThem() {
        String before = Netns.snapshot();
        Network n = c.networkCreateXML("<network><name>jvnvepa</name><forward mode='vepa'>"
                + "<interface dev='jvnv0'/><interface dev='jvnv1'/></forward></network>");
        assertEquals(before, Netns.snapshot(), "a macvtap network makes nothing on the host at start");
        NetworkPort p1 = n.portCreateXML(portXml(1));
        NetworkPort p2 = n.portCreateXML(portXml(2));
        NetworkPort p3 = n.portCreateXML(portXml(3));
        assertTrue(p1.getXMLDesc().contains("<plug type='direct' dev='jvnv0' mode='vepa'/>"), p1.getXMLDesc());
        assertTrue(p2.getXMLDesc().contains("<plug type='direct' dev='jvnv1' mode='vepa'/>"), p2.getXMLDesc());
        assertTrue(p3.getXMLDesc().contains("<plug type='direct' dev='jvnv0' mode='vepa'/>"), p3.getXMLDesc());
        // as libvirt 9.0 writes it (checked against a private libvirtd on the same definition and ports)
        assertEquals("""
                <network connections='3'>
                  <name>jvnvepa</name>
                  <uuid>%s</uuid>
                  <forward dev='jvnv0' mode='vepa'>
                    <interface dev='jvnv0' connections='2'/>
                    <interface dev='jvnv1' connections='1'/>
                  </forward>
                </network>
                """.formatted(n.getUUIDString()), n.getXMLDesc());
        p1.delete();
        assertTrue(n.getXMLDesc().contains("<network connections='2'>"));
        assertTrue(n.getXMLDesc().contains("<interface dev='jvnv0' connections='1'/>"));
        // a new driver (the last connection closed) finds the ports and so the counts again
        c.close();
        c = Connect.open("network:///session?host_root=" + root);
        n = c.networkLookupByName("jvnvepa");
        assertTrue(n.getXMLDesc().contains("<interface dev='jvnv1' connections='1'/>"), n.getXMLDesc());
        assertEquals(2, n.listAllPorts().size());
        // a forward device in use stays (libvirt's words, its double space included)
        Network live = n;
        VirtException e = assertThrows(VirtException.class, () -> live.update(
                org.jvirt.NetworkUpdateCommand.DELETE, org.jvirt.NetworkUpdateSection.FORWARD_INTERFACE, -1,
                "<interface dev='jvnv1'/>", org.jvirt.flags.NetworkUpdateFlag.AFFECT_LIVE));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("Requested operation is not valid: unable to delete interface 'jvnv1' in network 'jvnvepa'. "
                + "It is currently being used  by 1 domains.", e.getMessage());
        n.destroy();
        assertEquals(before, Netns.snapshot());
    }

    @Test
    void aPassthroughDeviceServesOnePortAtATime() {
        Network n = c.networkCreateXML("<network><name>jvnpt</name><forward mode='passthrough' dev='jvnv1'/>"
                + "</network>");
        String xml = n.getXMLDesc();
        assertTrue(xml.contains("<forward dev='jvnv1' mode='passthrough'>\n    <interface dev='jvnv1'/>\n"), xml);
        NetworkPort p1 = n.portCreateXML(portXml(1));
        assertTrue(p1.getXMLDesc().contains("<plug type='direct' dev='jvnv1' mode='passthrough'/>"));
        VirtException e = assertThrows(VirtException.class, () -> n.portCreateXML(portXml(2)));
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        assertEquals("internal error: network 'jvnpt' requires exclusive access to interfaces, but none are "
                + "available", e.getMessage());
        assertEquals(1, n.listAllPorts().size());
        p1.delete();
        assertTrue(n.portCreateXML(portXml(2)).getXMLDesc().contains("dev='jvnv1' mode='passthrough'"));
    }

    @Test
    void aPfWithoutVirtualFunctionsAndHostdevAreRefused() {
        String before = Netns.snapshot();
        c.networkDefineXML("<network><name>jvnpf</name><forward mode='private'><pf dev='jvnv0'/></forward>"
                + "</network>");
        VirtException e = assertThrows(VirtException.class, () -> c.networkLookupByName("jvnpf").create());
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        assertEquals("internal error: No usable Vf's present on SRIOV PF jvnv0", e.getMessage());
        assertFalse(c.networkLookupByName("jvnpf").isActive());
        VirtException h = assertThrows(VirtException.class, () -> c.networkCreateXML(
                "<network><name>jvnhd</name><forward mode='hostdev' managed='yes'><pf dev='jvnv0'/></forward>"
                        + "</network>"));
        assertEquals(ErrorNumber.NO_SUPPORT, h.number());
        assertTrue(h.getMessage().contains("SR-IOV"), h.getMessage());
        VirtException d = assertThrows(VirtException.class, () -> c.networkDefineXML(
                "<network><name>jvndup</name><forward mode='vepa' dev='jvnv0'><interface dev='jvnv1'/></forward>"
                        + "</network>"));
        assertEquals(ErrorNumber.XML_ERROR, d.number());
        assertTrue(d.getMessage().contains("<forward dev='jvnv0'> must match first <interface dev='jvnv1'/>"));
        assertEquals(before, Netns.snapshot());
    }

    @Test
    void aGuestOnAMacvtapNetworkGetsAMacvtapOfItsMode() throws Exception {
        QemuTesting.assumeQemu();
        TestGuest.Artifacts g = TestGuest.ensure();
        Network priv = c.networkCreateXML("<network><name>jvnpriv</name><forward mode='private'>"
                + "<interface dev='jvnv0'/></forward></network>");
        Network pt = c.networkCreateXML("<network><name>jvnpass</name><forward mode='passthrough'>"
                + "<interface dev='jvnv1'/></forward></network>");
        try (Connect q = Connect.open(qemuUri)) {
            Domain d = q.domainCreateXML("""
                    <domain type='qemu'><name>jvnmvg</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                        <cmdline>console=ttyS0 no_timer_check quiet tg.net=0 tg.token=jvnmv</cmdline></os>
                      <features><acpi/></features>
                      <devices>
                        <interface type='network'><mac address='52:54:00:97:00:05'/>
                          <source network='jvnpriv'/><model type='virtio'/></interface>
                        <serial type='pty'><target port='0'/></serial>
                        <console type='pty'><target type='serial' port='0'/></console>
                      </devices></domain>""".formatted(g.kernel(), g.initrd()));
            NetInterfaceXml nic = DomainXml.parse(d.getXMLDesc()).devices().interfaces().get(0);
            String portId = priv.listAllPorts().get(0).getUUIDString();
            assertEquals("<interface type='direct'>", org.jvirt.xml.XmlWriter.toXml(nic.element()).lines().findFirst().orElseThrow().strip());
            assertTrue(org.jvirt.xml.XmlWriter.toXml(nic.element()).contains("<source network='jvnpriv' portid='" + portId
                    + "' dev='jvnv0' mode='private'/>"), org.jvirt.xml.XmlWriter.toXml(nic.element()));
            String link = Netns.run("ip", "-d", "link", "show", nic.targetDev());
            assertTrue(link.contains("macvtap mode private") && link.contains("@jvnv0")
                    && link.contains("52:54:00:97:00:05"), link);
            assertTrue(priv.getXMLDesc().contains("<network connections='1'>"));
            try (GuestConsole con = new GuestConsole(q, d)) {
                con.waitFor(Pattern.compile("TESTGUEST-READY"), 90);
                con.run("ip addr add 10.97.0.5/24 dev eth0; ip link set eth0 up");
                String ping = "";
                for (int i = 0; i < 5 && !ping.contains("1 packets received"); i++) {
                    ping = con.run("ping -c 1 -W 2 10.97.0.2");
                }
                assertTrue(ping.contains("1 packets received"), "the guest reaches the outside: " + ping);
                // hot-plug onto the passthrough network: one NIC takes its only device, a second one is refused
                String nic2 = "<interface type='network'><mac address='52:54:00:97:00:06'/>"
                        + "<source network='jvnpass'/><model type='virtio'/></interface>";
                d.attachDevice(nic2);
                con.waitFor(Pattern.compile("TESTGUEST-UEVENT add net eth1"), 30);
                NetInterfaceXml live2 = DomainXml.parse(d.getXMLDesc()).devices().interfaces().get(1);
                assertTrue(Netns.run("ip", "-d", "link", "show", live2.targetDev()).contains("macvtap mode passthru"));
                String macvtaps = Netns.run("ip", "-o", "link", "show", "type", "macvtap");
                VirtException e = assertThrows(VirtException.class, () -> d.attachDevice(
                        "<interface type='network'><mac address='52:54:00:97:00:07'/><source network='jvnpass'/>"
                                + "<model type='virtio'/></interface>"));
                assertTrue(e.getMessage().contains("requires exclusive access to interfaces"), e.getMessage());
                assertEquals(macvtaps, Netns.run("ip", "-o", "link", "show", "type", "macvtap"),
                        "the refused NIC left nothing behind");
                assertEquals(1, pt.listAllPorts().size());
                con.run("ip addr add 10.97.1.5/24 dev eth1; ip link set eth1 up");
                ping = "";
                for (int i = 0; i < 5 && !ping.contains("1 packets received"); i++) {
                    ping = con.run("ping -c 1 -W 2 10.97.1.2");
                }
                assertTrue(ping.contains("1 packets received"), "through the passthrough macvtap: " + ping);
                d.detachDevice(nic2);
                for (int i = 0; i < 100 && !pt.listAllPorts().isEmpty(); i++) {
                    Thread.sleep(100);
                }
                assertTrue(pt.listAllPorts().isEmpty(), "unplug gives the port back");
                assertFalse(Netns.linkExists(live2.targetDev()));
            }
            d.destroy();
            assertTrue(priv.listAllPorts().isEmpty(), "the guest's end gives its port back");
            assertFalse(priv.getXMLDesc().contains("connections"));
            assertFalse(Netns.linkExists(nic.targetDev()));
            assertEquals("", Netns.run("ip", "-o", "link", "show", "type", "macvtap").strip());
        }
    }
}
