package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * DHCPv6 with a real client: ISC dhclient -6 in a namespace behind a veth on the network's bridge asks the
 * network's dnsmasq for an address of the {@code <ip family='ipv6'>} range, gets one, and the lease shows in
 * virNetworkGetDHCPLeases as libvirt shows an IPv6 lease (type 1, the prefix of the subnet, IAID and DUID).
 */
class Dhcp6ClientTest {

    private Path root;
    private String uri;
    private final String clientNs = "network-jvn6" + ProcessHandle.current().pid();

    @BeforeEach
    void namespaces() {
        Netns.name();
        root = Netns.tempRoot("dhcp6");
        uri = "network:///system?host_root=" + root;
        Netns.run("ip", "netns", "add", clientNs);
        // no duplicate address detection in the client: dhclient needs a usable link-local address at once
        Netns.run("ip", "netns", "exec", clientNs, "sysctl", "-q", "-w", "net.ipv6.conf.all.accept_dad=0");
        Netns.run("ip", "netns", "exec", clientNs, "sysctl", "-q", "-w", "net.ipv6.conf.default.accept_dad=0");
        Netns.run("ip", "netns", "exec", clientNs, "ip", "link", "set", "lo", "up");
    }

    @AfterEach
    void cleanUp() {
        Netns.quiet("ip", "netns", "exec", clientNs, "dhclient", "-6", "-x", "-pf", root.resolve("dhclient6.pid")
                .toString());
        try (Connect c = Connect.open(uri)) {
            for (Network n : c.listAllNetworks()) {
                if (n.isActive()) {
                    n.destroy();
                }
            }
        }
        Netns.quiet("ip", "link", "del", "jvn6c0");
        Netns.quiet("ip", "netns", "del", clientNs);
        Netns.deleteTree(root);
    }

    @Test
    void aDhcpv6ClientGetsAnAddressOfTheRangeAndTheLeaseIsListed() throws Exception {
        try (Connect c = Connect.open(uri)) {
            c.networkLookupByName("default").destroy();
            Network n = c.networkCreateXML("""
                    <network>
                      <name>jvndhcp6</name>
                      <forward mode='nat'/>
                      <bridge name='jvnbr6d' stp='off'/>
                      <ip address='10.96.0.1' prefix='24'/>
                      <ip family='ipv6' address='fd00:96::1' prefix='64'>
                        <dhcp><range start='fd00:96::100' end='fd00:96::1ff'/></dhcp>
                      </ip>
                    </network>""");
            String conf = Files.readString(root.resolve("system/lib/network/dnsmasq/jvndhcp6.conf"));
            assertTrue(conf.contains("dhcp-range=fd00:96::100,fd00:96::1ff,64\n") && conf.contains("enable-ra\n"),
                    conf);
            Netns.run("ip", "link", "add", "jvn6c0", "type", "veth", "peer", "name", "eth0", "netns", clientNs);
            Netns.run("ip", "link", "set", "jvn6c0", "master", "jvnbr6d", "up");
            Netns.run("ip", "netns", "exec", clientNs, "ip", "link", "set", "eth0", "address", "52:54:00:00:96:05",
                    "up");
            // dhclient's own script would rewrite the host's /etc/resolv.conf: ours only records and sets the address
            Path script = root.resolve("dhclient6.sh");
            Path got = root.resolve("got.txt");
            Files.writeString(script, """
                    #!/bin/sh
                    case "$reason" in
                    BOUND6|RENEW6|REBIND6)
                        ip -6 address add "$new_ip6_address/$new_ip6_prefixlen" dev "$interface" nodad
                        echo "$new_ip6_address" > %s ;;
                    esac
                    exit 0
                    """.formatted(got));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Netns.settle("jvnbr6d");
            String out = "";
            for (int i = 0; i < 5 && !Files.exists(got); i++) {
                // -1: one try (dnsmasq's link-local may still be tentative on the first); the client stays to renew
                out = Netns.output("timeout", "20", "ip", "netns", "exec", clientNs, "dhclient", "-6", "-1", "-v",
                        "-sf", script.toString(), "-lf", root.resolve("dhclient6.leases").toString(), "-pf",
                        root.resolve("dhclient6.pid").toString(), "eth0");
            }
            assertTrue(Files.exists(got), out);
            String addr = Files.readString(got).strip();
            assertTrue(addr.matches("fd00:96::1[0-9a-f]{2}"), addr);
            assertTrue(Netns.run("ip", "netns", "exec", clientNs, "ip", "-6", "-o", "address", "show", "dev", "eth0")
                    .contains(addr + "/"));
            List<NetworkDHCPLease> leases = n.getDHCPLeases(null);
            for (int i = 0; i < 100 && leases.isEmpty(); i++) {
                Thread.sleep(50);
                leases = n.getDHCPLeases(null);
            }
            assertEquals(1, leases.size(), leases.toString());
            NetworkDHCPLease l = leases.get(0);
            assertEquals(1, l.type(), "IPv6");
            assertEquals(addr, l.ipaddr());
            assertEquals(64, l.prefix());
            assertEquals("jvnbr6d", l.iface());
            assertNotNull(l.iaid(), "the IAID of the client's identity association");
            String duid = Files.readString(root.resolve("dhclient6.leases"));
            assertNotNull(l.clientId());
            assertTrue(duid.contains("default-duid") || !l.clientId().isEmpty(), duid);
            assertTrue(l.expiryTime() > System.currentTimeMillis() / 1000, "an hour's lease, unexpired");
            assertEquals("52:54:00:00:96:05", l.mac(), "dnsmasq found the client's MAC: " + l);
            assertEquals(List.of(), n.getDHCPLeases("52:54:00:00:00:01"));
            assertEquals(1, n.getDHCPLeases("52:54:00:00:96:05").size());
            Netns.quiet("ip", "netns", "exec", clientNs, "dhclient", "-6", "-x", "-pf",
                    root.resolve("dhclient6.pid").toString());
            n.destroy();
        }
        assertFalse(Netns.linkExists("jvnbr6d"));
    }
}
