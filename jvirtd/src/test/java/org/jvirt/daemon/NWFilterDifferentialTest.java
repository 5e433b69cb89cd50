package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void dumpxmlIsLibvirtsForTheSameFilters() throws Exception {
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
        for (String n : NAMES) {
            assertEquals(normal(virsh(lv, "nwfilter-dumpxml", n)), normal(virsh(jv, "nwfilter-dumpxml", n)), n);
        }
        assertEquals(normal(virsh(lv, "nwfilter-dumpxml", "jv-user")), normal(virsh(jv, "nwfilter-dumpxml", "jv-user")));
    }
}
