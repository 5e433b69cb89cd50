package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jvirt.Connect;
import org.jvirt.Network;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forward modes beyond NAT on the real host parts: an existing host bridge (no dnsmasq, no rules, the bridge
 * stays), an open network (no rules), and IPv6 router advertisements that a client on the bridge autoconfigures
 * an address from, with the ip6 table's rules.
 */
class OtherForwardModesTest {

    private Path root;
    private Connect c;
    private final String clientNs = "network-jvc" + ProcessHandle.current().pid();

    @BeforeEach
    void open() {
        Netns.name();
        root = Netns.tempRoot("modes");
        c = Connect.open("network:///system?host_root=" + root);
        c.networkLookupByName("default").destroy();
    }

    @AfterEach
    void close() {
        for (Network n : c.listAllNetworks()) {
            if (n.isActive()) {
                n.destroy();
            }
        }
        c.close();
        Netns.quiet("ip", "link", "del", "jvhb0");
        Netns.quiet("ip", "link", "del", "jvc0");
        Netns.quiet("ip", "netns", "del", clientNs);
        Netns.deleteTree(root);
    }

    @Test
    void anExistingHostBridgeIsUsedAsItIs() throws Exception {
        Netns.run("ip", "link", "add", "jvhb0", "type", "bridge");
        String before = Netns.snapshot();
        Network n = c.networkCreateXML("<network><name>jvhost</name><forward mode='bridge'/>"
                + "<bridge name='jvhb0'/></network>");
        assertTrue(n.isActive());
        assertEquals(before, Netns.snapshot(), "nothing made: no dnsmasq, no rules");
        assertEquals("", Netns.output("pgrep", "-f", "jvhost.conf").strip());
        String port = n.portCreateXML("<networkport><uuid>" + UUID.randomUUID() + "</uuid><owner><name>vm</name>"
                + "<uuid>" + UUID.randomUUID() + "</uuid></owner><mac address='52:54:00:00:00:11'/></networkport>")
                .getXMLDesc();
        assertTrue(port.contains("<plug type='bridge' bridge='jvhb0' macTableManager='kernel'/>"), port);
        n.destroy();
        assertTrue(Netns.linkExists("jvhb0"), "the host's bridge stays");
        assertEquals(before, Netns.snapshot());
    }

    @Test
    void anOpenNetworkAddsNoRules() {
        Network n = c.networkCreateXML("<network><name>jvopen</name><forward mode='open'/><bridge name='jvnbro'/>"
                + "<ip address='10.98.0.1' prefix='24'/></network>");
        assertTrue(n.isActive());
        assertFalse(Netns.run("nft", "list", "tables").contains("jvirt_network"));
        n.destroy();
    }

    @Test
    void ipv6RouterAdvertisementsLetAClientConfigureItself() throws Exception {
        String before = Netns.snapshot();
        Network n = c.networkCreateXML("""
                <network><name>jvsix</name><forward mode='nat'/><bridge name='jvnbr6' stp='off'/>
                  <ip address='10.98.1.1' prefix='24'/>
                  <ip family='ipv6' address='fd00:98::1' prefix='64'/>
                </network>""");
        String conf = Files.readString(root.resolve("system/lib/network/dnsmasq/jvsix.conf"));
        assertTrue(conf.contains("dhcp-range=fd00:98::1,ra-only\n"), conf);
        String six = Netns.run("nft", "list", "table", "ip6", "jvirt_network");
        assertTrue(six.contains("iifname \"jvnbr6\" ip6 saddr fd00:98::/64 counter packets 0 bytes 0 accept"), six);
        assertTrue(Netns.run("ip", "-6", "-o", "address", "show", "dev", "jvnbr6").contains("fd00:98::1/64"));
        assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv6/conf/all/forwarding")).strip());
        Netns.run("ip", "netns", "add", clientNs);
        Netns.run("ip", "link", "add", "jvc0", "type", "veth", "peer", "name", "eth0", "netns", clientNs);
        Netns.run("ip", "link", "set", "jvc0", "master", "jvnbr6", "up");
        Netns.run("ip", "netns", "exec", clientNs, "ip", "link", "set", "eth0", "up");
        String addr = "";
        for (int i = 0; i < 150 && !addr.contains("fd00:98:"); i++) {
            Thread.sleep(100);
            addr = Netns.run("ip", "netns", "exec", clientNs, "ip", "-6", "-o", "address", "show", "dev", "eth0");
        }
        assertTrue(addr.contains("fd00:98:"), "no SLAAC address from the router advertisements: " + addr);
        Netns.run("ip", "link", "del", "jvc0");
        n.destroy();
        assertEquals(before, Netns.snapshot());
    }
}
