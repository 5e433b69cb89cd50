package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real virsh nwfilter-* and nwfilter-binding-* against a jvirtd in a network namespace of the test's own: the
 * standard filters are there on a fresh scope, a filter is defined, shown and undefined, a binding puts its
 * rules on a port and a daemon restart keeps both; a filter in use cannot go; deleting the binding leaves no
 * table behind.
 */
class NWFilterVirshNetnsTest {

    private static NetnsDaemon d;

    @BeforeAll
    static void start() throws Exception {
        d = NetnsDaemon.jvirtd("nwf");
    }

    @AfterAll
    static void stop() throws Exception {
        String ns = d.ns;
        d.close();
        assertFalse(NetnsDaemon.run(false, "ip", "netns", "list").contains(ns));
    }

    private static String virsh(boolean mustSucceed, String... args) {
        List<String> argv = new ArrayList<>(List.of("virsh", "-q", "-c", "nwfilter+unix:///system?socket=" + d.socket));
        argv.addAll(List.of(args));
        return NetnsDaemon.run(mustSucceed, argv.toArray(new String[0]));
    }

    @Test
    void virshManagesFiltersAndBindingsOfJvirtd() throws Exception {
        String list = virsh(true, "nwfilter-list");
        for (String f : List.of("clean-traffic", "no-ip-spoofing", "no-mac-spoofing", "no-arp-spoofing",
                "allow-dhcp", "allow-arp", "qemu-announce-self", "no-other-l2-traffic")) {
            assertTrue(list.contains(" " + f + "\n") || list.contains(" " + f + " "), f + " in\n" + list);
        }
        Path filter = d.dir.resolve("f.xml");
        Files.writeString(filter, """
                <filter name='jv-web' chain='ipv4'>
                  <rule action='accept' direction='in' priority='100'><ip protocol='tcp' dstportstart='80'/></rule>
                  <rule action='drop' direction='in'><ip/></rule>
                </filter>""");
        virsh(true, "nwfilter-define", filter.toString());
        assertTrue(virsh(true, "nwfilter-list").contains(" jv-web"));
        String xml = virsh(true, "nwfilter-dumpxml", "jv-web");
        assertTrue(xml.contains("<filter name='jv-web' chain='ipv4' priority='-700'>") && xml.contains("<uuid>"), xml);
        virsh(true, "nwfilter-undefine", "jv-web");
        assertFalse(virsh(true, "nwfilter-list").contains("jv-web"));

        d.inNs("ip", "link", "add", "jvnwf0", "type", "veth", "peer", "name", "jvnwf1");
        Path binding = d.dir.resolve("b.xml");
        Files.writeString(binding, """
                <filterbinding><owner><name>vm</name><uuid>6b1f3bd8-56a9-4b3a-9dd2-1d7c6bd30c71</uuid></owner>
                  <portdev name='jvnwf0'/><mac address='52:54:00:96:00:0a'/>
                  <filterref filter='clean-traffic'><parameter name='IP' value='10.96.0.10'/></filterref>
                </filterbinding>""");
        virsh(true, "nwfilter-binding-create", binding.toString());
        String bl = virsh(true, "nwfilter-binding-list");
        assertTrue(bl.matches("(?s)\\s*jvnwf0\\s+clean-traffic\\s*"), bl);
        assertTrue(virsh(true, "nwfilter-binding-dumpxml", "jvnwf0").contains("value='10.96.0.10'"));
        String rules = d.inNs("nft", "-a", "list", "table", "bridge", "jvirt_nwfilter");
        assertTrue(rules.contains("ip saddr 10.96.0.10 return"), rules);

        String busy = virsh(false, "nwfilter-undefine", "no-ip-spoofing");
        assertTrue(busy.contains("nwfilter is in use"), busy);
        String dup = virsh(false, "nwfilter-binding-create", binding.toString());
        assertTrue(dup.contains("binding 'jvnwf0' already exists"), dup);

        d.restart();
        assertTrue(virsh(true, "nwfilter-binding-list").contains("jvnwf0"));
        assertEquals(rules, d.inNs("nft", "-a", "list", "table", "bridge", "jvirt_nwfilter"));

        virsh(true, "nwfilter-binding-delete", "jvnwf0");
        assertTrue(virsh(true, "nwfilter-binding-list").isBlank());
        assertFalse(d.inNs("nft", "list", "tables").contains("jvirt_nwfilter"));
        String gone = virsh(false, "nwfilter-binding-dumpxml", "jvnwf0");
        assertTrue(gone.contains("no nwfilter binding for port dev 'jvnwf0'"), gone);
        d.inNs("ip", "link", "del", "jvnwf0");
    }
}
