package org.jvirt.driver.host.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Interface;
import org.jvirt.driver.host.HostCommands;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.driver.host.PrivateLibvirtd;
import org.jvirt.driver.host.VirtAssert;
import org.jvirt.driver.host.XmlTrees;
import org.jvirt.flags.ListInterfacesFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host interfaces as jvirt reports them against a private real libvirtd 9.0's udev backend, with a bridge, a veth
 * pair enslaved to it and a veth left down, made by the test. The bridge is made in the host's namespace: both
 * readers see the links of the namespace sysfs was mounted in, so a link in a private network namespace is
 * invisible to either. Left out of the comparison: {@code <protocol>} (jvirt lists addresses, the udev backend
 * does not) and links other programs make or remove meanwhile.
 */
class InterfaceDifferentialTest {

    private static PrivateLibvirtd libvirtd;
    private static HostRoot root;
    private static Connect conn;
    private static final String BRIDGE = HostCommands.linkName();
    private static final String PORT = HostCommands.linkName();
    private static final String DOWN = HostCommands.linkName();

    @BeforeAll
    static void start() throws Exception {
        libvirtd = PrivateLibvirtd.start();
        root = new HostRoot();
        conn = Connect.open(root.uri("interface", "system"));
        HostCommands.run("ip", "link", "add", BRIDGE, "type", "bridge");
        HostCommands.run("ip", "link", "add", PORT, "type", "veth", "peer", "name", PORT + "p");
        HostCommands.run("ip", "link", "set", PORT, "master", BRIDGE);
        HostCommands.run("ip", "link", "set", PORT + "p", "mtu", "1400");
        HostCommands.run("ip", "link", "add", DOWN, "type", "veth", "peer", "name", DOWN + "p");
        HostCommands.run("ip", "addr", "add", "192.0.2.7/28", "dev", BRIDGE);
        HostCommands.run("ip", "link", "set", BRIDGE, "up");
        HostCommands.run("ip", "link", "set", PORT, "up");
        HostCommands.run("ip", "link", "set", PORT + "p", "up");
    }

    @AfterAll
    static void stop() throws Exception {
        for (String l : List.of(PORT, DOWN, BRIDGE)) {
            HostCommands.quietly("ip", "link", "del", l);
        }
        if (conn != null) {
            conn.close();
        }
        if (root != null) {
            root.close();
        }
        if (libvirtd != null) {
            libvirtd.close();
        }
    }

    private static List<String> ours(ListInterfacesFlag... flags) {
        return conn.listAllInterfaces(flags).stream().map(i -> i.getName() + " " + i.getMACString()).sorted().toList();
    }

    /** virsh iface-list's rows (name, state, MAC) of the test's links and the machine's fixed ones. */
    private static List<String> theirs(String... args) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : libvirtd.virsh(args).strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3) {
                out.add(f[0] + " " + f[2]);
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean ofInterest(String row) {
        String n = row.split(" ")[0];
        return !n.startsWith("hst") || n.equals(BRIDGE) || n.equals(PORT) || n.startsWith(PORT + "p")
                || n.startsWith(DOWN);
    }

    @Test
    void sameListings() throws Exception {
        assertEquals(theirs("iface-list", "--all").stream().filter(InterfaceDifferentialTest::ofInterest).toList(),
                ours().stream().filter(InterfaceDifferentialTest::ofInterest).toList());
        assertEquals(theirs("iface-list").stream().filter(InterfaceDifferentialTest::ofInterest).toList(),
                ours(ListInterfacesFlag.ACTIVE).stream().filter(InterfaceDifferentialTest::ofInterest).toList());
        assertEquals(theirs("iface-list", "--inactive").stream().filter(InterfaceDifferentialTest::ofInterest).toList(),
                ours(ListInterfacesFlag.INACTIVE).stream().filter(InterfaceDifferentialTest::ofInterest).toList());
        List<String> names = ours().stream().map(r -> r.split(" ")[0]).toList();
        assertTrue(names.contains(BRIDGE) && names.contains(DOWN) && !names.contains(PORT), names::toString);
    }

    @Test
    void sameXml() throws Exception {
        List<String> diffs = new ArrayList<>();
        for (String row : ours()) {
            String name = row.split(" ")[0];
            if (!ofInterest(row)) {
                continue;
            }
            String a = XmlTrees.canonical(libvirtd.virsh("iface-dumpxml", name), Set.of("protocol"));
            String b = XmlTrees.canonical(conn.interfaceLookupByName(name).getXMLDesc(false), Set.of("protocol"));
            if (!a.equals(b)) {
                diffs.add(name + "\n  libvirt: " + a + "\n  jvirt:   " + b);
            }
        }
        assertEquals("", String.join("\n", diffs));
        String bridge = conn.interfaceLookupByName(BRIDGE).getXMLDesc(false);
        assertTrue(bridge.startsWith("<interface type='bridge' name='" + BRIDGE + "'>\n  <mtu size='1500'/>\n"
                + "  <protocol family='ipv4'>\n    <ip address='192.0.2.7' prefix='28'/>\n  </protocol>\n"), bridge);
        assertTrue(bridge.contains("  <bridge stp='off' delay='1500'>\n    <interface type='ethernet' name='" + PORT
                + "'>\n      <link speed='10000' state='up'/>\n      <mac address='"), bridge);
    }

    @Test
    void lookupsAndUndefinedLinks() {
        Interface down = conn.interfaceLookupByName(DOWN);
        assertFalse(down.isActive());
        assertEquals(down.getName(), conn.interfaceLookupByMACString(down.getMACString()).getName());
        assertTrue(conn.interfaceLookupByName(BRIDGE).isActive());
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE, "couldn't find interface named 'hstnone'",
                () -> conn.interfaceLookupByName("hstnone"));
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE,
                "couldn't find interface with MAC address '02:00:00:00:00:00'",
                () -> conn.interfaceLookupByMACString("02:00:00:00:00:00"));
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.INVALID_ARG, "invalid interface name 'hst/x'",
                () -> conn.interfaceDefineXML("<interface type='ethernet' name='hst/x'/>"));
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.OPERATION_INVALID,
                "failed to commit transaction: no transaction is open", conn::interfaceChangeCommit);
        // a link nobody defined is not this driver's to stop (netcf finds only configured interfaces)
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE, "couldn't find interface named '" + DOWN + "'",
                down::destroy);
    }
}
