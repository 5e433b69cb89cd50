package org.jvirt.driver.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.Network;
import org.jvirt.VirtException;
import org.jvirt.event.EventRegistration;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NetworkEventId;
import org.jvirt.flags.NetworkXMLFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NAT networks on the real kernel bridge, dnsmasq and nftables, inside the test JVM's own network namespace:
 * the default network of a fresh scope, define/start/destroy/undefine, events, live and inactive XML, bridge
 * and MAC allocation, dnsmasq's configuration, and that destroy gives back exactly the links and ruleset that
 * were there before start.
 */
class NatNetworkTest {

    private Path root;
    private String uri;

    @BeforeEach
    void scope() {
        Netns.name();
        root = Netns.tempRoot("nat");
        uri = "network:///system?host_root=" + root;
    }

    @AfterEach
    void cleanUp() {
        try (Connect c = Connect.open(uri)) {
            for (Network n : c.listAllNetworks()) {
                if (n.isActive()) {
                    n.destroy();
                }
            }
        } catch (VirtException e) {
            // the test may have broken the scope on purpose
        }
        Netns.deleteTree(root);
    }

    private static String nat(String name, String bridge, String net) {
        return "<network><name>" + name + "</name><forward mode='nat'/>"
                + (bridge == null ? "" : "<bridge name='" + bridge + "'/>")
                + "<ip address='" + net + ".1' netmask='255.255.255.0'><dhcp>"
                + "<range start='" + net + ".10' end='" + net + ".50'/>"
                + "<host mac='52:54:00:aa:bb:cc' name='static1' ip='" + net + ".5'/>"
                + "</dhcp></ip></network>";
    }

    @Test
    void freshScopeDefinesAndAutostartsTheDefaultNetworkAndDestroyGivesEverythingBack() throws Exception {
        String before = Netns.snapshot();
        try (Connect c = Connect.open(uri)) {
            Network def = c.networkLookupByName("default");
            assertTrue(def.isActive());
            assertTrue(def.isPersistent());
            assertTrue(def.getAutostart());
            assertEquals("virbr0", def.getBridgeName());
            assertTrue(Files.isSymbolicLink(root.resolve("system/etc/network/autostart/default.xml")));
            String addr = Netns.run("ip", "-o", "-4", "address", "show", "dev", "virbr0");
            assertTrue(addr.contains("192.168.122.1/24"), addr);
            String rules = Netns.run("nft", "list", "table", "ip", "jvirt_network");
            assertTrue(rules.contains("masquerade to :1024-65535"), rules);
            assertTrue(rules.contains("ip saddr 192.168.122.0/24"), rules);
            String conf = Files.readString(root.resolve("system/lib/network/dnsmasq/default.conf"));
            assertTrue(conf.contains("dhcp-range=192.168.122.2,192.168.122.254,255.255.255.0\n"), conf);
            assertTrue(conf.contains("dhcp-lease-max=253\n"), conf);
            assertTrue(Netns.run("pgrep", "-f", "default.conf").strip().length() > 0);
            assertEquals("1", Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).strip());
            def.destroy();
            assertFalse(def.isActive());
        }
        assertEquals(before, Netns.snapshot());
    }

    @Test
    void defineStartDestroyUndefineWithEventsXmlAndAllocatedNames() throws Exception {
        try (Connect c = Connect.open(uri)) {
            c.networkLookupByName("default").destroy();
            String before = Netns.snapshot();
            List<String> events = new CopyOnWriteArrayList<>();
            try (EventRegistration reg = c.networkEventRegister(NetworkEventId.LIFECYCLE, null,
                    (n, e) -> events.add(n.getName() + " " + ((NetworkEvent.Lifecycle) e).type()))) {
                Network n = c.networkDefineXML(nat("jvn1", null, "10.91.1"));
                String inactive = n.getXMLDesc();
                assertTrue(inactive.contains("<bridge name='virbr1' stp='on' delay='0'/>"), inactive);
                assertTrue(inactive.matches("(?s).*<mac address='52:54:00:[0-9a-f:]{8}'/>.*"), inactive);
                assertTrue(inactive.contains("<uuid>"), inactive);
                // the default network holds virbr0 in its definition although it is stopped
                assertEquals("virbr1", n.getBridgeName(), inactive);
                n.create();
                assertTrue(n.isActive());
                assertTrue(Netns.linkExists(n.getBridgeName()));
                String conf = Files.readString(root.resolve("system/lib/network/dnsmasq/jvn1.conf"));
                assertEquals("""
                        ##WARNING:  THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
                        ##OVERWRITTEN AND LOST.  Changes to this configuration should be made using:
                        ##    virsh net-edit jvn1
                        ## or other application using the libvirt API.
                        ##
                        ## dnsmasq conf file created by libvirt
                        strict-order
                        pid-file=%s
                        except-interface=lo
                        bind-dynamic
                        interface=virbr1
                        dhcp-range=10.91.1.10,10.91.1.50,255.255.255.0
                        dhcp-no-override
                        dhcp-authoritative
                        dhcp-lease-max=41
                        dhcp-hostsfile=%s
                        addn-hosts=%s
                        """.formatted(root.resolve("system/run/network/jvn1.pid"),
                        root.resolve("system/lib/network/dnsmasq/jvn1.hostsfile"),
                        root.resolve("system/lib/network/dnsmasq/jvn1.addnhosts")), conf);
                assertEquals("52:54:00:aa:bb:cc,10.91.1.5,static1\n",
                        Files.readString(root.resolve("system/lib/network/dnsmasq/jvn1.hostsfile")));
                assertTrue(Files.exists(root.resolve("system/run/network/jvn1.xml")));
                // starting fills in the masquerade port range in the live definition only, as libvirt does
                assertEquals(n.getXMLDesc(NetworkXMLFlag.INACTIVE).replace("<forward mode='nat'/>",
                        "<forward mode='nat'>\n    <nat>\n      <port start='1024' end='65535'/>\n    </nat>\n"
                                + "  </forward>"), n.getXMLDesc());
                n.destroy();
                n.undefine();
                assertThrows(VirtException.class, () -> c.networkLookupByName("jvn1"));
                assertFalse(Files.exists(root.resolve("system/etc/network/jvn1.xml")));
                long deadline = System.currentTimeMillis() + 5000;
                while (events.size() < 4 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(List.of("jvn1 DEFINED", "jvn1 STARTED", "jvn1 STOPPED", "jvn1 UNDEFINED"), events);
            }
            assertEquals(before, Netns.snapshot());
        }
    }

    @Test
    void transientNetworkGoesAwayWhenDestroyed() {
        try (Connect c = Connect.open(uri)) {
            Network n = c.networkCreateXML(nat("jvn2", "jvnbr2", "10.91.2"));
            assertTrue(n.isActive());
            assertFalse(n.isPersistent());
            assertEquals("jvnbr2", n.getBridgeName());
            n.destroy();
            VirtException e = assertThrows(VirtException.class, () -> c.networkLookupByName("jvn2"));
            assertEquals(ErrorNumber.NO_NETWORK, e.number());
            assertFalse(Netns.linkExists("jvnbr2"));
        }
    }

    @Test
    void createXmlOfADefinedNetworkRunsTheGivenDefinitionAndKeepsTheConfig() {
        try (Connect c = Connect.open(uri)) {
            Network n = c.networkDefineXML(nat("jvn5", "jvnbr5", "10.91.5"));
            String config = n.getXMLDesc(NetworkXMLFlag.INACTIVE);
            String uuid = n.getUUIDString();
            Network m = c.networkCreateXML(nat("jvn5", "jvnbr6", "10.91.6").replace("<name>jvn5</name>",
                    "<name>jvn5</name><uuid>" + uuid + "</uuid>"));
            assertEquals(n, m);
            assertEquals("jvnbr6", m.getBridgeName());
            assertTrue(m.isPersistent());
            assertEquals(config, m.getXMLDesc(NetworkXMLFlag.INACTIVE));
            m.destroy();
            assertEquals(config, n.getXMLDesc());
            assertEquals("jvnbr5", n.getBridgeName());
        }
    }

    @Test
    void aNewDriverStateAdoptsRunningNetworksTheirDnsmasqAndRules() throws Exception {
        String pid;
        try (Connect c = Connect.open(uri)) {
            c.networkLookupByName("default").destroy();
            c.networkLookupByName("default").setAutostart(false); // a restarted daemon would start it again
            Network n = c.networkDefineXML(nat("jvn3", "jvnbr3", "10.91.3"));
            n.create();
            pid = Files.readString(root.resolve("system/run/network/jvn3.pid")).strip();
        }
        // the last connection closed: the state let go, as a daemon that stops; the network kept running
        assertTrue(Netns.linkExists("jvnbr3"));
        assertTrue(running(pid));
        String before = Netns.snapshot();
        try (Connect c = Connect.open(uri)) {
            Network n = c.networkLookupByName("jvn3");
            assertTrue(n.isActive());
            assertEquals(pid, Files.readString(root.resolve("system/run/network/jvn3.pid")).strip());
            assertEquals(before, Netns.snapshot(), "adoption changes nothing on the host");
            n.destroy();
            assertFalse(Netns.linkExists("jvnbr3"));
            assertFalse(running(pid), "dnsmasq " + pid + " was stopped");
            assertFalse(Netns.run("nft", "list", "tables").contains("jvirt_network"));
        }
    }

    /** Running, not a zombie waiting for its reaper (dnsmasq daemonized: its parent is init, not us). */
    private static boolean running(String pid) throws Exception {
        Path status = Path.of("/proc", pid, "status");
        return Files.exists(status) && !Files.readString(status).contains("State:\tZ");
    }

    @Test
    void statusAndConfigFilesAreWrittenWhereTheScopeSays() {
        try (Connect c = Connect.open(uri)) {
            assertNotNull(c.networkLookupByName("default"));
            assertTrue(Files.exists(root.resolve("system/etc/network/default.xml")));
            assertTrue(Files.exists(root.resolve("system/run/network/default.xml")));
        }
    }
}
