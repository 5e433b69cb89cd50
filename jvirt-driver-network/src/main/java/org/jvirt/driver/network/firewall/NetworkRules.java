package org.jvirt.driver.network.firewall;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.network.conf.ForwardMode;
import org.jvirt.driver.network.conf.NetworkDef;

/**
 * The nftables rules of one network, in the layout libvirt 10's nftables backend uses (per family a table with
 * a {@code forward} base chain jumping to {@code guest_output}, {@code guest_input}, {@code guest_cross}, and a
 * {@code guest_nat} postrouting chain), in jvirt's own table. Accept rules are inserted at the head of their
 * chain and the bridge's reject rules appended, so that every network's accepts come before any network's
 * rejects. libvirt 9.0 writes the same policy with iptables. Pure: a definition in, rule lines out.
 */
public final class NetworkRules {

    /** jvirt's table, in the ip and ip6 families; libvirt's own is libvirt_network, so the two never mix. */
    public static final String TABLE = "jvirt_network";

    /** libvirt's default source port range for masquerading TCP and UDP. */
    private static final String DEFAULT_PORTS = "1024-65535";

    private NetworkRules() {
    }

    /** One rule: its family, chain, whether it goes to the head of the chain, and its nft text after the chain. */
    public record Line(String family, String chain, boolean insert, String rule) {
        public String command() {
            return (insert ? "insert" : "add") + " rule " + family + " " + TABLE + " " + chain + " " + rule;
        }
    }

    /** The families ("ip", "ip6") a network puts rules in. */
    public static List<String> families(NetworkDef def) {
        List<String> out = new ArrayList<>();
        for (Line l : of(def)) {
            if (!out.contains(l.family())) {
                out.add(l.family());
            }
        }
        return out;
    }

    /** The base chains and jumps of a family's table, made when the first network needs it. */
    public static String tableSetup(String family) {
        String t = family + " " + TABLE;
        return "add table " + t + "\n"
                + "add chain " + t + " forward { type filter hook forward priority filter; policy accept; }\n"
                + "add chain " + t + " guest_output\n"
                + "add chain " + t + " guest_input\n"
                + "add chain " + t + " guest_cross\n"
                + "add chain " + t + " guest_nat { type nat hook postrouting priority srcnat; policy accept; }\n"
                + "add rule " + t + " forward counter jump guest_cross\n"
                + "add rule " + t + " forward counter jump guest_input\n"
                + "add rule " + t + " forward counter jump guest_output\n";
    }

    public static List<Line> of(NetworkDef def) {
        List<Line> out = new ArrayList<>();
        ForwardMode mode = def.forward();
        if (!mode.ownBridge() || mode == ForwardMode.OPEN) {
            return out;
        }
        String br = quote(def.bridge());
        String dev = def.forwardDev() == null ? null : quote(def.forwardDev());
        List<String> families = new ArrayList<>();
        for (NetworkDef.IpDef ip : def.ips()) {
            String fam = ip.v6() ? "ip6" : "ip";
            if (!families.contains(fam)) {
                families.add(fam);
            }
            String net = ip.subnet().cidr();
            String addr = ip.v6() ? "ip6" : "ip";
            if (mode == ForwardMode.NAT && !ip.v6()) {
                out.add(new Line(fam, "guest_output", true, "iifname " + br + (dev == null ? "" : " oifname " + dev)
                        + " " + addr + " saddr " + net + " counter accept"));
                out.add(new Line(fam, "guest_input", true, "oifname " + br + (dev == null ? "" : " iifname " + dev)
                        + " " + addr + " daddr " + net + " ct state related,established counter accept"));
                String out4 = dev == null ? "" : " oifname " + dev;
                out.add(new Line(fam, "guest_nat", true, addr + " saddr " + net + " " + addr + " daddr 224.0.0.0/24"
                        + out4 + " counter return"));
                out.add(new Line(fam, "guest_nat", true, addr + " saddr " + net + " " + addr
                        + " daddr 255.255.255.255/32" + out4 + " counter return"));
                String ports = def.natPortStart() > 0 || def.natPortEnd() > 0
                        ? def.natPortStart() + "-" + def.natPortEnd() : DEFAULT_PORTS;
                String target = def.natAddrStart() != null
                        ? "snat to " + def.natAddrStart()
                        + (def.natAddrEnd() != null && !def.natAddrEnd().equals(def.natAddrStart())
                        ? "-" + def.natAddrEnd() : "")
                        : "masquerade";
                String toPorts = def.natAddrStart() != null ? ":" + ports : " to :" + ports;
                for (String proto : List.of("tcp", "udp")) {
                    out.add(new Line(fam, "guest_nat", true, "meta l4proto " + proto + " " + addr + " saddr " + net
                            + " " + addr + " daddr != " + net + out4 + " counter " + target + toPorts));
                }
                out.add(new Line(fam, "guest_nat", true, addr + " saddr " + net + " " + addr + " daddr != " + net
                        + out4 + " counter " + target));
            } else if (mode == ForwardMode.NAT || mode == ForwardMode.ROUTE) {
                out.add(new Line(fam, "guest_output", true, "iifname " + br + (dev == null ? "" : " oifname " + dev)
                        + " " + addr + " saddr " + net + " counter accept"));
                out.add(new Line(fam, "guest_input", true, "oifname " + br + (dev == null ? "" : " iifname " + dev)
                        + " " + addr + " daddr " + net + " counter accept"));
            }
        }
        if (families.isEmpty()) {
            families.add("ip"); // an isolated network without addresses still keeps its guests in
        }
        for (String fam : families) {
            out.add(new Line(fam, "guest_cross", true, "iifname " + br + " oifname " + br + " counter accept"));
            out.add(new Line(fam, "guest_output", false, "iifname " + br + " counter reject"));
            out.add(new Line(fam, "guest_input", false, "oifname " + br + " counter reject"));
        }
        return out;
    }

    private static String quote(String ifname) {
        return "\"" + ifname.replace("\"", "") + "\"";
    }
}
