package org.jvirt.driver.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.NWFilterBinding;
import org.jvirt.Network;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real test guest with clean-traffic on its NIC, through a qemu:///system connection that carries the
 * network and nwfilter drivers (under a host root): the QEMU driver binds the filter to the guest's tap through
 * the public API; the guest gets its lease, its address is learned from its first packets; its own traffic
 * passes and what it sends from a second address it gave itself is dropped; a hot-plugged filtered NIC gets a
 * binding of its own and loses it at unplug; destroying the guest removes its bindings and the filter table.
 */
class GuestFilterTest {

    private Path root;
    private String qemuUri;

    @BeforeEach
    void setUp() {
        Sh.netns();
        QemuTesting.assumeQemu();
        root = Sh.tempRoot("guest");
        qemuUri = "qemu:///system?state_dir=" + root.resolve("q/state") + "&run_dir=" + root.resolve("q/run")
                + "&host_root=" + root;
    }

    @AfterEach
    void tearDown() {
        try (Connect c = Connect.open(qemuUri)) {
            for (Domain d : c.listAllDomains()) {
                if (d.isActive()) {
                    d.destroy();
                }
            }
            for (Network n : c.listAllNetworks()) {
                if (n.isActive()) {
                    n.destroy();
                }
            }
            for (NWFilterBinding b : c.listAllNWFilterBindings()) {
                b.delete();
            }
        }
        Sh.quiet("nft", "delete", "table", "bridge", "jvirt_nwfilter");
        Sh.deleteTree(root);
    }

    @Test
    void cleanTrafficLetsTheGuestsOwnTrafficThroughAndDropsItsSpoofedAddress() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        try (Connect c = Connect.open(qemuUri)) {
            c.networkLookupByName("default").destroy(); // the fresh scope made and started it
            c.networkCreateXML("""
                    <network><name>jvfilt</name><forward mode='nat'/><bridge name='jvfbr0' stp='off'/>
                      <ip address='10.95.0.1' netmask='255.255.255.0'>
                        <dhcp><range start='10.95.0.100' end='10.95.0.150'/></dhcp>
                      </ip></network>""");
            Domain d = c.domainCreateXML("""
                    <domain type='qemu'><name>jvfiltguest</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
                      <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
                        <cmdline>console=ttyS0 no_timer_check quiet tg.net=1 tg.token=jvfilt</cmdline></os>
                      <features><acpi/></features>
                      <devices>
                        <interface type='network'><mac address='52:54:00:95:00:07'/><source network='jvfilt'/>
                          <model type='virtio'/><filterref filter='clean-traffic'/></interface>
                        <serial type='pty'><target port='0'/></serial>
                        <console type='pty'><target type='serial' port='0'/></console>
                      </devices></domain>""".formatted(g.kernel(), g.initrd()));
            String tap = "jv" + d.getUUIDString().substring(0, 8) + "n0";
            List<NWFilterBinding> bindings = c.listAllNWFilterBindings();
            assertEquals(1, bindings.size());
            assertEquals(tap, bindings.get(0).getPortDev());
            assertEquals("clean-traffic", bindings.get(0).getFilterName());
            String bxml = bindings.get(0).getXMLDesc();
            assertTrue(bxml.contains("<name>jvfiltguest</name>") && bxml.contains("52:54:00:95:00:07"), bxml);
            GuestConsole con = new GuestConsole(c, d);
            String ip = con.waitFor(Pattern.compile("TESTGUEST-NET ip=([0-9.]+)/"), 90);
            con.waitFor(Pattern.compile("TESTGUEST-READY"), 60);
            assertTrue(con.run("ping -c 1 -W 5 10.95.0.1").contains("1 packets received"),
                    "the guest's own traffic passes");
            String rules = "";
            for (int i = 0; i < 40 && !rules.contains("ip saddr " + ip + " return"); i++) {
                Thread.sleep(100);
                rules = Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter");
            }
            assertTrue(rules.contains("ip saddr " + ip + " return"), "the address was learned:\n" + rules);
            con.run("ip addr add 10.95.0.222/24 dev eth0");
            assertTrue(con.run("ping -c 2 -W 2 -I 10.95.0.222 10.95.0.1").contains("0 packets received"),
                    "a spoofed source address is dropped");
            assertTrue(con.run("ping -c 1 -W 5 -I " + ip + " 10.95.0.1").contains("1 packets received"),
                    "and its own still passes");

            // hot-plug: a filtered NIC gets its binding (its tap exists first), unplug takes it away
            String nic2 = "<interface type='network'><mac address='52:54:00:95:00:08'/><source network='jvfilt'/>"
                    + "<model type='virtio'/><filterref filter='clean-traffic'><parameter name='IP' "
                    + "value='10.95.0.200'/></filterref></interface>";
            d.attachDevice(nic2);
            String tap2 = "jv" + d.getUUIDString().substring(0, 8) + "n1";
            assertEquals(List.of(tap, tap2), c.listAllNWFilterBindings().stream().map(NWFilterBinding::getPortDev)
                    .sorted().toList());
            assertTrue(Sh.run("nft", "list", "chain", "bridge", "jvirt_nwfilter", "I-" + tap2 + "-ipv4-ip")
                    .contains("ip saddr 10.95.0.200 return"));
            d.detachDevice(nic2);
            for (int i = 0; i < 100 && c.listAllNWFilterBindings().size() > 1; i++) {
                Thread.sleep(100);
            }
            assertEquals(List.of(tap), c.listAllNWFilterBindings().stream().map(NWFilterBinding::getPortDev)
                    .toList());

            // without its binding the same spoofed ping is answered: it was the filter that dropped it
            c.nwfilterBindingLookupByPortDev(tap).delete();
            assertFalse(Sh.run("nft", "list", "tables").contains("jvirt_nwfilter"));
            assertTrue(con.run("ping -c 1 -W 5 -I 10.95.0.222 10.95.0.1").contains("1 packets received"));
            d.destroy();
            assertEquals(List.of(), c.listAllNWFilterBindings());
            assertFalse(Sh.run("nft", "list", "tables").contains("jvirt_nwfilter"));
        }
    }
}
