package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jvirt's standard filters (installed by jvirtd's fresh scope, defined into a private real libvirtd 9.0 from
 * the same files) and a filter written the way users write them (no uuid, no priorities, comments, a list
 * parameter), through real virsh: libvirtd accepts them, and nwfilter-dumpxml says the same on both (the UUIDs
 * aside, which each side makes).
 */
class NWFilterDifferentialTest {

    private static NetnsDaemon jv;
    private static NetnsDaemon lv;

    @BeforeAll
    static void start() throws Exception {
        jv = NetnsDaemon.jvirtd("jnf");
        lv = NetnsDaemon.libvirtd("lnf");
    }

    @AfterAll
    static void stop() throws Exception {
        if (jv != null) {
            jv.close();
        }
        if (lv != null) {
            lv.close();
        }
    }

    private static final String[] NAMES = {"allow-arp", "allow-dhcp", "allow-dhcp-server", "allow-dhcpv6",
        "allow-dhcpv6-server", "allow-incoming-ipv4", "allow-incoming-ipv6", "allow-ipv4", "allow-ipv6",
        "clean-traffic", "clean-traffic-gateway", "no-arp-ip-spoofing", "no-arp-mac-spoofing", "no-arp-spoofing",
        "no-ip-multicast", "no-ip-spoofing", "no-ipv6-multicast", "no-ipv6-spoofing", "no-mac-broadcast",
        "no-mac-spoofing", "no-other-l2-traffic", "no-other-rarp-traffic", "qemu-announce-self",
        "qemu-announce-self-rarp"};

    private static String virsh(NetnsDaemon d, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", "nwfilter+unix:///system?socket=" + d.socket));
        argv.addAll(List.of(args));
        return NetnsDaemon.run(true, argv.toArray(new String[0]));
    }

    private static String normal(String xml) {
        return xml.replaceAll("<uuid>[0-9a-f-]+</uuid>", "<uuid/>").strip();
    }

    private static boolean defined;

    @Test
    void dumpxmlIsLibvirtsForTheSameFilters() throws Exception {
        defineAll();
        for (String n : NAMES) {
            assertEquals(normal(virsh(lv, "nwfilter-dumpxml", n)), normal(virsh(jv, "nwfilter-dumpxml", n)), n);
        }
        assertEquals(normal(virsh(lv, "nwfilter-dumpxml", "jv-user")), normal(virsh(jv, "nwfilter-dumpxml", "jv-user")));
    }

    private static synchronized void defineAll() throws Exception {
        if (defined) {
            return;
        }
        defined = true;
        List<String> xmls = new ArrayList<>();
        for (String n : NAMES) {
            try (InputStream in = NWFilterDifferentialTest.class.getResourceAsStream(
                    "/org/jvirt/driver/nwfilter/conf/standard/" + n + ".xml")) {
                xmls.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        xmls.add("""
                <filter name='jv-user'>
                  <!-- a user's filter -->
                  <rule action='accept' direction='out'><mac srcmacaddr='$MAC' protocolid='0x0800'/></rule>
                  <filterref filter='no-ip-spoofing'><parameter name='IP' value='10.0.0.1'/>
                    <parameter name='IP' value='10.0.0.2'/></filterref>
                  <rule action='drop' direction='inout' priority='-100'><arp opcode='Reply' arpsrcipaddr='10.1.0.0' arpsrcipmask='16'/></rule>
                  <rule action='accept' direction='in' statematch='0'><tcp srcipaddr='10.1.2.3' srcipmask='255.255.255.0' dstportstart='0x16' state='established,NEW' flags='syn,ack/ALL' comment='x'/></rule>
                  <rule action='drop' direction='out'><icmp type='8' code='0' connlimit-above='3' srcmacaddr='1:2:3:4:5:6' dscp='0x10'/></rule>
                  <rule action='reject' direction='inout'><all-ipv6 srcipfrom='fd00::1' srcipto='fd00::9' dstipaddr='fd00:0::5' dstipmask='64' state='NONE,NEW'/></rule>
                  <rule action='accept' direction='out'><udp dstportstart='53' ipset='x1' ipsetflags='src,dst'/></rule>
                </filter>""");
        // jvirtd's fresh scope installed the standard filters (redefining one without its uuid would fail, as in
        // libvirt): the private libvirtd, which has none, is given the same files
        for (int i = 0; i < xmls.size(); i++) {
            Path f = lv.dir.resolve("f.xml");
            Files.writeString(f, xmls.get(i));
            virsh(lv, "nwfilter-define", f.toString());
            if (i == xmls.size() - 1) {
                Files.writeString(jv.dir.resolve("f.xml"), xmls.get(i));
                virsh(jv, "nwfilter-define", jv.dir.resolve("f.xml").toString());
            }
        }
    }

    /**
     * The same client (python3-libvirt) binds clean-traffic to a port and unbinds it, on each daemon (libvirtd
     * fewer times: each takes seconds of ebtables and iptables runs). The figure is printed for the notes.
     */
    private static final String BIND = """
            import libvirt, sys, time
            c = libvirt.open(sys.argv[1])
            xml = ("<filterbinding><owner><name>vm</name><uuid>6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c81</uuid></owner>"
                   "<portdev name='jvnwb0'/><mac address='52:54:00:96:00:0b'/><filterref filter='clean-traffic'>"
                   "<parameter name='IP' value='10.96.0.11'/></filterref></filterbinding>")
            n = int(sys.argv[2]); t = time.time()
            for i in range(n):
                c.nwfilterBindingCreateXML(xml).delete()
            print("%.1f" % ((time.time() - t) / n * 1000))
            """;

    @Test
    void bindingLatencyAgainstLibvirtd() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        for (NetnsDaemon d : List.of(jv, lv)) {
            d.inNs("ip", "link", "add", "jvnwb0", "type", "veth", "peer", "name", "jvnwb1");
            d.inNs("ip", "link", "set", "jvnwb0", "up");
        }
        defineAll(); // libvirtd gets the standard filters from jvirt's files
        String py = Tools.PYTHON.toString();
        String j = NetnsDaemon.run(true, py, "-c", BIND, "nwfilter+unix:///system?socket=" + jv.socket, "20").strip();
        String l = NetnsDaemon.run(false, py, "-c", BIND, "nwfilter+unix:///system?socket=" + lv.socket, "5").strip();
        System.out.println("NWFilterDifferentialTest: clean-traffic binding create+delete, ms: jvirtd " + j
                + ", libvirtd " + l);
        assertTrue(Double.parseDouble(j) > 0, j);
    }
}
