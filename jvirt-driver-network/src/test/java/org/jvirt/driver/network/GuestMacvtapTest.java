package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code <interface type='direct'>} on the real test guest: a macvtap on a veth (whose other end is in a
 * namespace of its own, the "outside"), in bridge mode at start, vepa, private and passthrough when
 * hot-plugged; QEMU gets the macvtap's descriptor; the guest reaches the outside through it; unplug and
 * destroy delete the macvtaps.
 */
class GuestMacvtapTest {

    private Path root;
    private String qemuUri;
    private final String outNs = "network-jvm" + ProcessHandle.current().pid();

    @BeforeEach
    void setUp() {
        Netns.name();
        QemuTesting.assumeQemu();
        root = Netns.tempRoot("macvtap");
        qemuUri = "qemu:///session?state_dir=" + root.resolve("q/state") + "&run_dir=" + root.resolve("q/run")
                + "&host_root=" + root;
        Netns.run("ip", "netns", "add", outNs);
        Netns.run("ip", "link", "add", "jvmv0", "type", "veth", "peer", "name", "eth0", "netns", outNs);
        Netns.run("ip", "link", "set", "jvmv0", "up");
        Netns.run("ip", "link", "add", "jvmv1", "type", "veth", "peer", "name", "eth1", "netns", outNs);
        Netns.run("ip", "link", "set", "jvmv1", "up");
        Netns.run("ip", "netns", "exec", outNs, "ip", "address", "add", "10.98.0.2/24", "dev", "eth0");
        Netns.run("ip", "netns", "exec", outNs, "ip", "link", "set", "eth0", "up");
    }

    @AfterEach
    void tearDown() {
        try (Connect c = Connect.open(qemuUri)) {
            for (Domain d : c.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
        }
        Netns.quiet("ip", "link", "del", "jvmv0");
        Netns.quiet("ip", "link", "del", "jvmv1");
        Netns.quiet("ip", "netns", "del", outNs);
        Netns.deleteTree(root);
    }

    @Test
    void aDirectInterfaceIsAMacvtapTheGuestTalksThrough() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        try (Connect c = Connect.open(qemuUri)) {
            // a network filter cannot act on a macvtap (its frames cross no bridge): refused, nothing left behind
            org.jvirt.VirtException e = org.junit.jupiter.api.Assertions.assertThrows(org.jvirt.VirtException.class,
                    () -> c.domainCreateXML("""
                    <domain type='qemu'><name>jvmvtfilt</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd></os>
                      <devices><interface type='direct'><mac address='52:54:00:98:00:09'/>
                        <source dev='jvmv0' mode='bridge'/><filterref filter='clean-traffic'/></interface></devices>
                    </domain>""".formatted(g.kernel(), g.initrd())));
            assertEquals(org.jvirt.ErrorNumber.CONFIG_UNSUPPORTED, e.number());
            assertEquals("", Netns.run("ip", "-o", "link", "show", "type", "macvtap").strip());
            Domain d = c.domainCreateXML("""
                    <domain type='qemu'><name>jvmacvtap</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                        <cmdline>console=ttyS0 no_timer_check quiet tg.net=0 tg.token=jvmvt</cmdline></os>
                      <features><acpi/></features>
                      <devices>
                        <interface type='direct'><mac address='52:54:00:98:00:05'/>
                          <source dev='jvmv0' mode='bridge'/><model type='virtio'/></interface>
                        <serial type='pty'><target port='0'/></serial>
                        <console type='pty'><target type='serial' port='0'/></console>
                      </devices></domain>""".formatted(g.kernel(), g.initrd()));
            String mvt = "jv" + d.getUUIDString().substring(0, 8) + "n0";
            String link = Netns.run("ip", "-d", "link", "show", mvt);
            assertTrue(link.contains("macvtap mode bridge") && link.contains("52:54:00:98:00:05")
                    && link.contains("@jvmv0"), link);
            assertTrue(d.getXMLDesc().contains("<target dev='" + mvt + "'/>"), d.getXMLDesc());
            try (GuestConsole con = new GuestConsole(c, d)) {
                con.waitFor(Pattern.compile("TESTGUEST-READY"), 90);
                con.run("ip addr add 10.98.0.5/24 dev eth0; ip link set eth0 up");
                String ping = "";
                for (int i = 0; i < 5 && !ping.contains("1 packets received"); i++) {
                    ping = con.run("ping -c 1 -W 2 10.98.0.2");
                }
                assertTrue(ping.contains("1 packets received"), "the guest reaches the outside: " + ping);
                assertTrue(Netns.run("ip", "netns", "exec", outNs, "ip", "neigh", "show", "10.98.0.5")
                        .contains("52:54:00:98:00:05"), "the outside saw the guest's own MAC");

                String nic2 = "<interface type='direct'><mac address='52:54:00:98:00:06'/>"
                        + "<source dev='jvmv0' mode='vepa'/><model type='virtio'/></interface>";
                d.attachDevice(nic2);
                String mvt2 = "jv" + d.getUUIDString().substring(0, 8) + "n1";
                assertTrue(Netns.run("ip", "-d", "link", "show", mvt2).contains("macvtap mode vepa"));
                con.waitFor(Pattern.compile("TESTGUEST-UEVENT add net eth1"), 30);
                d.detachDevice(nic2);
                for (int i = 0; i < 100 && Netns.linkExists(mvt2); i++) {
                    Thread.sleep(100);
                }
                assertFalse(Netns.linkExists(mvt2), "unplug deletes the macvtap");
                // the other two modes: private on the same link, passthrough on a link of its own
                for (String[] m : new String[][] {{"private", "jvmv0", "private", "07"},
                        {"passthrough", "jvmv1", "passthru", "08"}}) {
                    String nic = "<interface type='direct'><mac address='52:54:00:98:00:" + m[3] + "'/>"
                            + "<source dev='" + m[1] + "' mode='" + m[0] + "'/><model type='virtio'/></interface>";
                    d.attachDevice(nic);
                    String dev = org.jvirt.xml.domain.DomainXml.parse(d.getXMLDesc()).devices().interfaces().stream()
                            .filter(n -> n.mac().toString().endsWith(m[3])).findFirst().orElseThrow().targetDev();
                    String l = Netns.run("ip", "-d", "link", "show", dev);
                    assertTrue(l.contains("macvtap mode " + m[2]) && l.contains("@" + m[1]), l);
                    d.detachDevice(nic);
                    for (int i = 0; i < 100 && Netns.linkExists(dev); i++) {
                        Thread.sleep(100);
                    }
                    assertFalse(Netns.linkExists(dev));
                }
            }
            d.destroy();
            assertFalse(Netns.linkExists(mvt), "destroy deletes the macvtap");
            assertEquals("", Netns.run("ip", "-o", "link", "show", "type", "macvtap").strip());
        }
    }
}
