package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.Network;
import org.jvirt.NetworkDHCPLease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real DHCP client (busybox udhcpc in a "guest" namespace whose veth is a port of the network's bridge) gets a
 * lease from the network's dnsmasq, resolves a DNS host of the network, reaches an "outside" namespace through
 * the masquerade rules (the outside sees the host's address), and the lease shows in virNetworkGetDHCPLeases.
 * Without QEMU: the QEMU guest's version of this runs in the QEMU driver's tests.
 */
class DhcpClientMasqueradeTest {

    private Path root;
    private String uri;
    private final String guestNs = "network-jvg" + ProcessHandle.current().pid();
    private final String outNs = "network-jvo" + ProcessHandle.current().pid();
    private Process http;

    @BeforeEach
    void namespaces() {
        Netns.name();
        root = Netns.tempRoot("dhcp");
        uri = "network:///system?host_root=" + root;
        Netns.run("ip", "netns", "add", guestNs);
        Netns.run("ip", "netns", "add", outNs);
        Netns.run("ip", "netns", "exec", guestNs, "ip", "link", "set", "lo", "up");
        Netns.run("ip", "link", "add", "jvo0", "type", "veth", "peer", "name", "eth0", "netns", outNs);
        Netns.run("ip", "address", "add", "10.99.0.1/24", "dev", "jvo0");
        Netns.run("ip", "link", "set", "jvo0", "up");
        Netns.run("ip", "netns", "exec", outNs, "ip", "address", "add", "10.99.0.2/24", "dev", "eth0");
        Netns.run("ip", "netns", "exec", outNs, "ip", "link", "set", "eth0", "up");
    }

    @AfterEach
    void cleanUp() {
        if (http != null) {
            http.destroyForcibly();
        }
        try (Connect c = Connect.open(uri)) {
            for (Network n : c.listAllNetworks()) {
                if (n.isActive()) {
                    n.destroy();
                }
            }
        }
        Netns.quiet("ip", "link", "del", "jvo0");
        Netns.quiet("ip", "link", "del", "jvg0");
        Netns.quiet("ip", "netns", "del", guestNs);
        Netns.quiet("ip", "netns", "del", outNs);
        Netns.deleteTree(root);
        assertFalse(Netns.linkExists("jvo0"));
    }

    @Test
    void guestGetsALeaseResolvesNamesAndIsMasqueradedToTheOutside() throws Exception {
        String before;
        try (Connect c = Connect.open(uri)) {
            c.networkLookupByName("default").destroy();
            Netns.settle("jvo0");
            before = Netns.snapshot();
            Network n = c.networkCreateXML("""
                    <network>
                      <name>jvdhcp</name>
                      <forward mode='nat'><nat><port start='20000' end='20099'/></nat></forward>
                      <bridge name='jvnbr9' stp='off'/>
                      <domain name='jv.test'/>
                      <dns><host ip='10.92.0.77'><hostname>answer</hostname></host></dns>
                      <ip address='10.92.0.1' netmask='255.255.255.0'>
                        <dhcp>
                          <range start='10.92.0.100' end='10.92.0.120'/>
                          <host mac='52:54:00:00:92:05' name='fixed' ip='10.92.0.5'/>
                        </dhcp>
                      </ip>
                    </network>""");
            Netns.run("ip", "link", "add", "jvg0", "type", "veth", "peer", "name", "eth0", "netns", guestNs);
            Netns.run("ip", "link", "set", "jvg0", "master", "jvnbr9", "up");
            Netns.run("ip", "netns", "exec", guestNs, "ip", "link", "set", "eth0", "address", "52:54:00:00:92:05",
                    "up");
            Path script = root.resolve("udhcpc.sh");
            Files.writeString(script, """
                    #!/bin/sh
                    [ "$1" = bound ] || exit 0
                    ip address add "$ip/$mask" dev "$interface"
                    ip route add default via "$router"
                    echo "$dns" > %s
                    """.formatted(root.resolve("dns.txt")));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            String out = Netns.run("ip", "netns", "exec", guestNs, "busybox", "udhcpc", "-i", "eth0", "-q", "-n",
                    "-t", "10", "-T", "1", "-x", "hostname:fixed", "-s", script.toString());
            assertTrue(out.contains("10.92.0.5"), out + Files.readString(root.resolve(
                    "system/lib/network/dnsmasq/jvdhcp.hostsfile")) + Files.readString(root.resolve(
                    "system/lib/network/dnsmasq/jvdhcp.conf")) + Netns.run("ip", "netns", "exec", guestNs, "ip",
                    "link"));
            assertEquals("10.92.0.1", Files.readString(root.resolve("dns.txt")).strip());
            // the lease helper ran: the lease is in the network's leases
            List<NetworkDHCPLease> leases = waitForLease(n);
            assertEquals(1, leases.size(), leases.toString());
            NetworkDHCPLease l = leases.get(0);
            assertEquals("52:54:00:00:92:05", l.mac());
            assertEquals("10.92.0.5", l.ipaddr());
            assertEquals(24, l.prefix());
            assertEquals("jvnbr9", l.iface());
            assertEquals(0, l.type());
            assertEquals(List.of(), n.getDHCPLeases("52:54:00:00:00:01"));
            // dnsmasq answers the network's DNS host
            String ns = Netns.output("ip", "netns", "exec", guestNs, "busybox", "nslookup", "answer", "10.92.0.1");
            assertTrue(ns.contains("10.92.0.77"), ns);
            // the bridge answers, and the outside sees the host's address (masquerade)
            Netns.run("ip", "netns", "exec", guestNs, "busybox", "ping", "-c", "1", "-W", "5", "10.92.0.1");
            Path log = root.resolve("http.log");
            http = new ProcessBuilder("ip", "netns", "exec", outNs, "python3", "-m", "http.server", "--bind",
                    "10.99.0.2", "8099").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String page = "";
            for (int i = 0; i < 50 && !page.contains("Directory listing"); i++) {
                Thread.sleep(100);
                // busybox wget crashes here; python's client does the same GET
                page = Netns.output("ip", "netns", "exec", guestNs, "python3", "-c",
                        "import urllib.request; print(urllib.request.urlopen('http://10.99.0.2:8099/', timeout=2)"
                                + ".read().decode())");
            }
            assertTrue(page.contains("Directory listing"), page + Files.readString(log));
            String seen = Files.readString(log);
            assertTrue(seen.contains("10.99.0.1 - -"), seen);
            assertFalse(seen.contains("10.92.0.5"), seen);
            String conntrack = Netns.run("nft", "list", "table", "ip", "jvirt_network");
            assertTrue(conntrack.contains("masquerade to :20000-20099"), conntrack);
            Netns.run("ip", "link", "del", "jvg0");
            n.destroy();
        }
        assertEquals(before, Netns.snapshot());
    }

    private static List<NetworkDHCPLease> waitForLease(Network n) throws InterruptedException {
        List<NetworkDHCPLease> leases = n.getDHCPLeases(null);
        for (int i = 0; i < 100 && leases.isEmpty(); i++) {
            Thread.sleep(50);
            leases = n.getDHCPLeases(null);
        }
        return leases;
    }
}
