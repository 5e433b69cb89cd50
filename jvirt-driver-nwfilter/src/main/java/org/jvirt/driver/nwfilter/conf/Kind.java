package org.jvirt.driver.nwfilter.conf;

import java.util.Map;

/** The type of a rule attribute's value: how a literal is checked and written for nftables. */
public enum Kind {
    MAC, MAC_MASK, IPV4, IPV4_MASK, IPV6, IPV6_MASK, UINT8, UINT16, PORT, ETHERTYPE, ARP_OPCODE, IP_PROTOCOL,
    BOOLEAN, STRING;

    /** libvirt's names of the ARP opcodes (the protocol's numbers). */
    private static final Map<String, Integer> OPCODES = Map.of("request", 1, "reply", 2, "request_reverse", 3,
            "reply_reverse", 4, "drarp_request", 5, "drarp_reply", 6, "drarp_error", 7, "inarp_request", 8,
            "arp_nak", 10);

    /** The names libvirt accepts for ether types in {@code protocolid} / {@code encap-protocol}. */
    private static final Map<String, Integer> ETHERTYPES = Map.of("arp", 0x0806, "rarp", 0x8035, "ipv4", 0x0800,
            "ipv6", 0x86dd);

    /**
     * The value in nftables' words, or null when it is not valid for this kind. Masks come out as prefix
     * lengths; numbers in decimal (ether types in hex).
     */
    public String canonical(String v) {
        String s = v.trim();
        try {
            return switch (this) {
                case MAC, MAC_MASK -> s.matches("(?i)[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}") ? mac(s) : null;
                case IPV4 -> Addresses.v4(s) == null ? null : s;
                case IPV4_MASK -> Addresses.v4Prefix(s);
                case IPV6 -> Addresses.v6(s) == null ? null : Addresses.v6(s);
                case IPV6_MASK -> Addresses.v6Prefix(s);
                case UINT8 -> range(number(s), 0xff);
                case UINT16, PORT -> range(number(s), 0xffff);
                case ETHERTYPE -> {
                    Integer t = ETHERTYPES.get(s.toLowerCase());
                    int n = t != null ? t : number(s);
                    yield n < 0x600 || n > 0xffff ? null : String.format("0x%04x", n);
                }
                case ARP_OPCODE -> {
                    Integer op = OPCODES.get(s.toLowerCase());
                    yield op != null ? op.toString() : range(number(s), 0xffff);
                }
                case IP_PROTOCOL -> s.matches("tcp|udp|udplite|esp|ah|icmp|igmp|sctp|icmpv6") ? s
                        : range(number(s), 0xff);
                case BOOLEAN -> s.matches("true|false|yes|no|1|0") ? s : null;
                case STRING -> s;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int number(String s) {
        return s.startsWith("0x") || s.startsWith("0X") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }

    private static String range(int n, int max) {
        return n < 0 || n > max ? null : Integer.toString(n);
    }

    private static String mac(String s) {
        StringBuilder b = new StringBuilder();
        for (String p : s.toLowerCase().split(":")) {
            b.append(b.isEmpty() ? "" : ":").append(p.length() == 1 ? "0" + p : p);
        }
        return b.toString();
    }
}
