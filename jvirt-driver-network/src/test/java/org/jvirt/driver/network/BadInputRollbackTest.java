package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.Network;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad definitions and failed starts get libvirt's error codes and words and leave nothing behind: no config, no
 * bridge, no rules, no dnsmasq; a malformed net-update changes nothing; forwarding is switched on only by the
 * networks that forward.
 */
class BadInputRollbackTest {

    private Path root;
    private String uri;
    private Connect c;

    @BeforeEach
    void open() {
        Netns.name();
        root = Netns.tempRoot("bad");
        uri = "network:///system?host_root=" + root;
        c = Connect.open(uri);
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
        Netns.quiet("ip", "link", "del", "jvx0");
        Netns.deleteTree(root);
    }

    private static String net(String name, String bridge, String ip, String range) {
        return "<network><name>" + name + "</name><forward/>" + (bridge == null ? "" : "<bridge name='" + bridge + "'/>")
                + "<ip address='" + ip + "' prefix='24'><dhcp>" + range + "</dhcp></ip></network>";
    }

    private static VirtException fails(ErrorNumber code, String message, Runnable r) {
        VirtException e = assertThrows(VirtException.class, r::run);
        assertEquals(code, e.number(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        return e;
    }

    @Test
    void badRangesAreRefusedWithLibvirtsWordsAndNothingIsDefined() {
        fails(ErrorNumber.INTERNAL_ERROR, "range 10.93.1.10 - 10.93.2.50 is not entirely within network 10.93.1.1/24",
                () -> c.networkDefineXML(net("jvbad1", null, "10.93.1.1",
                        "<range start='10.93.1.10' end='10.93.2.50'/>")));
        fails(ErrorNumber.INTERNAL_ERROR, "range 10.93.1.50 - 10.93.1.10 is reversed",
                () -> c.networkDefineXML(net("jvbad1", null, "10.93.1.1",
                        "<range start='10.93.1.50' end='10.93.1.10'/>")));
        fails(ErrorNumber.INTERNAL_ERROR, "is the broadcast address",
                () -> c.networkDefineXML(net("jvbad1", null, "10.93.1.1",
                        "<range start='10.93.1.50' end='10.93.1.255'/>")));
        fails(ErrorNumber.XML_ERROR, "Missing 'end' attribute in dhcp range for network 'jvbad1'",
                () -> c.networkDefineXML(net("jvbad1", null, "10.93.1.1", "<range start='10.93.1.50'/>")));
        fails(ErrorNumber.XML_ERROR, "Invalid address 'nope' in network 'jvbad1'",
                () -> c.networkDefineXML(net("jvbad1", null, "nope", "")));
        fails(ErrorNumber.XML_ERROR, "nat forwarding requested, but no IP address provided for network 'jvbad1'",
                () -> c.networkDefineXML("<network><name>jvbad1</name><forward/></network>"));
        assertFalse(Files.exists(root.resolve("system/etc/network/jvbad1.xml")));
        assertThrows(VirtException.class, () -> c.networkLookupByName("jvbad1"));
    }

    @Test
    void aBridgeNameIsOneNetworksOnly() {
        c.networkDefineXML(net("jvdup1", "jvnbr5", "10.93.3.1", ""));
        fails(ErrorNumber.INTERNAL_ERROR, "bridge name 'jvnbr5' already in use.",
                () -> c.networkDefineXML(net("jvdup2", "jvnbr5", "10.93.4.1", "")));
        assertThrows(VirtException.class, () -> c.networkLookupByName("jvdup2"));
    }

    @Test
    void aStartThatFailsLeavesNothingBehind() throws Exception {
        // the bridge's name is taken by a host device
        Netns.run("ip", "link", "add", "jvx0", "type", "veth", "peer", "name", "jvx1");
        String before = Netns.snapshot();
        Network n = c.networkDefineXML(net("jvtaken", "jvx0", "10.93.6.1",
                "<range start='10.93.6.10' end='10.93.6.20'/>"));
        fails(ErrorNumber.SYSTEM_ERROR, "Unable to create bridge jvx0", n::create);
        assertFalse(n.isActive());
        assertEquals(before, Netns.snapshot());
        assertFalse(Files.exists(root.resolve("system/run/network/jvtaken.xml")));
        n.undefine();
        // the subnet is routed through a host interface already
        Netns.run("ip", "address", "add", "10.93.7.9/24", "dev", "jvx0");
        Netns.run("ip", "link", "set", "jvx0", "up");
        Netns.run("ip", "link", "set", "jvx1", "up");
        Netns.settle("jvx0", "jvx1");
        before = Netns.snapshot();
        Network m = c.networkDefineXML(net("jvroute", "jvnbr7", "10.93.7.1",
                "<range start='10.93.7.10' end='10.93.7.20'/>"));
        fails(ErrorNumber.INTERNAL_ERROR, "Network is already in use by interface jvx0", m::create);
        assertFalse(m.isActive());
        assertEquals(before, Netns.snapshot());
        assertEquals("", Netns.output("pgrep", "-f", "jvroute.conf").strip());
    }

    @Test
    void theDefaultNetworkOfAFreshScopeDoesNotStartOverAHostRoute() {
        Netns.run("ip", "link", "add", "jvx0", "type", "veth", "peer", "name", "jvx1");
        Netns.run("ip", "address", "add", "192.168.122.50/24", "dev", "jvx0");
        Netns.run("ip", "link", "set", "jvx0", "up");
        Netns.run("ip", "link", "set", "jvx1", "up");
        Path fresh = Netns.tempRoot("fresh");
        try (Connect f = Connect.open("network:///system?host_root=" + fresh)) {
            Network d = f.networkLookupByName("default");
            assertTrue(d.isPersistent());
            assertTrue(d.getAutostart());
            assertFalse(d.isActive(), "autostart failed, as libvirt's does, and the driver started anyway");
            fails(ErrorNumber.INTERNAL_ERROR, "Network is already in use by interface jvx0", d::create);
            assertFalse(Netns.linkExists("virbr0"));
        } finally {
            Netns.deleteTree(fresh);
        }
    }

    @Test
    void netUpdateChangesTheRunningDnsmasqOrNothing() throws Exception {
        Network n = c.networkDefineXML(net("jvupd", "jvnbr8", "10.93.8.1",
                "<range start='10.93.8.10' end='10.93.8.20'/>"));
        n.create();
        String xml = n.getXMLDesc();
        fails(ErrorNumber.XML_ERROR, "Cannot parse MAC address 'zz' in network 'jvupd'",
                () -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                        "<host mac='zz' ip='10.93.8.5'/>", NetworkUpdateFlag.AFFECT_LIVE));
        assertThrows(VirtException.class, () -> n.update(NetworkUpdateCommand.ADD_LAST,
                NetworkUpdateSection.IP_DHCP_HOST, -1, "<host mac=", NetworkUpdateFlag.AFFECT_LIVE));
        fails(ErrorNumber.OPERATION_INVALID, "couldn't locate a matching dhcp host entry in network 'jvupd'",
                () -> n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.IP_DHCP_HOST, -1,
                        "<host mac='52:54:00:00:93:05'/>", NetworkUpdateFlag.AFFECT_LIVE));
        assertEquals(xml, n.getXMLDesc());
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.IP_DHCP_HOST, -1,
                "<host mac='52:54:00:00:93:05' name='h5' ip='10.93.8.5'/>", NetworkUpdateFlag.AFFECT_LIVE,
                NetworkUpdateFlag.AFFECT_CONFIG);
        assertEquals("52:54:00:00:93:05,10.93.8.5,h5\n",
                Files.readString(root.resolve("system/lib/network/dnsmasq/jvupd.hostsfile")));
        assertTrue(n.getXMLDesc().contains("<host mac='52:54:00:00:93:05' name='h5' ip='10.93.8.5'/>"));
        assertTrue(n.getXMLDesc(NetworkXMLFlag.INACTIVE).contains("name='h5'"));
        assertTrue(Files.readString(root.resolve("system/etc/network/jvupd.xml")).contains("name='h5'"));
        // dns-host: the record is in the live definition and in dnsmasq's additional hosts, re-read on SIGHUP
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.DNS_HOST, -1,
                "<host ip='10.93.8.77'><hostname>answer</hostname></host>", NetworkUpdateFlag.AFFECT_LIVE);
        assertEquals("10.93.8.77\tanswer\n",
                Files.readString(root.resolve("system/lib/network/dnsmasq/jvupd.addnhosts")));
        assertTrue(n.getXMLDesc().contains("<dns>"), n.getXMLDesc());
        fails(ErrorNumber.OPERATION_INVALID, "there is already at least one DNS HOST record with a matching field",
                () -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.DNS_HOST, -1,
                        "<host ip='10.93.8.77'><hostname>other</hostname></host>", NetworkUpdateFlag.AFFECT_LIVE));
        fails(ErrorNumber.OPERATION_UNSUPPORTED, "DNS HOST records cannot be modified",
                () -> n.update(NetworkUpdateCommand.MODIFY, NetworkUpdateSection.DNS_HOST, -1,
                        "<host ip='10.93.8.77'><hostname>other</hostname></host>", NetworkUpdateFlag.AFFECT_LIVE));
        n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.DNS_HOST, -1,
                "<host><hostname>answer</hostname></host>", NetworkUpdateFlag.AFFECT_LIVE);
        assertEquals("", Files.readString(root.resolve("system/lib/network/dnsmasq/jvupd.addnhosts")));
        // dns-txt and dns-srv: in the definition and in dnsmasq's configuration (a restart re-reads it)
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.DNS_TXT, -1,
                "<txt name='example' value='some text'/>", NetworkUpdateFlag.AFFECT_LIVE);
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.DNS_SRV, -1,
                "<srv service='ldap' protocol='tcp' target='h5.example' port='389'/>", NetworkUpdateFlag.AFFECT_LIVE);
        String conf = Files.readString(root.resolve("system/lib/network/dnsmasq/jvupd.conf"));
        assertTrue(conf.contains("txt-record=example,some text\nsrv-host=_ldap._tcp,h5.example,389\n"), conf);
        fails(ErrorNumber.OPERATION_INVALID, "there is already a DNS TXT record with name 'example'",
                () -> n.update(NetworkUpdateCommand.ADD_FIRST, NetworkUpdateSection.DNS_TXT, -1,
                        "<txt name='example' value='x'/>", NetworkUpdateFlag.AFFECT_LIVE));
        n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.DNS_SRV, -1, "<srv service='ldap'/>",
                NetworkUpdateFlag.AFFECT_LIVE);
        n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.DNS_TXT, -1, "<txt name='example'/>",
                NetworkUpdateFlag.AFFECT_LIVE);
        assertFalse(Files.readString(root.resolve("system/lib/network/dnsmasq/jvupd.conf")).contains("txt-record"));
    }

    @Test
    void onlyForwardingNetworksSwitchIpForwardingOn() throws Exception {
        Path fwd = Path.of("/proc/sys/net/ipv4/ip_forward");
        Files.writeString(fwd, "0\n");
        Network iso = c.networkCreateXML("<network><name>jviso</name><bridge name='jvnbr6'/>"
                + "<ip address='10.93.9.1' prefix='24'/></network>");
        assertEquals("0", Files.readString(fwd).strip());
        String conf = Files.readString(root.resolve("system/lib/network/dnsmasq/jviso.conf"));
        assertTrue(conf.contains("dhcp-option=3\nno-resolv\nra-param=*,0,0\n"), conf);
        iso.destroy();
        Network routed = c.networkCreateXML("<network><name>jvrt</name><forward mode='route'/>"
                + "<bridge name='jvnbr6'/><ip address='10.93.9.1' prefix='24'/></network>");
        assertEquals("1", Files.readString(fwd).strip());
        String rules = Netns.run("nft", "list", "table", "ip", "jvirt_network");
        assertFalse(rules.contains("masquerade"), rules);
        assertTrue(rules.contains("oifname \"jvnbr6\" ip daddr 10.93.9.0/24 counter packets 0 bytes 0 accept"), rules);
        routed.destroy();
    }

    /**
     * net-update of forward interfaces and port groups (libvirt's virNetworkDefUpdateForwardInterface and
     * PortGroup): the rules of a running NAT network follow its forward device (removed and made again, as
     * libvirt reloads them), the definition keeps libvirt's shape ({@code <forward dev=...>} is the first
     * interface), one default port group at most, and every refusal leaves the network as it was.
     */
    @Test
    void netUpdateOfForwardInterfacesAndPortgroups() throws Exception {
        Network n = c.networkDefineXML(net("jvfwd", "jvnbr9", "10.93.9.1", ""));
        n.create();
        String rulesBefore = Netns.run("nft", "-s", "list", "table", "ip", "jvirt_network");
        assertFalse(rulesBefore.contains("\"lo\""), rulesBefore);
        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.FORWARD_INTERFACE, -1, "<interface dev='lo'/>",
                NetworkUpdateFlag.AFFECT_LIVE, NetworkUpdateFlag.AFFECT_CONFIG);
        assertTrue(n.getXMLDesc().contains("<forward dev='lo' mode='nat'>"), n.getXMLDesc());
        assertTrue(n.getXMLDesc().contains("<interface dev='lo'/>"), n.getXMLDesc());
        String rules = Netns.run("nft", "-s", "list", "table", "ip", "jvirt_network");
        assertTrue(rules.contains("oifname \"lo\""), rules);
        fails(ErrorNumber.OPERATION_INVALID, "there is an existing interface entry in network 'jvfwd' that matches "
                + "\"<interface dev='lo'>\"", () -> n.update(NetworkUpdateCommand.ADD_FIRST,
                        NetworkUpdateSection.FORWARD_INTERFACE, -1, "<interface dev='lo'/>",
                        NetworkUpdateFlag.AFFECT_LIVE));
        fails(ErrorNumber.OPERATION_UNSUPPORTED, "forward interface entries cannot be modified, only added or deleted",
                () -> n.update(NetworkUpdateCommand.MODIFY, NetworkUpdateSection.FORWARD_INTERFACE, -1,
                        "<interface dev='lo'/>", NetworkUpdateFlag.AFFECT_LIVE));
        fails(ErrorNumber.XML_ERROR, "missing dev attribute in <interface> element",
                () -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.FORWARD_INTERFACE, -1,
                        "<interface/>", NetworkUpdateFlag.AFFECT_LIVE));
        n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.FORWARD_INTERFACE, -1, "<interface dev='lo'/>",
                NetworkUpdateFlag.AFFECT_LIVE, NetworkUpdateFlag.AFFECT_CONFIG);
        assertTrue(n.getXMLDesc().contains("<forward mode='nat'"), n.getXMLDesc());
        assertEquals(rulesBefore, Netns.run("nft", "-s", "list", "table", "ip", "jvirt_network"));
        fails(ErrorNumber.OPERATION_INVALID, "couldn't find an interface entry in network 'jvfwd' matching "
                + "<interface dev='lo'>", () -> n.update(NetworkUpdateCommand.DELETE,
                        NetworkUpdateSection.FORWARD_INTERFACE, -1, "<interface dev='lo'/>",
                        NetworkUpdateFlag.AFFECT_LIVE));

        n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.PORTGROUP, -1,
                "<portgroup name='web' default='yes'><bandwidth><inbound average='1000'/></bandwidth></portgroup>",
                NetworkUpdateFlag.AFFECT_CONFIG);
        n.update(NetworkUpdateCommand.ADD_FIRST, NetworkUpdateSection.PORTGROUP, -1, "<portgroup name='db'/>",
                NetworkUpdateFlag.AFFECT_CONFIG);
        String inactive = n.getXMLDesc(NetworkXMLFlag.INACTIVE);
        assertTrue(inactive.indexOf("<portgroup name='db'/>") < inactive.indexOf("<portgroup name='web'"), inactive);
        assertTrue(inactive.contains("</portgroup>\n</network>"), inactive); // port groups come last
        String before = n.getXMLDesc(NetworkXMLFlag.INACTIVE);
        fails(ErrorNumber.OPERATION_INVALID, "a different portgroup entry in network 'jvfwd' is already set as the "
                + "default. Only one default is allowed.", () -> n.update(NetworkUpdateCommand.MODIFY,
                        NetworkUpdateSection.PORTGROUP, -1, "<portgroup name='db' default='yes'/>",
                        NetworkUpdateFlag.AFFECT_CONFIG));
        fails(ErrorNumber.OPERATION_INVALID, "there is an existing portgroup entry in network 'jvfwd' that matches "
                + "\"<portgroup name='db'>\"", () -> n.update(NetworkUpdateCommand.ADD_LAST,
                        NetworkUpdateSection.PORTGROUP, -1, "<portgroup name='db'/>", NetworkUpdateFlag.AFFECT_CONFIG));
        fails(ErrorNumber.XML_ERROR, "Missing required name attribute in portgroup",
                () -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.PORTGROUP, -1, "<portgroup/>",
                        NetworkUpdateFlag.AFFECT_CONFIG));
        fails(ErrorNumber.OPERATION_UNSUPPORTED, "can't update 'forward pf' section of network 'jvfwd'",
                () -> n.update(NetworkUpdateCommand.ADD_LAST, NetworkUpdateSection.FORWARD_PF, -1, "<pf dev='x'/>",
                        NetworkUpdateFlag.AFFECT_CONFIG));
        assertEquals(before, n.getXMLDesc(NetworkXMLFlag.INACTIVE));
        n.update(NetworkUpdateCommand.MODIFY, NetworkUpdateSection.PORTGROUP, -1,
                "<portgroup name='web'/>", NetworkUpdateFlag.AFFECT_CONFIG);
        n.update(NetworkUpdateCommand.DELETE, NetworkUpdateSection.PORTGROUP, -1, "<portgroup name='db'/>",
                NetworkUpdateFlag.AFFECT_CONFIG);
        String saved = Files.readString(root.resolve("system/etc/network/jvfwd.xml"));
        assertTrue(saved.contains("<portgroup name='web'/>") && !saved.contains("name='db'"), saved);
        n.destroy();
    }
}
