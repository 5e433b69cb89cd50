package org.jvirt.driver.nwfilter.conf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol elements a rule may hold, with the attributes libvirt reads from each (anything else on the
 * element is kept in the XML and ignored, as libvirt does). The layer-2 and layer-3 ones that libvirt gives to
 * ebtables become bridge-family nftables rules here; the ones libvirt gives to iptables ({@code tcp},
 * {@code udp}, {@code icmp}, {@code all}, ... and their {@code -ipv6} twins) are parsed and kept, and refused
 * when a binding would apply them.
 */
public enum Protocol {
    MAC("mac", true, Map.of("protocolid", Kind.ETHERTYPE)),
    VLAN("vlan", true, Map.of("vlanid", Kind.UINT16, "encap-protocol", Kind.ETHERTYPE)),
    STP("stp", true, Map.of()),
    ARP("arp", true, arp()),
    RARP("rarp", true, arp()),
    IP("ip", true, ip(Kind.IPV4, Kind.IPV4_MASK)),
    IPV6("ipv6", true, ip(Kind.IPV6, Kind.IPV6_MASK)),
    TCP("tcp", false, Map.of()), UDP("udp", false, Map.of()), UDPLITE("udplite", false, Map.of()),
    ESP("esp", false, Map.of()), AH("ah", false, Map.of()), SCTP("sctp", false, Map.of()),
    ICMP("icmp", false, Map.of()), IGMP("igmp", false, Map.of()), ALL("all", false, Map.of()),
    TCP_IPV6("tcp-ipv6", false, Map.of()), UDP_IPV6("udp-ipv6", false, Map.of()),
    UDPLITE_IPV6("udplite-ipv6", false, Map.of()), ESP_IPV6("esp-ipv6", false, Map.of()),
    AH_IPV6("ah-ipv6", false, Map.of()), SCTP_IPV6("sctp-ipv6", false, Map.of()),
    ICMPV6("icmpv6", false, Map.of()), ALL_IPV6("all-ipv6", false, Map.of());

    private final String element;
    private final boolean ethernet;
    private final Map<String, Kind> attributes;

    Protocol(String element, boolean ethernet, Map<String, Kind> own) {
        this.element = element;
        this.ethernet = ethernet;
        Map<String, Kind> a = new LinkedHashMap<>();
        a.put("srcmacaddr", Kind.MAC);
        a.put("srcmacmask", Kind.MAC_MASK);
        a.put("dstmacaddr", Kind.MAC);
        a.put("dstmacmask", Kind.MAC_MASK);
        a.putAll(own);
        a.put("comment", Kind.STRING);
        this.attributes = Map.copyOf(a);
    }

    private static Map<String, Kind> arp() {
        return Map.ofEntries(Map.entry("hwtype", Kind.UINT16), Map.entry("protocoltype", Kind.UINT16),
                Map.entry("opcode", Kind.ARP_OPCODE), Map.entry("arpsrcmacaddr", Kind.MAC),
                Map.entry("arpdstmacaddr", Kind.MAC), Map.entry("arpsrcipaddr", Kind.IPV4),
                Map.entry("arpsrcipmask", Kind.IPV4_MASK), Map.entry("arpdstipaddr", Kind.IPV4),
                Map.entry("arpdstipmask", Kind.IPV4_MASK), Map.entry("gratuitous", Kind.BOOLEAN));
    }

    private static Map<String, Kind> ip(Kind addr, Kind mask) {
        return Map.ofEntries(Map.entry("srcipaddr", addr), Map.entry("srcipmask", mask),
                Map.entry("dstipaddr", addr), Map.entry("dstipmask", mask), Map.entry("protocol", Kind.IP_PROTOCOL),
                Map.entry("srcportstart", Kind.PORT), Map.entry("srcportend", Kind.PORT),
                Map.entry("dstportstart", Kind.PORT), Map.entry("dstportend", Kind.PORT),
                Map.entry("dscp", Kind.UINT8));
    }

    public String element() {
        return element;
    }

    /** Whether libvirt filters this protocol at the bridge (ebtables), where this driver applies rules. */
    public boolean ethernet() {
        return ethernet;
    }

    /** The attributes read from the element, with their kinds. */
    public Map<String, Kind> attributes() {
        return attributes;
    }

    /** The protocol of an element name, or null. */
    public static Protocol of(String element) {
        for (Protocol p : values()) {
            if (p.element.equals(element)) {
                return p;
            }
        }
        return null;
    }
}
