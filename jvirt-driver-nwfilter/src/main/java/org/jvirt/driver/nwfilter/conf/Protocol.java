package org.jvirt.driver.nwfilter.conf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol elements a rule may hold, with the attributes libvirt reads from each (anything else on the
 * element is dropped, as libvirt does). The layer-2 and layer-3 ones that libvirt gives to ebtables become
 * bridge-family nftables rules here; the ones libvirt gives to iptables ({@code tcp}, {@code udp}, {@code icmp},
 * {@code all}, ... and their {@code -ipv6} twins) become inet-family rules with connection tracking
 * ({@link org.jvirt.driver.nwfilter.fw.IpLayer}).
 */
public enum Protocol {
    MAC("mac", true, ordered("protocolid", Kind.ETHERTYPE)),
    VLAN("vlan", true, ordered("vlanid", Kind.UINT16, "encap-protocol", Kind.ETHERTYPE)),
    STP("stp", true, Map.of()),
    ARP("arp", true, arp()),
    RARP("rarp", true, arp()),
    IP("ip", true, ip(Kind.IPV4, Kind.IPV4_MASK)),
    IPV6("ipv6", true, ip(Kind.IPV6, Kind.IPV6_MASK)),
    TCP("tcp", false, l4(false, true, "option", Kind.UINT8, "flags", Kind.TCP_FLAGS)),
    UDP("udp", false, l4(false, true)), UDPLITE("udplite", false, l4(false, false)),
    ESP("esp", false, l4(false, false)), AH("ah", false, l4(false, false)), SCTP("sctp", false, l4(false, true)),
    ICMP("icmp", false, l4(false, false, "type", Kind.UINT8, "code", Kind.UINT8)),
    IGMP("igmp", false, l4(false, false)), ALL("all", false, l4(false, false)),
    TCP_IPV6("tcp-ipv6", false, l4(true, true, "option", Kind.UINT8)), UDP_IPV6("udp-ipv6", false, l4(true, true)),
    UDPLITE_IPV6("udplite-ipv6", false, l4(true, false)), ESP_IPV6("esp-ipv6", false, l4(true, false)),
    AH_IPV6("ah-ipv6", false, l4(true, false)), SCTP_IPV6("sctp-ipv6", false, l4(true, true)),
    ICMPV6("icmpv6", false, l4(true, false, "type", Kind.UINT8, "code", Kind.UINT8)),
    ALL_IPV6("all-ipv6", false, l4(true, false));

    private final String element;
    private final boolean ethernet;
    private final Map<String, Kind> attributes;

    Protocol(String element, boolean ethernet, Map<String, Kind> own) {
        this.element = element;
        this.ethernet = ethernet;
        Map<String, Kind> a = new LinkedHashMap<>();
        a.put("srcmacaddr", Kind.MAC);
        if (ethernet) {
            a.put("srcmacmask", Kind.MAC_MASK);
            a.put("dstmacaddr", Kind.MAC);
            a.put("dstmacmask", Kind.MAC_MASK);
        }
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

    /**
     * The attributes of a protocol libvirt gives to iptables (COMMON_IP_PROPS, COMMON_PORT_PROPS and the
     * protocol's own), after srcmacaddr, in libvirt's table order. dstipto is an IPv4 address in every one of
     * them, the -ipv6 ones included, as libvirt's table has it. {@code ipset} and {@code ipsetflags} are in
     * libvirt's table but its parser has no case for their types: libvirt 9.0 drops them (never shown, never
     * applied), and so does this driver.
     */
    private static Map<String, Kind> l4(boolean v6, boolean ports, Object... own) {
        Kind addr = v6 ? Kind.IPV6 : Kind.IPV4;
        Kind mask = v6 ? Kind.IPV6_MASK : Kind.IPV4_MASK;
        Map<String, Kind> m = ordered("srcipaddr", addr, "srcipmask", mask, "dstipaddr", addr, "dstipmask", mask,
                "srcipfrom", addr, "srcipto", addr, "dstipfrom", addr, "dstipto", Kind.IPV4, "dscp", Kind.DSCP,
                "connlimit-above", Kind.UINT16, "state", Kind.STATE);
        if (ports) {
            m.putAll(ordered("srcportstart", Kind.PORT, "srcportend", Kind.PORT, "dstportstart", Kind.PORT,
                    "dstportend", Kind.PORT));
        }
        m.putAll(ordered(own));
        return m;
    }

    /** Whether a protocol of the IP layer is one of IPv6 (its rules go to IPv6 packets only). */
    public boolean ipv6() {
        return element.endsWith("-ipv6") || this == ICMPV6;
    }

    /** nftables' name of the layer-4 protocol of an IP-layer rule; null for {@code all} (every protocol). */
    public String l4() {
        if (ethernet || this == ALL || this == ALL_IPV6) {
            return null;
        }
        return this == ICMPV6 ? "icmpv6" : element.replace("-ipv6", "");
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
