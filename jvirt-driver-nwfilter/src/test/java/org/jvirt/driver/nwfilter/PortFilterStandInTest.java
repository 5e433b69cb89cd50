package org.jvirt.driver.nwfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.NWFilter;
import org.jvirt.NWFilterBinding;
import org.jvirt.VirtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Filters on a real bridge port with real nftables, the guest stood in for by a network namespace at the far
 * end of a veth (its host end is the filtered port, as a guest's tap would be): clean-traffic lets the guest's
 * own traffic through and drops what it sends from another address or MAC; its address is given, learned
 * from its first packet, or from its DHCP lease (a jvirt network's dnsmasq, busybox udhcpc in the stand-in);
 * a changed filter rebuilds the port's rules; a restarted driver keeps the binding; deleting the binding gives
 * back the ruleset of before.
 */
class PortFilterStandInTest {
    private static final String MAC = "52:54:00:77:00:05";

    private Path root;
    private String uri;
    private final String guestNs = "nwf-g" + ProcessHandle.current().pid();

    @BeforeEach
    void setUp() {
        Sh.netns();
        root = Sh.tempRoot("port");
        uri = "nwfilter:///system?host_root=" + root;
        Sh.run("ip", "link", "add", "nwfbr0", "type", "bridge", "stp_state", "0", "forward_delay", "0");
        Sh.run("ip", "address", "add", "10.77.0.1/24", "dev", "nwfbr0");
        Sh.run("ip", "link", "set", "nwfbr0", "up");
        Sh.run("ip", "netns", "add", guestNs);
        Sh.run("ip", "link", "add", "nwfv0", "type", "veth", "peer", "name", "eth0", "netns", guestNs);
        Sh.run("ip", "link", "set", "nwfv0", "master", "nwfbr0", "up");
        guest("ip", "link", "set", "lo", "up");
        guest("ip", "link", "set", "eth0", "address", MAC);
        guest("ip", "address", "add", "10.77.0.5/24", "dev", "eth0");
        guest("ip", "link", "set", "eth0", "up");
        for (int i = 0; i < 50 && ping("10.77.0.5", 1) != 0; i++) {
            Sh.quiet("sleep", "0.1"); // the bridge port comes up
        }
    }

    @AfterEach
    void tearDown() {
        try (Connect c = Connect.open(uri)) {
            for (NWFilterBinding b : c.listAllNWFilterBindings()) {
                b.delete();
            }
        } catch (RuntimeException e) {
            // the test failed before the driver was usable
        }
        Sh.quiet("ip", "link", "del", "nwfv0");
        Sh.quiet("ip", "link", "del", "nwfbr0");
        Sh.quiet("ip", "netns", "del", guestNs);
        Sh.quiet("nft", "delete", "table", "bridge", "jvirt_nwfilter");
        Sh.deleteTree(root);
    }

    private String guest(String... argv) {
        String[] a = new String[argv.length + 4];
        a[0] = "ip";
        a[1] = "netns";
        a[2] = "exec";
        a[3] = guestNs;
        System.arraycopy(argv, 0, a, 4, argv.length);
        return Sh.run(a);
    }

    /** The guest pings the bridge from {@code source}; 0 when answered. */
    private int ping(String source, int seconds) {
        return Sh.status("ip", "netns", "exec", guestNs, "busybox", "ping", "-c", "1", "-W", Integer.toString(seconds), "-I",
                source, "10.77.0.1");
    }

    private static String binding(String filterParams) {
        return "<filterbinding><owner><name>standin</name><uuid>6b8b4567-3270-4b7c-9f1a-6b2b0e3f1a01</uuid></owner>"
                + "<portdev name='nwfv0'/><mac address='" + MAC + "'/><filterref filter='clean-traffic'>"
                + filterParams + "</filterref></filterbinding>";
    }

    @Test
    void cleanTrafficPassesTheGuestsOwnTrafficAndDropsSpoofedAddresses() {
        String before = Sh.run("nft", "list", "ruleset");
        guest("ip", "address", "add", "10.77.0.66/24", "dev", "eth0");
        assertEquals(0, ping("10.77.0.66", 2), "no filter yet: the second address is answered");
        try (Connect c = Connect.open(uri)) {
            assertTrue(c.listNWFilters().containsAll(List.of("clean-traffic", "no-ip-spoofing", "no-mac-spoofing",
                    "no-arp-spoofing", "allow-dhcp", "qemu-announce-self")), c.listNWFilters().toString());
            NWFilterBinding b = c.nwfilterBindingCreateXML(binding("<parameter name='IP' value='10.77.0.5'/>"));
            assertEquals("nwfv0", b.getPortDev());
            assertEquals("clean-traffic", b.getFilterName());
            String rules = Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter");
            assertTrue(rules.contains("iifname \"nwfv0\" jump I-nwfv0"), rules);
            assertTrue(rules.contains("chain I-nwfv0-ipv4-ip"), rules);
            assertTrue(rules.contains("ip saddr 10.77.0.5 return"), rules);
            assertEquals(0, ping("10.77.0.5", 5), "its own address passes:\n" + rules);
            Sh.run("ip", "neigh", "flush", "dev", "nwfbr0");
            assertNotEquals(0, ping("10.77.0.66", 2), "a spoofed source address is dropped");
            assertEquals(0, ping("10.77.0.5", 5));
            // another MAC on the guest's side is dropped as well
            guest("ip", "link", "set", "eth0", "address", "52:54:00:77:00:99");
            Sh.run("ip", "neigh", "flush", "dev", "nwfbr0");
            assertNotEquals(0, ping("10.77.0.5", 2), "a spoofed MAC is dropped");
            guest("ip", "link", "set", "eth0", "address", MAC);
            b.delete();
            assertEquals(before, Sh.run("nft", "list", "ruleset"), "the binding's rules are gone, exactly");
            // a figure for the report: clean-traffic bound and unbound (one nft transaction each)
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                c.nwfilterBindingCreateXML(binding("<parameter name='IP' value='10.77.0.5'/>")).delete();
            }
            System.out.printf("PortFilterStandInTest: clean-traffic binding create+delete %.1f ms%n",
                    (System.nanoTime() - t0) / 10 / 1e6);
            assertEquals(before, Sh.run("nft", "list", "ruleset"));
            assertEquals(0, ping("10.77.0.66", 2));
        }
    }

    @Test
    void theAddressIsLearnedFromTheFirstPacketAndABindingSurvivesARestart() throws Exception {
        try (Connect c = Connect.open(uri)) {
            c.nwfilterBindingCreateXML(binding(""));
            String rules = Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter");
            assertTrue(rules.contains("set L-nwfv0"), rules);
            assertEquals(0, ping("10.77.0.5", 5), "while learning, IPv4 from the guest's MAC passes");
            for (int i = 0; i < 40 && !Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter")
                    .contains("ip saddr 10.77.0.5 return"); i++) {
                Thread.sleep(100);
            }
            rules = Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter");
            assertTrue(rules.contains("ip saddr 10.77.0.5 return"), rules);
            assertFalse(rules.contains("set L-nwfv0"), rules);
        }
        // every connection closed: the driver lets go; the next one takes the binding and its rules back
        String rules = Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter");
        try (Connect c = Connect.open(uri)) {
            assertEquals(List.of("nwfv0"), c.listAllNWFilterBindings().stream().map(NWFilterBinding::getPortDev)
                    .toList());
            assertEquals(rules, Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter"));
            guest("ip", "address", "add", "10.77.0.67/24", "dev", "eth0");
            assertNotEquals(0, ping("10.77.0.67", 2), "the learned address is the only one");
            assertEquals(0, ping("10.77.0.5", 5));
        }
    }

    @Test
    void aChangedFilterRebuildsItsBindingsAndBadInputGetsLibvirtsErrors() {
        try (Connect c = Connect.open(uri)) {
            NWFilter f = c.nwfilterDefineXML("""
                    <filter name='nwf-test' chain='ipv4'>
                      <rule action='accept' direction='inout'/>
                    </filter>""");
            c.nwfilterBindingCreateXML("<filterbinding><owner><name>standin</name>"
                    + "<uuid>6b8b4567-3270-4b7c-9f1a-6b2b0e3f1a02</uuid></owner><portdev name='nwfv0'/>"
                    + "<mac address='" + MAC + "'/><filterref filter='nwf-test'/></filterbinding>");
            assertEquals(0, ping("10.77.0.5", 5));
            String uuid = f.getUUIDString();
            c.nwfilterDefineXML("""
                    <filter name='nwf-test' chain='ipv4'><uuid>%s</uuid>
                      <rule action='drop' direction='out' priority='100'><ip protocol='icmp'/></rule>
                      <rule action='accept' direction='inout'/>
                    </filter>""".formatted(uuid));
            String rules = Sh.run("nft", "list", "chain", "bridge", "jvirt_nwfilter", "I-nwfv0-ipv4");
            assertTrue(rules.contains("ip protocol icmp drop"), rules);
            assertNotEquals(0, ping("10.77.0.5", 2), "the changed filter drops the guest's ping");

            VirtException e = assertThrows(VirtException.class, () -> c.nwfilterLookupByName("nwf-test").undefine());
            assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
            assertTrue(e.getMessage().contains("nwfilter is in use"), e.getMessage());

            c.nwfilterDefineXML("<filter name='nwf-a'><filterref filter='nwf-b'/></filter>");
            e = assertThrows(VirtException.class,
                    () -> c.nwfilterDefineXML("<filter name='nwf-b'><filterref filter='nwf-a'/></filter>"));
            assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
            assertTrue(e.getMessage().contains("filter would introduce a loop"), e.getMessage());
            assertThrows(VirtException.class, () -> c.nwfilterLookupByName("nwf-b"));

            e = assertThrows(VirtException.class, () -> c.nwfilterBindingCreateXML(
                    "<filterbinding><owner><name>x</name><uuid>6b8b4567-3270-4b7c-9f1a-6b2b0e3f1a03</uuid>"
                            + "</owner><portdev name='nwfbr0'/><mac address='" + MAC + "'/>"
                            + "<filterref filter='no-such-filter'/></filterbinding>"));
            assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
            assertTrue(e.getMessage().contains("referenced filter 'no-such-filter' is missing"), e.getMessage());
            assertThrows(VirtException.class, () -> c.nwfilterBindingLookupByPortDev("nwfbr0"));

            e = assertThrows(VirtException.class, () -> c.nwfilterLookupByName("nope"));
            assertEquals(ErrorNumber.NO_NWFILTER, e.number());
            e = assertThrows(VirtException.class,
                    () -> c.nwfilterDefineXML("<filter name='nwf-c' chain='bogus'/>"));
            assertEquals(ErrorNumber.INVALID_ARG, e.number());

            c.nwfilterBindingLookupByPortDev("nwfv0").delete();
            c.nwfilterLookupByName("nwf-test").undefine();
            assertFalse(Files.exists(root.resolve("system/etc/nwfilter/nwf-test.xml")));
        }
        try (Connect c = Connect.open("nwfilter:///session?host_root=" + root)) {
            VirtException e = assertThrows(VirtException.class,
                    () -> c.nwfilterDefineXML("<filter name='nwf-s'/>"));
            assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
            assertTrue(e.getMessage().contains("Can't define NWFilters in session mode"), e.getMessage());
        }
    }

    @Test
    void dhcpLearningTakesTheAddressFromTheNetworksLease() throws Exception {
        // a jvirt NAT network of the same scope; the stand-in guest's port moves onto its bridge
        try (Connect net = Connect.open("network:///system?host_root=" + root);
             Connect c = Connect.open(uri)) {
            net.networkLookupByName("default").destroy();
            org.jvirt.Network n = net.networkCreateXML("""
                    <network><name>nwfdhcp</name><forward mode='nat'/><bridge name='nwfbr1' stp='off'/>
                      <ip address='10.78.0.1' netmask='255.255.255.0'>
                        <dhcp><range start='10.78.0.100' end='10.78.0.150'/></dhcp></ip></network>""");
            try {
                Sh.run("ip", "link", "set", "nwfv0", "nomaster");
                Sh.run("ip", "link", "set", "nwfv0", "master", "nwfbr1");
                guest("ip", "address", "flush", "dev", "eth0");
                c.nwfilterBindingCreateXML(binding("<parameter name='CTRL_IP_LEARNING' value='dhcp'/>"));
                String rules = Sh.run("nft", "list", "chain", "bridge", "jvirt_nwfilter", "I-nwfv0");
                assertTrue(rules.contains("udp sport 68 udp dport 67 accept"), rules);
                // busybox udhcpc gets a lease through the learning rules (they let only DHCP pass)
                guest("busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-t", "5", "-T", "1", "-s", "/bin/true");
                String ip = n.getDHCPLeases(MAC).get(0).ipaddr();
                for (int i = 0; i < 40 && !Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter")
                        .contains("ip saddr " + ip + " return"); i++) {
                    Thread.sleep(100);
                }
                rules = Sh.run("nft", "list", "table", "bridge", "jvirt_nwfilter");
                assertTrue(rules.contains("ip saddr " + ip + " return"), "learned " + ip + " from the lease:\n" + rules);
                guest("ip", "address", "add", ip + "/24", "dev", "eth0");
                guest("ip", "address", "add", "10.78.0.222/24", "dev", "eth0");
                assertEquals(0, Sh.status("ip", "netns", "exec", guestNs, "busybox", "ping", "-c", "1", "-W", "5",
                        "-I", ip, "10.78.0.1"), "the leased address passes");
                assertNotEquals(0, Sh.status("ip", "netns", "exec", guestNs, "busybox", "ping", "-c", "1", "-W",
                        "2", "-I", "10.78.0.222", "10.78.0.1"), "another one is dropped");
            } finally {
                n.destroy();
            }
        }
    }
}
