package org.jvirt.driver.nwfilter.fw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.nwfilter.conf.FilterDef;
import org.jvirt.driver.nwfilter.conf.StandardFilters;
import org.junit.jupiter.api.Test;

/**
 * The standard filters parse and come out as libvirt formats them; a binding's tree is laid out in libvirt's
 * order (chain jumps interleaved with root rules by priority), with lists, inout swapping and negation.
 */
class ChainLayoutTest {

    private final Map<String, FilterDef> filters = new HashMap<>();
    private final Instantiator inst = new Instantiator(filters::get);

    ChainLayoutTest() {
        for (String n : StandardFilters.NAMES) {
            filters.put(n, FilterDef.parse(StandardFilters.xml(n)));
        }
    }

    private void define(String xml) {
        FilterDef d = FilterDef.parse(xml);
        filters.put(d.name(), d);
    }

    private ChainLayout layout(String filter, Map<String, List<String>> vars) {
        return ChainLayout.of("vnet0", inst.instantiate(filter, vars));
    }

    @Test
    void standardFiltersComeOutAsLibvirtFormatsThem() {
        assertEquals(24, StandardFilters.NAMES.size());
        String x = filters.get("no-mac-spoofing").toXml();
        assertTrue(x.startsWith("<filter name='no-mac-spoofing' chain='mac' priority='-800'>"), x);
        assertTrue(x.contains("<rule action='return' direction='out' priority='500'>"), x);
        assertTrue(!x.contains("<!--"), x);
        String ct = filters.get("clean-traffic").toXml();
        assertTrue(ct.startsWith("<filter name='clean-traffic' chain='root'>"), ct);
        assertTrue(filters.get("no-other-l2-traffic").toXml().startsWith(
                "<filter name='no-other-l2-traffic' chain='root'>"));
    }

    @Test
    void cleanTrafficIsLaidOutInLibvirtsOrder() {
        ChainLayout l = layout("clean-traffic", Map.of("IP", List.of("10.0.0.5"), "MAC", List.of("52:54:00:00:00:05")));
        assertEquals(List.of("jump I-vnet0-mac",
                "ether type 0x0800 jump I-vnet0-ipv4-ip",
                "ether type 0x0800 accept",
                "ether type 0x0806 jump I-vnet0-arp-mac",
                "ether type 0x0806 jump I-vnet0-arp-ip",
                "ether type 0x0806 accept",
                "ether type 0x8035 jump I-vnet0-rarp",
                "ether type 0x0835 accept",
                "drop"), l.chains().get("I-vnet0"));
        assertEquals(List.of("ether saddr 52:54:00:00:00:05 return", "drop"), l.chains().get("I-vnet0-mac"));
        assertEquals(List.of("ether type 0x0800 ip saddr 0.0.0.0 ip protocol udp return",
                "ether type 0x0800 ip saddr 10.0.0.5 return", "drop"), l.chains().get("I-vnet0-ipv4-ip"));
        assertEquals(List.of("ether type 0x0806 arp saddr ip 10.0.0.5 return", "drop"),
                l.chains().get("I-vnet0-arp-ip"));
        assertEquals(List.of("ether type 0x0800 jump O-vnet0-ipv4", "ether type 0x0806 accept",
                "ether type 0x8035 jump O-vnet0-rarp", "drop"), l.chains().get("O-vnet0"));
        assertEquals(List.of("accept"), l.chains().get("O-vnet0-ipv4"));
    }

    @Test
    void listsInoutAndNegation() {
        define("""
                <filter name='t' chain='ipv4'>
                  <rule action='accept' direction='inout' priority='10'>
                    <ip srcipaddr='$IP' protocol='tcp' srcportstart='22'/>
                  </rule>
                  <rule action='drop' direction='out' priority='20'>
                    <ip match='no' dstipaddr='10.1.2.3' dstipmask='255.255.0.0'/>
                  </rule>
                  <rule action='reject' direction='out' priority='30'><mac srcmacaddr='$MAC' srcmacmask='ff:ff:ff:00:00:00'/></rule>
                </filter>""");
        ChainLayout l = layout("t", Map.of("IP", List.of("10.0.0.1", "10.0.0.2"), "MAC", List.of("52:54:00:01:02:03")));
        assertEquals(List.of(
                "ether type 0x0800 ip daddr 10.0.0.1 ip protocol tcp tcp dport 22 accept",
                "ether type 0x0800 ip daddr 10.0.0.2 ip protocol tcp tcp dport 22 accept",
                "ether type 0x0800 ip daddr != 10.1.0.0/16 drop",
                "ether saddr & ff:ff:ff:00:00:00 == 52:54:00:00:00:00 drop"), l.chains().get("I-vnet0-ipv4"));
        assertEquals(List.of(
                "ether type 0x0800 ip saddr 10.0.0.1 ip protocol tcp tcp sport 22 accept",
                "ether type 0x0800 ip saddr 10.0.0.2 ip protocol tcp tcp sport 22 accept"),
                l.chains().get("O-vnet0-ipv4"));
    }

    @Test
    void missingVariablesLoopsAndUnsupportedAttributes() {
        assertEquals(Set.of("IP"), inst.missing("clean-traffic", Map.of("MAC", List.of("52:54:00:00:00:05"))));
        define("<filter name='a'><filterref filter='b'/></filter>");
        define("<filter name='b'><filterref filter='a'/></filter>");
        VirtException e = assertThrows(VirtException.class, () -> inst.instantiate("a", Map.of()));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        e = assertThrows(VirtException.class, () -> inst.instantiate("nope", Map.of()));
        assertTrue(e.getMessage().contains("referenced filter 'nope' is missing"), e.getMessage());
        define("<filter name='stp'><rule action='drop' direction='in'><stp/></rule></filter>");
        e = assertThrows(VirtException.class, () -> layout("stp", Map.of()));
        assertEquals(ErrorNumber.NO_SUPPORT, e.number());
        e = assertThrows(VirtException.class, () -> FilterDef.parse(
                "<filter name='x'><rule action='accept' direction='in'><ip srcipaddr='1.2.3.300'/></rule></filter>"));
        assertTrue(e.getMessage().contains("srcipaddr has illegal value 1.2.3.300"), e.getMessage());
        e = assertThrows(VirtException.class, () -> FilterDef.parse(
                "<filter name='x'><rule action='jump' direction='in'/></filter>"));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        e = assertThrows(VirtException.class, () -> FilterDef.parse("<filter name='x' priority='2000'/>"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
    }
}
