package org.jvirt.driver.nwfilter.fw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.nwfilter.conf.FilterDef;
import org.junit.jupiter.api.Test;

/**
 * The IP-layer rules (libvirt's iptables layer) in the three chains of a port, rule for rule as libvirt 9.0's
 * iptablesCreateRuleInstance writes them (the expectations are its own test data's iptables arguments,
 * tests/nwfilterxml2firewalldata, said again in nftables' words): attributes swapped in the chains that see
 * the guest's peer as source, the connection states and directions that let replies back, the rules libvirt
 * leaves out (a source MAC alone where it cannot apply, ICMP types, connection limits on replies).
 */
class IpLayerTest {

    private final Map<String, FilterDef> filters = new HashMap<>();

    private Map<String, List<String>> chains(String xml) {
        FilterDef d = FilterDef.parse(xml);
        filters.put(d.name(), d);
        return ChainLayout.of("vnet0", new Instantiator(filters::get).instantiate(d.name(), Map.of())).inet();
    }

    @Test
    void tcpRulesGoToTheThreeChainsWithTheirStates() {
        Map<String, List<String>> c = chains("""
                <filter name='t' chain='root'>
                  <rule action='accept' direction='out'>
                    <tcp srcmacaddr='1:2:3:4:5:6' dstipaddr='10.1.2.3' dstipmask='255.255.255.255' dscp='2'/>
                  </rule>
                  <rule action='accept' direction='in' statematch='false'>
                    <tcp srcmacaddr='1:2:3:4:5:6' srcipaddr='10.1.2.3' srcipmask='32' dscp='33'
                         srcportstart='20' srcportend='21' dstportstart='100' dstportend='1111'/>
                  </rule>
                  <rule action='accept' direction='in'><tcp state='NONE' flags='SYN/SYN,ACK'/></rule>
                </filter>""");
        String tcp = "meta nfproto ipv4 meta l4proto tcp ";
        assertEquals(List.of(
                tcp + "ether saddr 01:02:03:04:05:06 ip daddr 10.1.2.3 ip dscp 2 ct state new,established "
                        + "ct direction original return",
                tcp + "ip daddr 10.1.2.3 ip dscp 33 tcp dport 20-21 tcp sport 100-1111 return"), c.get("FI-vnet0"));
        assertEquals(List.of(
                tcp + "ip saddr 10.1.2.3 ip dscp 2 ct state established ct direction reply accept",
                tcp + "ether saddr 01:02:03:04:05:06 ip saddr 10.1.2.3 ip dscp 33 tcp sport 20-21 tcp dport 100-1111 "
                        + "accept",
                tcp + "tcp flags & (syn) == syn|ack accept"), c.get("FO-vnet0"));
        assertEquals(c.get("FI-vnet0"), c.get("HI-vnet0"));
    }

    @Test
    void icmpTypesLeaveTheChainsThatWouldSeeThemBackwards() {
        Map<String, List<String>> c = chains("""
                <filter name='i'>
                  <rule action='accept' direction='in' priority='500'><icmp type='0'/></rule>
                  <rule action='accept' direction='out' priority='500'><icmp type='8'/></rule>
                  <rule action='drop' direction='inout' priority='600'><icmp/></rule>
                </filter>""");
        String icmp = "meta nfproto ipv4 meta l4proto icmp ";
        assertEquals(List.of(icmp + "icmp type 8 ct state new,established return", icmp + "drop"), c.get("FI-vnet0"));
        assertEquals(List.of(icmp + "icmp type 0 ct state new,established accept", icmp + "drop"), c.get("FO-vnet0"));
        assertEquals(c.get("FI-vnet0"), c.get("HI-vnet0"));
    }

    @Test
    void connectionLimitsNegatedMacsAndIpv6() {
        Map<String, List<String>> c = chains("""
                <filter name='c' chain='root'>
                  <rule action='drop' direction='out' priority='500'><tcp connlimit-above='2'/></rule>
                  <rule action='drop' direction='inout'><all match='no' srcmacaddr='12:34:56:78:9a:bc'/></rule>
                  <rule action='reject' direction='in'>
                    <all-ipv6 srcipaddr='f:e:d::c:b:a' srcipmask='127' comment='no "quotes"'/>
                  </rule>
                </filter>""");
        assertEquals(List.of("meta nfproto ipv4 meta l4proto tcp ct count over 2 drop",
                "meta nfproto ipv6 ip6 daddr f:e:d::c:b:a/127 reject comment \"no 'quotes'\""), c.get("FI-vnet0"));
        assertEquals(List.of("meta nfproto ipv4 ether saddr != 12:34:56:78:9a:bc drop",
                "meta nfproto ipv6 ip6 saddr f:e:d::c:b:a/127 reject comment \"no 'quotes'\""), c.get("FO-vnet0"));
        assertTrue(c.get("HI-vnet0").get(0).contains("ct count over 2"));
    }

    @Test
    void aFilterWithoutIpLayerRulesHasNoInetChains() {
        assertTrue(chains("<filter name='m'><rule action='drop' direction='out'><mac protocolid='arp'/></rule>"
                + "</filter>").isEmpty());
    }

    @Test
    void ipLayerAttributesAreWrittenBackAsLibvirtWritesThem() {
        // the output is a private libvirtd 9.0's nwfilter-dumpxml of the same definition (uuid left out)
        String x = FilterDef.parse("""
                <filter name='jv-ipt'>
                  <rule action='accept' direction='in' statematch='0'><tcp srcipaddr='10.1.2.3' srcipmask='255.255.255.0' dstportstart='0x16' state='established,NEW' flags='syn,ack/ALL' option='2' comment='x'/></rule>
                  <rule action='drop' direction='out' statematch='yes'><icmp type='8' code='0' connlimit-above='3' srcmacaddr='1:2:3:4:5:6' dscp='0x10'/></rule>
                  <rule action='reject' direction='inout'><all-ipv6 srcipfrom='fd00::1' srcipto='fd00::9' dstipaddr='fd00:0::5' dstipmask='64' state='NONE,NEW'/></rule>
                  <rule action='accept' direction='out'><udp dstportstart='53' dstportend='54' ipset='x1' ipsetflags='src,dst' dstipfrom='10.0.0.1' dstipto='10.0.0.9'/></rule>
                  <rule action='continue' direction='out'><tcp-ipv6 srcportstart='1' option='0x3'/></rule>
                  <rule action='return' direction='in'><sctp-ipv6 dstportstart='9'/></rule>
                  <rule action='accept' direction='in'><igmp/></rule>
                </filter>""").toXml().replaceAll("\\s*<uuid>[^<]*</uuid>", "");
        assertEquals("""
                <filter name='jv-ipt' chain='root'>
                  <rule action='accept' direction='in' priority='500' statematch='false'>
                    <tcp srcipaddr='10.1.2.3' srcipmask='24' state='NEW,ESTABLISHED' dstportstart='0x16' option='2' flags='SYN,ACK/ALL' comment='x'/>
                  </rule>
                  <rule action='drop' direction='out' priority='500'>
                    <icmp srcmacaddr='01:02:03:04:05:06' dscp='0x10' connlimit-above='3' type='8' code='0'/>
                  </rule>
                  <rule action='reject' direction='inout' priority='500'>
                    <all-ipv6 dstipaddr='fd00::5' dstipmask='64' srcipfrom='fd00::1' srcipto='fd00::9' state='NONE'/>
                  </rule>
                  <rule action='accept' direction='out' priority='500'>
                    <udp dstipfrom='10.0.0.1' dstipto='10.0.0.9' dstportstart='53' dstportend='54'/>
                  </rule>
                  <rule action='continue' direction='out' priority='500'>
                    <tcp-ipv6 srcportstart='1' option='0x3'/>
                  </rule>
                  <rule action='return' direction='in' priority='500'>
                    <sctp-ipv6 dstportstart='9'/>
                  </rule>
                  <rule action='accept' direction='in' priority='500'>
                    <igmp/>
                  </rule>
                </filter>""", x.strip());
    }
}
