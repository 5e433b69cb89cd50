package org.jvirt.driver.nwfilter.fw;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Errors;
import org.jvirt.driver.nwfilter.conf.Kind;
import org.jvirt.driver.nwfilter.conf.Protocol;

/**
 * One instantiated rule as the match part of a bridge-family nftables rule. As libvirt's ebtables layer, an
 * {@code inout} rule is written swapped (source for destination) in the chain of what the guest sends, and
 * {@code match='no'} negates every attribute. RARP has no nftables expression of its own: its header fields are
 * matched at their offsets in the ARP layout.
 */
final class NftMatch {

    private NftMatch() {
    }

    /** The ether type of a protocol chain prefix, as libvirt's jump from the root chain tests it. */
    static String chainDispatch(String chain) {
        for (String[] p : new String[][] {{"mac", ""}, {"stp", "ether daddr 01:80:c2:00:00:00 "},
                {"vlan", "ether type 0x8100 "}, {"arp", "ether type 0x0806 "}, {"rarp", "ether type 0x8035 "},
                {"ipv4", "ether type 0x0800 "}, {"ipv6", "ether type 0x86dd "}}) {
            if (chain.startsWith(p[0]) && !(p[0].equals("arp") && chain.startsWith("rarp"))) {
                return p[1];
            }
        }
        return "";
    }

    /** The match expressions of a rule in the chain of traffic from the guest ({@code fromGuest}) or to it. */
    static String of(RuleInst r, boolean fromGuest) {
        Protocol p = r.rule().protocol();
        if (p == null) {
            return "";
        }
        if (!p.ethernet()) {
            throw Errors.of(ErrorNumber.NO_SUPPORT, "protocol '%s' (an iptables-layer rule) is not supported by "
                    + "this nwfilter driver, which filters at the bridge", p.element());
        }
        if (p == Protocol.STP) {
            throw Errors.of(ErrorNumber.NO_SUPPORT, "protocol 'stp' is not supported by this nwfilter driver");
        }
        boolean rev = fromGuest && r.rule().direction() == org.jvirt.driver.nwfilter.conf.Direction.INOUT;
        String op = r.rule().negate() ? "!= " : "";
        Map<String, String> v = r.values();
        List<String> m = new ArrayList<>();
        switch (p) {
            case VLAN -> m.add("ether type 0x8100");
            case ARP -> m.add("ether type 0x0806");
            case RARP -> m.add("ether type 0x8035");
            case IP -> m.add("ether type 0x0800");
            case IPV6 -> m.add("ether type 0x86dd");
            default -> {
            }
        }
        mac(m, "ether " + (rev ? "daddr" : "saddr"), lit(v, "srcmacaddr", Kind.MAC),
                lit(v, "srcmacmask", Kind.MAC_MASK), op);
        mac(m, "ether " + (rev ? "saddr" : "daddr"), lit(v, "dstmacaddr", Kind.MAC),
                lit(v, "dstmacmask", Kind.MAC_MASK), op);
        switch (p) {
            case MAC -> add(m, "ether type", op, lit(v, "protocolid", Kind.ETHERTYPE));
            case VLAN -> {
                add(m, "vlan id", op, lit(v, "vlanid", Kind.UINT16));
                add(m, "vlan type", op, lit(v, "encap-protocol", Kind.ETHERTYPE));
            }
            case ARP -> arp(m, v, rev, op);
            case RARP -> rarp(m, v, rev, op);
            case IP, IPV6 -> ip(m, v, rev, op, p == Protocol.IP);
            default -> {
            }
        }
        return String.join(" ", m) + (m.isEmpty() ? "" : " ");
    }

    private static void arp(List<String> m, Map<String, String> v, boolean rev, String op) {
        if (v.containsKey("gratuitous")) {
            throw Errors.of(ErrorNumber.NO_SUPPORT, "the arp attribute 'gratuitous' is not supported by this "
                    + "nwfilter driver");
        }
        add(m, "arp htype", op, lit(v, "hwtype", Kind.UINT16));
        add(m, "arp ptype", op, hex16(lit(v, "protocoltype", Kind.UINT16)));
        add(m, "arp operation", op, lit(v, "opcode", Kind.ARP_OPCODE));
        add(m, "arp " + (rev ? "daddr" : "saddr") + " ether", op, lit(v, "arpsrcmacaddr", Kind.MAC));
        add(m, "arp " + (rev ? "saddr" : "daddr") + " ether", op, lit(v, "arpdstmacaddr", Kind.MAC));
        add(m, "arp " + (rev ? "daddr" : "saddr") + " ip", op,
                v4(lit(v, "arpsrcipaddr", Kind.IPV4), lit(v, "arpsrcipmask", Kind.IPV4_MASK)));
        add(m, "arp " + (rev ? "saddr" : "daddr") + " ip", op,
                v4(lit(v, "arpdstipaddr", Kind.IPV4), lit(v, "arpdstipmask", Kind.IPV4_MASK)));
    }

    /** RARP: the ARP header at the network header; offsets and widths in bits. */
    private static void rarp(List<String> m, Map<String, String> v, boolean rev, String op) {
        raw(m, 0, 16, op, lit(v, "hwtype", Kind.UINT16));
        raw(m, 16, 16, op, lit(v, "protocoltype", Kind.UINT16));
        raw(m, 48, 16, op, lit(v, "opcode", Kind.ARP_OPCODE));
        rawMac(m, rev ? 144 : 64, op, lit(v, "arpsrcmacaddr", Kind.MAC));
        rawMac(m, rev ? 64 : 144, op, lit(v, "arpdstmacaddr", Kind.MAC));
        rawIp(m, rev ? 192 : 112, op, lit(v, "arpsrcipaddr", Kind.IPV4), lit(v, "arpsrcipmask", Kind.IPV4_MASK));
        rawIp(m, rev ? 112 : 192, op, lit(v, "arpdstipaddr", Kind.IPV4), lit(v, "arpdstipmask", Kind.IPV4_MASK));
    }

    private static void ip(List<String> m, Map<String, String> v, boolean rev, String op, boolean v4) {
        String fam = v4 ? "ip" : "ip6";
        Kind a = v4 ? Kind.IPV4 : Kind.IPV6;
        Kind k = v4 ? Kind.IPV4_MASK : Kind.IPV6_MASK;
        String src = v4 ? v4(lit(v, "srcipaddr", a), lit(v, "srcipmask", k))
                : v6(lit(v, "srcipaddr", a), lit(v, "srcipmask", k));
        String dst = v4 ? v4(lit(v, "dstipaddr", a), lit(v, "dstipmask", k))
                : v6(lit(v, "dstipaddr", a), lit(v, "dstipmask", k));
        add(m, fam + (rev ? " daddr" : " saddr"), op, src);
        add(m, fam + (rev ? " saddr" : " daddr"), op, dst);
        String proto = protocolName(lit(v, "protocol", Kind.IP_PROTOCOL));
        add(m, fam + (v4 ? " protocol" : " nexthdr"), op, proto);
        if (proto != null) {
            String sp = range(lit(v, "srcportstart", Kind.PORT), lit(v, "srcportend", Kind.PORT));
            String dp = range(lit(v, "dstportstart", Kind.PORT), lit(v, "dstportend", Kind.PORT));
            add(m, proto + (rev ? " dport" : " sport"), op, sp);
            add(m, proto + (rev ? " sport" : " dport"), op, dp);
        }
        if (v4) {
            add(m, "ip dscp", op, lit(v, "dscp", Kind.UINT8));
        } else {
            add(m, "ip6 dscp", op, lit(v, "dscp", Kind.UINT8));
        }
    }

    private static String protocolName(String p) {
        if (p == null) {
            return null;
        }
        return switch (p) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "132" -> "sctp";
            case "136" -> "udplite";
            default -> p;
        };
    }

    private static String range(String start, String end) {
        if (start == null) {
            return null;
        }
        return end == null || end.equals(start) ? start : start + "-" + end;
    }

    private static String lit(Map<String, String> v, String attr, Kind kind) {
        String s = v.get(attr);
        if (s == null) {
            return null;
        }
        String c = kind.canonical(s);
        if (c == null) {
            throw Errors.of(ErrorNumber.INTERNAL_ERROR, "%s has illegal value %s", attr, s);
        }
        return c;
    }

    private static void add(List<String> m, String field, String op, String value) {
        if (value != null) {
            m.add(field + " " + op + value);
        }
    }

    private static void mac(List<String> m, String field, String mac, String mask, String op) {
        if (mac == null) {
            return;
        }
        if (mask == null || mask.equals("ff:ff:ff:ff:ff:ff")) {
            m.add(field + " " + op + mac);
        } else {
            m.add(field + " & " + mask + " " + (op.isEmpty() ? "== " : op) + andMac(mac, mask));
        }
    }

    private static String andMac(String mac, String mask) {
        String[] a = mac.split(":");
        String[] b = mask.split(":");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            s.append(i == 0 ? "" : ":").append(String.format("%02x",
                    Integer.parseInt(a[i], 16) & Integer.parseInt(b[i], 16)));
        }
        return s.toString();
    }

    private static String v4(String addr, String prefix) {
        if (addr == null) {
            return null;
        }
        if (prefix == null || prefix.equals("32")) {
            return addr;
        }
        int len = Integer.parseInt(prefix);
        return org.jvirt.driver.nwfilter.conf.Addresses.v4Network(addr, len) + "/" + len;
    }

    private static String v6(String addr, String prefix) {
        return addr == null ? null : prefix == null || prefix.equals("128") ? addr : addr + "/" + prefix;
    }

    private static String hex16(String n) {
        return n == null ? null : String.format("0x%04x", Integer.parseInt(n));
    }

    private static void raw(List<String> m, int offset, int bits, String op, String value) {
        if (value != null) {
            m.add("@nh," + offset + "," + bits + " " + op + value);
        }
    }

    private static void rawMac(List<String> m, int offset, String op, String mac) {
        if (mac != null) {
            m.add("@nh," + offset + ",48 " + op + "0x" + mac.replace(":", ""));
        }
    }

    private static void rawIp(List<String> m, int offset, String op, String ip, String prefix) {
        if (ip == null) {
            return;
        }
        String[] b = ip.split("\\.");
        long n = (Long.parseLong(b[0]) << 24) | (Long.parseLong(b[1]) << 16) | (Long.parseLong(b[2]) << 8)
                | Long.parseLong(b[3]);
        int len = prefix == null ? 32 : Integer.parseInt(prefix);
        long mask = len == 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
        if (len == 32) {
            m.add("@nh," + offset + ",32 " + op + String.format("0x%08x", n));
        } else {
            m.add("@nh," + offset + ",32 & " + String.format("0x%08x", mask) + " " + (op.isEmpty() ? "== " : op)
                    + String.format("0x%08x", n & mask));
        }
    }
}
