package org.jvirt.driver.nwfilter.conf;

import java.util.Map;

/** The type of a rule attribute's value: how a literal is checked and written for nftables. */
public enum Kind {
    MAC, MAC_MASK, IPV4, IPV4_MASK, IPV6, IPV6_MASK, UINT8, UINT16, PORT, ETHERTYPE, ARP_OPCODE, IP_PROTOCOL,
    BOOLEAN, STRING, DSCP, STATE, TCP_FLAGS;

    /** libvirt's connection states (stateMatchMap), in its bit order: how it reads and writes them. */
    private static final java.util.List<String> STATES = java.util.List.of("NEW", "ESTABLISHED", "RELATED", "INVALID",
            "NONE");

    /** libvirt's TCP flag names (tcpFlags), bit i is the i-th; ALL and NONE stand for all or none of them. */
    private static final java.util.List<String> TCP_FLAG_NAMES = java.util.List.of("FIN", "SYN", "RST", "PSH", "ACK",
            "URG");

    /** libvirt's names of the ARP opcodes (arpOpcodeMap: the protocol's numbers), as it writes them. */
    private static final Map<Integer, String> OPCODES = Map.of(1, "Request", 2, "Reply", 3, "Request_Reverse",
            4, "Reply_Reverse", 5, "DRARP_Request", 6, "DRARP_Reply", 7, "DRARP_Error", 8, "InARP_Request",
            9, "ARP_NAK");

    /** The names libvirt gives ether types in {@code protocolid} / {@code encap-protocol} (macProtoMap). */
    private static final Map<Integer, String> ETHERTYPES = Map.of(0x0806, "arp", 0x8035, "rarp", 0x0800, "ipv4",
            0x86dd, "ipv6");

    /** libvirt's names of IP protocols (ipProtoMap). */
    private static final Map<Integer, String> IP_PROTOCOLS = Map.of(6, "tcp", 17, "udp", 136, "udplite", 50, "esp",
            51, "ah", 1, "icmp", 2, "igmp", 132, "sctp", 58, "icmpv6");

    /** The number of a name in one of the tables (case-insensitive, as libvirt reads them), or null. */
    private static Integer byName(Map<Integer, String> table, String name) {
        for (Map.Entry<Integer, String> e : table.entrySet()) {
            if (e.getValue().equalsIgnoreCase(name)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** A name of a table or a number (decimal or 0x hex); null when neither. */
    private static Integer numberOrName(Map<Integer, String> table, String s) {
        Integer n = byName(table, s);
        return n != null ? n : number(s);
    }

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
                    int n = numberOrName(ETHERTYPES, s);
                    yield n < 0x600 || n > 0xffff ? null : String.format("0x%04x", n);
                }
                case ARP_OPCODE -> range(numberOrName(OPCODES, s), 0xffff);
                case IP_PROTOCOL -> {
                    String name = IP_PROTOCOLS.get(numberOrName(IP_PROTOCOLS, s));
                    yield name != null ? name : range(numberOrName(IP_PROTOCOLS, s), 0xff);
                }
                case BOOLEAN -> s.matches("true|false|yes|no|1|0") ? s : null;
                case STRING -> s;
                case DSCP -> range(number(s), 63);
                case STATE -> states(s);
                case TCP_FLAGS -> tcpFlags(s);
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A literal as libvirt writes it back (virNWFilterRuleDefDetailsFormat): masks as prefix lengths, addresses
     * and MACs in canonical form, numbers given in hex stay hex, names stay names.
     */
    public String display(String v) {
        String s = v.trim();
        return switch (this) {
            case MAC, MAC_MASK, IPV4_MASK, IPV6, IPV6_MASK -> canonical(s);
            case ETHERTYPE -> named(ETHERTYPES, s);
            case ARP_OPCODE -> named(OPCODES, s);
            case IP_PROTOCOL -> named(IP_PROTOCOLS, s);
            case UINT8, UINT16, PORT, DSCP -> hexOrDecimal(s, number(s));
            case BOOLEAN -> s.matches("true|yes|1") ? "true" : "false";
            case STATE, TCP_FLAGS -> canonical(s);
            case IPV4, STRING -> s;
        };
    }

    /** parseStateMatch: a comma list of libvirt's state names (any case); NONE alone wins; written in bit order. */
    private static String states(String s) {
        int flags = items(STATES, s);
        if (flags <= 0) {
            return null;
        }
        if ((flags & (1 << STATES.indexOf("NONE"))) != 0) {
            return "NONE";
        }
        return names(STATES, flags);
    }

    /** tcpFlagsValidator: MASK/FLAGS, each a comma list of flag names (ALL, NONE); written as libvirt does. */
    private static String tcpFlags(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        int mask = flagItems(s.substring(0, slash));
        int flags = flagItems(s.substring(slash + 1));
        return mask < 0 || flags < 0 ? null : flagNames(mask) + "/" + flagNames(flags);
    }

    private static int flagItems(String s) {
        int out = 0;
        for (String item : s.split(",")) {
            String t = item.trim().toUpperCase(java.util.Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            if (t.equals("ALL")) {
                out |= 0x3f;
            } else if (!t.equals("NONE")) {
                int i = TCP_FLAG_NAMES.indexOf(t);
                if (i < 0) {
                    return -1;
                }
                out |= 1 << i;
            }
        }
        return out;
    }

    private static String flagNames(int flags) {
        return flags == 0 ? "NONE" : flags == 0x3f ? "ALL" : names(TCP_FLAG_NAMES, flags);
    }

    /** The bits of a comma list of names (any case); -1 when one is unknown. */
    private static int items(java.util.List<String> table, String s) {
        int out = 0;
        for (String item : s.split(",")) {
            String t = item.trim().toUpperCase(java.util.Locale.ROOT);
            if (t.isEmpty()) {
                continue;
            }
            int i = table.indexOf(t);
            if (i < 0) {
                return -1;
            }
            out |= 1 << i;
        }
        return out;
    }

    private static String names(java.util.List<String> table, int flags) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            if ((flags & (1 << i)) != 0) {
                out.add(table.get(i));
            }
        }
        return String.join(",", out);
    }

    /** libvirt's formatters: the table's name for a known number, else the number as it was given. */
    private static String named(Map<Integer, String> table, String s) {
        int n = numberOrName(table, s);
        String name = table.get(n);
        return name != null ? name : hexOrDecimal(s, n);
    }

    private static String hexOrDecimal(String given, int n) {
        return given.startsWith("0x") || given.startsWith("0X") ? "0x" + Integer.toHexString(n) : Integer.toString(n);
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
