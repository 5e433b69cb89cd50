package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real virsh 9.0 changing host interfaces through jvirtd (jvirt-driver-host's netcf-like backend): iface-define,
 * iface-start, iface-destroy, iface-undefine of a bridge with a veth port and of an ethernet link, the onboot
 * definition re-applied by a restarted daemon, bond and vlan refused with the missing kernel module named, and
 * iface-begin/iface-commit/iface-rollback, checked with {@code ip -d link} and {@code ip addr}. The daemon runs in
 * a network namespace this test makes and deletes.
 */
class HostInterfaceChangeTest {

    private static final String BR = "h2br0";
    private static final String PORT = "h2va";
    private static final String PEER = "h2vb";
    private static final String BRIDGE_XML = """
            <interface type='bridge' name='h2br0'>
              <start mode='onboot'/>
              <mtu size='1400'/>
              <mac address='52:54:00:aa:bb:01'/>
              <protocol family='ipv4'>
                <ip address='192.0.2.1' prefix='24'/>
              </protocol>
              <bridge stp='on' delay='2'>
                <interface type='ethernet' name='h2va'/>
              </bridge>
            </interface>
            """;

    private NamespacedDaemon d;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no virsh");
        d = new NamespacedDaemon("h2if");
        ok(d.ip("link", "add", PORT, "type", "veth", "peer", "name", PEER));
    }

    @AfterEach
    void stop() throws Exception {
        if (d != null) {
            d.close();
        }
    }

    private static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    private Tools.Result virsh(String... args) throws IOException {
        return Tools.virsh(d.uri("interface"), args);
    }

    /** virsh 9.0's iface-destroy exits 1 even on success (cmdInterfaceDestroy returns false after printing). */
    private void destroy(String name) throws IOException {
        Tools.Result r = virsh("iface-destroy", name);
        assertTrue(r.out().contains("Interface " + name + " destroyed") && r.err().isBlank(), r::toString);
    }

    private Path file(String name, String xml) throws IOException {
        Path p = d.dir().resolve(name);
        Files.writeString(p, xml);
        return p;
    }

    private String link(String name) throws IOException {
        return ok(d.ip("-d", "link", "show", "dev", name)).out();
    }

    private Path definition(String name) {
        return d.root().resolve("system/etc/interfaces/" + name + ".xml");
    }

    /**
     * The namespace's links and addresses as {@code ip -d -o link} and {@code ip -o addr} print them, without what
     * changes by itself: interface indexes, bridge timers and counters, port STP states.
     */
    private String netState() throws IOException {
        String links = ok(d.ip("-d", "-o", "link", "show")).out();
        String addrs = ok(d.ip("-o", "addr", "show")).out();
        return (links + addrs).lines()
                .map(l -> l.replaceFirst("^\\d+: ", "")
                        .replaceAll("(?<=\\s)(\\w+_timer)\\s+\\S+", "$1")
                        .replaceAll("\\b(topology_change(_detected)?|root_port|root_path_cost|state|port_no|port_id"
                                + "|designated_\\w+|bridge_id|ifindex|link-netnsid|valid_lft|preferred_lft|hold_timer"
                                + "|message_age_timer|forward_delay_timer|config_pending)\\s+\\S+", "$1")
                        .replaceAll("@if\\d+", "@if"))
                .sorted().reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    void bridgeDefineStartDestroyUndefine() throws Exception {
        ok(virsh("iface-define", file("br.xml", BRIDGE_XML).toString()));
        assertTrue(Files.exists(definition(BR)));
        assertTrue(ok(virsh("iface-list", "--inactive")).out().contains(" " + BR + " "));
        assertEquals(BRIDGE_XML.strip(), ok(virsh("iface-dumpxml", "--inactive", BR)).out().strip());
        ok(virsh("iface-start", BR));
        String br = link(BR);
        assertTrue(br.contains("mtu 1400"), br);
        assertTrue(br.contains("link/ether 52:54:00:aa:bb:01"), br);
        assertTrue(br.contains("bridge forward_delay 200 ") && br.contains(" stp_state 1 "), br);
        assertTrue(link(PORT).contains(" master " + BR + " "), link(PORT));
        assertTrue(ok(d.ip("-o", "addr", "show", "dev", BR)).out().contains("inet 192.0.2.1/24"));
        assertTrue(ok(virsh("iface-list")).out().contains(" " + BR + " "));
        Tools.Result again = virsh("iface-start", BR);
        assertTrue(again.err().contains("Requested operation is not valid: interface is already running"),
                again::toString);
        String live = ok(virsh("iface-dumpxml", BR)).out();
        assertTrue(live.contains("<bridge stp='on' delay='2000'>") || live.contains("<bridge stp='on'"), live);

        destroy(BR);
        assertNotEquals(0, d.ip("link", "show", "dev", BR).code());
        assertFalse(link(PORT).contains(" master "), link(PORT));
        Tools.Result notRunning = virsh("iface-destroy", BR);
        assertTrue(notRunning.err().contains("Requested operation is not valid: interface is not running"),
                notRunning::toString);
        ok(virsh("iface-undefine", BR));
        assertFalse(Files.exists(definition(BR)));
        assertFalse(ok(virsh("iface-list", "--all")).out().contains(BR));
        Tools.Result gone = virsh("iface-start", BR);
        assertTrue(gone.err().contains("couldn't find interface named '" + BR + "'"), gone::toString);
    }

    @Test
    void ethernetAddressesAndMtu() throws Exception {
        ok(virsh("iface-define", file("eth.xml", """
                <interface type='ethernet' name='h2vb'>
                  <mtu size='1300'/>
                  <protocol family='ipv4'>
                    <ip address='198.51.100.7' prefix='25'/>
                  </protocol>
                  <protocol family='ipv6'>
                    <ip address='2001:db8::7' prefix='64'/>
                  </protocol>
                </interface>
                """).toString()));
        ok(virsh("iface-start", PEER));
        assertTrue(link(PEER).contains("mtu 1300"), link(PEER));
        assertTrue(link(PEER).contains(",UP"), link(PEER));
        String addrs = ok(d.ip("-o", "addr", "show", "dev", PEER)).out();
        assertTrue(addrs.contains("inet 198.51.100.7/25") && addrs.contains("inet6 2001:db8::7/64"), addrs);
        destroy(PEER);
        assertFalse(link(PEER).contains(",UP"), link(PEER));
        assertFalse(ok(d.ip("-o", "addr", "show", "dev", PEER)).out().contains("198.51.100.7"));
    }

    @Test
    void bondAndVlanNameTheMissingKernelModule() throws Exception {
        assumeTrue(!Files.isDirectory(Path.of("/sys/module/bonding")) && !Files.isDirectory(Path.of("/sys/module/8021q")),
                "this kernel has bonding or 8021q: the refusal is not what would happen");
        ok(virsh("iface-define", file("bond.xml", """
                <interface type='bond' name='h2bond0'>
                  <bond mode='active-backup'>
                    <miimon freq='100'/>
                    <interface type='ethernet' name='h2va'/>
                  </bond>
                </interface>
                """).toString()));
        Tools.Result bond = virsh("iface-start", "h2bond0");
        assertTrue(bond.err().contains("failed to create (start) interface h2bond0: the kernel has no 'bonding' module"),
                bond::toString);
        ok(virsh("iface-define", file("vlan.xml", """
                <interface type='vlan' name='h2va.42'>
                  <vlan tag='42'>
                    <interface name='h2va'/>
                  </vlan>
                </interface>
                """).toString()));
        Tools.Result vlan = virsh("iface-start", "h2va.42");
        assertTrue(vlan.err().contains("failed to create (start) interface h2va.42: the kernel has no '8021q' module"),
                vlan::toString);
        assertNotEquals(0, d.ip("link", "show", "dev", "h2bond0").code());
        assertFalse(link(PORT).contains(" master "), link(PORT));
        Tools.Result noTag = virsh("iface-define", file("bad.xml",
                "<interface type='vlan' name='h2va.7'><vlan><interface name='h2va'/></vlan></interface>").toString());
        assertTrue(noTag.err().contains("vlan interface misses the tag attribute"), noTag::toString);
    }

    @Test
    void onbootDefinitionIsReappliedByARestartedDaemon() throws Exception {
        ok(virsh("iface-define", file("br.xml", BRIDGE_XML).toString()));
        ok(virsh("iface-start", BR));
        d.daemon.stop();
        ok(d.ip("link", "del", "dev", BR)); // the host "rebooted": the runtime state is gone, the definition stays
        d.daemon.start();
        assertTrue(ok(virsh("iface-list")).out().contains(" " + BR + " "));
        assertTrue(link(BR).contains("mtu 1400"), link(BR));
        assertTrue(link(PORT).contains(" master " + BR + " "), link(PORT));
    }

    @Test
    void rollbackRestoresDefinitionsAndLinksExactly() throws Exception {
        ok(virsh("iface-define", file("br.xml", BRIDGE_XML).toString()));
        ok(virsh("iface-start", BR));
        byte[] before = Files.readAllBytes(definition(BR));
        String netBefore = netState();

        ok(virsh("iface-begin"));
        Tools.Result twice = virsh("iface-begin");
        assertTrue(twice.err().contains("failed to begin transaction"), twice::toString);
        destroy(BR);
        ok(virsh("iface-define", file("br2.xml", BRIDGE_XML.replace("1400", "1280")
                .replace("192.0.2.1", "192.0.2.9")).toString()));
        ok(virsh("iface-start", BR));
        ok(virsh("iface-define", file("other.xml", """
                <interface type='bridge' name='h2br1'>
                  <bridge stp='off'/>
                </interface>
                """).toString()));
        ok(virsh("iface-start", "h2br1"));
        assertTrue(link(BR).contains("mtu 1280"), link(BR));
        assertNotEquals(netBefore, netState());

        ok(virsh("iface-rollback"));
        assertEquals(netBefore, netState());
        assertEquals(new String(before), Files.readString(definition(BR)));
        assertFalse(Files.exists(definition("h2br1")));
        assertFalse(ok(virsh("iface-list", "--all")).out().contains("h2br1"));
        Tools.Result none = virsh("iface-rollback");
        assertTrue(none.err().contains("failed to rollback transaction: no transaction is open"), none::toString);

        ok(virsh("iface-begin"));
        destroy(BR);
        ok(virsh("iface-commit"));
        assertNotEquals(0, d.ip("link", "show", "dev", BR).code());
        Tools.Result noCommit = virsh("iface-commit");
        assertTrue(noCommit.err().contains("failed to commit transaction: no transaction is open"), noCommit::toString);
    }

    @Test
    void readOnlyConnectionChangesNothing() throws Exception {
        Tools.Result r = Tools.virsh(d.uri("interface"), "-r", "iface-define", file("br.xml", BRIDGE_XML).toString());
        assertNotEquals(0, r.code(), r::toString);
        assertFalse(Files.exists(definition(BR)));
    }
}
