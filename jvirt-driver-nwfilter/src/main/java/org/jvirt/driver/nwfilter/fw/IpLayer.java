package org.jvirt.driver.nwfilter.fw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Direction;
import org.jvirt.driver.nwfilter.conf.Errors;
import org.jvirt.driver.nwfilter.conf.Kind;
import org.jvirt.driver.nwfilter.conf.Protocol;

/**
 * The rules libvirt gives to iptables/ip6tables ({@code tcp}, {@code udp}, {@code icmp}, {@code all}, ... and
 * their {@code -ipv6} twins), as inet-family nftables rules with connection tracking, following
 * nwfilter_ebiptables_driver.c's iptablesCreateRuleInstance rule by rule. libvirt writes each rule into three
 * chains of the port: {@code FI-dev} (what the guest sends, forwarded; accept returns), {@code FO-dev} (what the
 * guest receives, bridged to it; accept accepts) and {@code HI-dev} (what the guest sends to the host itself;
 * accept returns), with the connection states that let replies pass the other way. Which port a packet came in
 * or goes out through is not visible to inet-family rules (iptables' physdev match has no nftables
 * counterpart), so the bridge table marks the packets of filtered ports and the inet base chains dispatch on
 * the mark ({@link BridgeFirewall}).
 */
final class IpLayer {

    private IpLayer() {
    }

    static String fi(String dev) {
        return "FI-" + dev;
    }

    static String fo(String dev) {
        return "FO-" + dev;
    }

    static String hi(String dev) {
        return "HI-" + dev;
    }

    /** Whether libvirt gives a rule to iptables (any rule with a protocol of the IP layer). */
    static boolean applies(RuleInst r) {
        return r.rule().protocol() != null && !r.rule().protocol().ethernet();
    }

    /** The three chains of a port, each in libvirt's order (root rules first, then by priority). */
    static Map<String, List<String>> chains(String dev, List<RuleInst> sorted) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> fi = new ArrayList<>();
        List<String> fo = new ArrayList<>();
        List<String> hi = new ArrayList<>();
        for (RuleInst r : sorted) {
            if (applies(r)) {
                rule(r, fi, fo, hi);
            }
        }
        if (!fi.isEmpty() || !fo.isEmpty() || !hi.isEmpty() || sorted.stream().anyMatch(IpLayer::applies)) {
            out.put(fi(dev), fi);
            out.put(fo(dev), fo);
            out.put(hi(dev), hi);
        }
        return out;
    }

    /** iptablesCreateRuleInstance and its StateCtrl variant: a rule's lines in the three chains. */
    private static void rule(RuleInst r, List<String> fi, List<String> fo, List<String> hi) {
        Direction d = r.rule().direction();
        boolean dirIn = d == Direction.IN || d == Direction.INOUT;
        boolean inout = d == Direction.INOUT;
        String state = r.values().get("state") == null ? null : Kind.STATE.canonical(r.values().get("state"));
        if (r.values().containsKey("state") && state == null) {
            throw Errors.of(ErrorNumber.INTERNAL_ERROR, "state has illegal value %s", r.values().get("state"));
        }
        if (!r.rule().noStateMatch() && state != null) {
            String match = state.equals("NONE") ? null : state;
            if (!(dirIn && !inout)) {
                add(fi, line(r, dirIn, match, false, "return", dirIn || inout));
            }
            if (dirIn) {
                add(fo, line(r, !dirIn, match, false, "accept", !dirIn || inout));
            }
            if (!(dirIn && !inout)) {
                add(hi, line(r, dirIn, match, false, "return", dirIn));
            }
            return;
        }
        boolean needState = !inout && !r.rule().noStateMatch();
        String toHost = needState ? (dirIn ? "ESTABLISHED" : "NEW,ESTABLISHED") : null;
        String toGuest = needState ? (dirIn ? "NEW,ESTABLISHED" : "ESTABLISHED") : null;
        add(fi, line(r, dirIn, toHost, true, "return", dirIn || inout));
        add(fo, line(r, !dirIn, toGuest, true, "accept", !dirIn || inout));
        add(hi, line(r, dirIn, toHost, true, "return", dirIn));
    }

    private static void add(List<String> chain, String line) {
        if (line != null) {
            chain.add(line);
        }
    }

    /**
     * _iptablesCreateRuleInstance: one rule in one chain, or null where libvirt writes none (a source MAC in a
     * chain that sees the guest's peer as source and nothing else to match, a connection limit on replies, an
     * ICMP type in a chain that may skip it).
     *
     * @param dirIn      whether the chain sees the rule's source as the packet's destination (attributes swapped)
     * @param match      the connection states to match, or null
     * @param defMatch   whether the states are libvirt's defaults (then not for drop/reject, and with a direction)
     * @param acceptTo   the verdict of accept in this chain
     */
    private static String line(RuleInst r, boolean dirIn, String match, boolean defMatch, String acceptTo,
                               boolean maySkipIcmp) {
        Protocol p = r.rule().protocol();
        Map<String, String> v = r.values();
        String op = r.rule().negate() ? "!= " : "";
        boolean v6 = p.ipv6();
        String fam = v6 ? "ip6" : "ip";
        List<String> m = new ArrayList<>();
        m.add("meta nfproto " + (v6 ? "ipv6" : "ipv4"));
        if (p.l4() != null) {
            m.add("meta l4proto " + p.l4());
        }
        int base = m.size();
        boolean macSkipped = false;
        boolean skipRule = false;
        boolean skipMatch = false;
        boolean icmpType = false;
        String mac = lit(v, "srcmacaddr", Kind.MAC);
        if (mac != null) {
            if (dirIn) {
                macSkipped = true;
            } else {
                m.add("ether saddr " + op + mac);
            }
        }
        Kind addr = v6 ? Kind.IPV6 : Kind.IPV4;
        Kind mask = v6 ? Kind.IPV6_MASK : Kind.IPV4_MASK;
        String src = fam + (dirIn ? " daddr " : " saddr ");
        String dst = fam + (dirIn ? " saddr " : " daddr ");
        address(m, src, op, v6, lit(v, "srcipaddr", addr), lit(v, "srcipmask", mask), lit(v, "srcipfrom", addr),
                lit(v, "srcipto", addr));
        address(m, dst, op, v6, lit(v, "dstipaddr", addr), lit(v, "dstipmask", mask), lit(v, "dstipfrom", addr),
                lit(v, "dstipto", Kind.IPV4));
        String dscp = lit(v, "dscp", Kind.DSCP);
        if (dscp != null) {
            m.add(fam + " dscp " + op + dscp);
        }
        String connlimit = lit(v, "connlimit-above", Kind.UINT16);
        if (connlimit != null) {
            if (dirIn) {
                skipRule = true; // libvirt limits connections only in the direction they are opened
            } else {
                skipMatch = true;
            }
        }
        String flags = lit(v, "flags", Kind.TCP_FLAGS);
        if (flags != null) {
            String[] mf = flags.split("/");
            m.add("tcp flags & (" + nftFlags(mf[0]) + ") " + (op.isEmpty() ? "== " : op) + nftFlags(mf[1]));
        }
        if (p.l4() != null && (p.l4().equals("tcp") || p.l4().equals("udp") || p.l4().equals("sctp"))) {
            String sp = range(lit(v, "srcportstart", Kind.PORT), lit(v, "srcportend", Kind.PORT));
            String dp = range(lit(v, "dstportstart", Kind.PORT), lit(v, "dstportend", Kind.PORT));
            if (sp != null) {
                m.add(p.l4() + (dirIn ? " dport " : " sport ") + op + sp);
            }
            if (dp != null) {
                m.add(p.l4() + (dirIn ? " sport " : " dport ") + op + dp);
            }
        }
        String option = lit(v, "option", Kind.UINT8);
        if (option != null) {
            m.add("tcp option " + option + (op.isEmpty() ? " exists" : " missing"));
        }
        String type = lit(v, "type", Kind.UINT8);
        if (type != null) {
            icmpType = true;
            if (maySkipIcmp) {
                return null;
            }
            String code = lit(v, "code", Kind.UINT8);
            String proto = p == Protocol.ICMP ? "icmp" : "icmpv6";
            if (code == null) {
                m.add(proto + " type " + op + type);
            } else if (op.isEmpty()) {
                m.add(proto + " type " + type + " " + proto + " code " + code);
            } else {
                m.add(proto + " type . " + proto + " code != { " + type + " . " + code + " }");
            }
        }
        if ((macSkipped && m.size() == base) || skipRule) {
            return null;
        }
        String verdict;
        if (r.rule().action() == org.jvirt.driver.nwfilter.conf.Action.ACCEPT) {
            verdict = acceptTo;
        } else {
            verdict = switch (r.rule().action()) {
                case DROP -> "drop";
                case REJECT -> "reject"; // iptables' REJECT: an ICMP error (TCP: a reset is not libvirt's default)
                case RETURN -> "return";
                default -> "continue";
            };
            skipMatch = defMatch;
        }
        if (match != null && !skipMatch) {
            m.add("ct state " + match.toLowerCase(java.util.Locale.ROOT));
            if (defMatch && !icmpType && r.rule().direction() != Direction.INOUT) {
                m.add("ct direction " + (dirIn ? "reply" : "original"));
            }
        }
        if (connlimit != null && !dirIn) {
            m.add(op.isEmpty() ? "ct count over " + connlimit : "ct count " + connlimit);
        }
        String line = String.join(" ", m) + " " + verdict;
        String comment = v.get("comment");
        if (comment != null) {
            // nftables keeps at most 128 bytes of a comment (libvirt lets iptables keep 256)
            String c = comment.replace("\\", "").replace("\"", "'");
            while (c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 127) {
                c = c.substring(0, c.length() - 1);
            }
            line += " comment \"" + c + "\"";
        }
        return line;
    }

    private static void address(List<String> m, String field, String op, boolean v6, String addr, String mask,
                                String from, String to) {
        if (addr != null) {
            if (mask == null || mask.equals(v6 ? "128" : "32")) {
                m.add(field + op + addr);
            } else if (v6) {
                int len = Integer.parseInt(mask);
                m.add(field + op + org.jvirt.driver.nwfilter.conf.Addresses.v6Network(addr, len) + "/" + len);
            } else {
                int len = Integer.parseInt(mask);
                m.add(field + op + org.jvirt.driver.nwfilter.conf.Addresses.v4Network(addr, len) + "/" + len);
            }
        } else if (from != null) {
            m.add(field + op + (to == null ? from : from + "-" + to));
        }
    }

    /** libvirt's flag names (FIN,SYN / ALL / NONE) in nftables' words. */
    private static String nftFlags(String names) {
        return switch (names) {
            case "NONE" -> "0x0";
            case "ALL" -> "fin|syn|rst|psh|ack|urg";
            default -> names.toLowerCase(java.util.Locale.ROOT).replace(',', '|');
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
}
