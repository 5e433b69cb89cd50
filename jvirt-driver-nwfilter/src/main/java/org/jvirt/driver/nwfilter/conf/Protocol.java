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
    MAC("mac", true, ordered("protocolid", Kind.ETHERTYPE)),
    VLAN("vlan", true, ordered("vlanid", Kind.UINT16, "encap-protocol", Kind.ETHERTYPE)),
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
        this.attributes = java.util.Collections.unmodifiableMap(a);
    }

    /** Attribute names and kinds in the order given (libvirt writes them in its table's order). */
    private static Map<String, Kind> ordered(Object... nameKind) {
        Map<String, Kind> m = new LinkedHashMap<>();
        for (int i = 0; i < nameKind.length; i += 2) {
            m.put((String) nameKind[i], (Kind) nameKind[i + 1]);
        }
        return m;
    }

    private static Map<String, Kind> arp() {
        return ordered("hwtype", Kind.UINT16, "protocoltype", Kind.UINT16, "opcode", Kind.ARP_OPCODE,
                "arpsrcmacaddr", Kind.MAC, "arpdstmacaddr", Kind.MAC, "arpsrcipaddr", Kind.IPV4,
                "arpsrcipmask", Kind.IPV4_MASK, "arpdstipaddr", Kind.IPV4, "arpdstipmask", Kind.IPV4_MASK,
                "gratuitous", Kind.BOOLEAN);
    }

    private static Map<String, Kind> ip(Kind addr, Kind mask) {
        return ordered("srcipaddr", addr, "srcipmask", mask, "dstipaddr", addr, "dstipmask", mask,
                "protocol", Kind.IP_PROTOCOL, "srcportstart", Kind.PORT, "srcportend", Kind.PORT,
                "dstportstart", Kind.PORT, "dstportend", Kind.PORT, "dscp", Kind.UINT8);
    }

    public String element() {
        return element;
    }

    /** Whether libvirt filters this protocol at the bridge (ebtables), where this driver applies rules. */
    public boolean ethernet() {
        return ethernet;
    }

    /** The attributes read from the element, with their kinds, in libvirt's order. */
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
