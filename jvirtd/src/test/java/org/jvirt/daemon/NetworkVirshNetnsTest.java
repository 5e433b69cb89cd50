package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh net-* and net-port-* against a jvirtd whose network driver runs in a network namespace of the
 * test's own (its unix socket works across namespaces), so the host's networking is untouched; then a restart
 * of the daemon finds the running network, its dnsmasq and its rules.
 */
class NetworkVirshNetnsTest {

    private static NetnsDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = NetnsDaemon.jvirtd("jvd");
    }

    @AfterAll
    static void stop() throws Exception {
        String ns = d.ns;
        d.close();
        assertFalse(NetnsDaemon.run(false, "ip", "netns", "list").contains(ns));
    }

    @Test
    void virshManagesNetworksAndPortsOfJvirtd() throws Exception {
        // a fresh scope: the default network is defined and autostarted, as Debian's package does
        String list = d.virsh("net-list", "--all");
        assertTrue(list.matches("(?s)\\s*default\\s+active\\s+yes\\s+yes\\s*"), list);
        assertTrue(d.inNs("ip", "-o", "link", "show", "virbr0").contains("virbr0"));
        Path xml = d.dir.resolve("net.xml");
        Files.writeString(xml, """
                <network><name>jvv</name><forward mode='nat'/><bridge name='jvnbrv'/>
                  <ip address='10.96.0.1' netmask='255.255.255.0'>
                    <dhcp><range start='10.96.0.10' end='10.96.0.20'/></dhcp></ip></network>""");
        d.virsh("net-define", xml.toString());
        d.virsh("net-start", "jvv");
        d.virsh("net-autostart", "jvv");
        String info = d.virsh("net-info", "jvv");
        assertTrue(info.contains("Active:         yes") && info.contains("Autostart:      yes")
                && info.contains("Bridge:         jvnbrv"), info);
        assertTrue(d.virsh("net-dumpxml", "jvv").contains("<bridge name='jvnbrv' stp='on' delay='0'/>"));
        // net-update over the wire: command and section in the order the server announces
        d.virsh("net-update", "jvv", "add", "ip-dhcp-host",
                "<host mac='52:54:00:96:00:05' name='h5' ip='10.96.0.5'/>", "--live", "--config");
        assertTrue(d.virsh("net-dumpxml", "jvv", "--inactive").contains("name='h5'"));
        assertEquals("52:54:00:96:00:05,10.96.0.5,h5\n",
                Files.readString(d.dir.resolve("root/system/lib/network/dnsmasq/jvv.hostsfile")));
        assertTrue(d.virsh("net-dhcp-leases", "jvv").isBlank());
        Path port = d.dir.resolve("port.xml");
        Files.writeString(port, """
                <networkport><uuid>6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61</uuid>
                  <owner><name>vm</name><uuid>6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c62</uuid></owner>
                  <mac address='52:54:00:96:00:09'/></networkport>""");
        d.virsh("net-port-create", "jvv", port.toString());
        assertEquals("6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61", d.virsh("net-port-list", "jvv", "--uuid").strip());
        assertTrue(d.virsh("net-port-dumpxml", "jvv", "6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61")
                .contains("<plug type='network' bridge='jvnbrv' macTableManager='kernel'/>"));
        // a daemon restart takes the network back: same dnsmasq, same rules, the port still there
        String pid = Files.readString(d.dir.resolve("root/system/run/network/jvv.pid")).strip();
        // stateless (-s): a multicast packet may bump a counter meanwhile; rules and handles must not change
        String rules = d.inNs("nft", "-s", "-a", "list", "ruleset");
        d.restart();
        assertTrue(d.virsh("net-list").contains("jvv"));
        assertEquals(pid, Files.readString(d.dir.resolve("root/system/run/network/jvv.pid")).strip());
        assertTrue(Files.exists(Path.of("/proc", pid, "cmdline")));
        assertEquals(rules, d.inNs("nft", "-s", "-a", "list", "ruleset"));
        assertEquals("6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61", d.virsh("net-port-list", "jvv", "--uuid").strip());
        d.virsh("net-port-delete", "jvv", "6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c61");
        assertTrue(d.virsh("net-port-list", "jvv").isBlank());
        d.virsh("net-destroy", "jvv");
        d.virsh("net-undefine", "jvv");
        d.virsh("net-destroy", "default");
        String tables = d.inNs("nft", "list", "tables");
        assertTrue(tables.isBlank(), tables);
        assertFalse(d.inNs("ip", "-o", "link").contains("jvnbrv"));
    }
}
