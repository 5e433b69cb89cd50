package org.jvirt.driver.nwfilter.fw;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Errors;

/**
 * The driver's nftables table, {@code bridge jvirt_nwfilter}: a prerouting base chain that sends each filtered
 * port's frames ({@code iifname}) to its {@code I-} chain and a postrouting one that sends frames leaving
 * through the port ({@code oifname}) to its {@code O-} chain, as libvirt hooks its ebtables chains into
 * PREROUTING and POSTROUTING. Every change to a port is one {@code nft -f} transaction: a rebuild flushes the
 * port's chains and refills them, so no frame ever sees half a filter. The table goes with the last port.
 * Callers hold the driver's lock.
 */
public final class BridgeFirewall {

    public static final String TABLE = "jvirt_nwfilter";
    private static final String T = "bridge " + TABLE;
    /** The IP-layer rules' table (libvirt's iptables chains): inet, so that one rule set serves IPv4 and IPv6. */
    private static final String I = "inet " + TABLE;
    private static final Pattern ECHO = Pattern.compile(
            "^add rule bridge " + TABLE + " (prerouting|postrouting) .*# handle (\\d+)\\s*$");

    /** The learning set's name of a port. */
    public static String learnSet(String dev) {
        return "L-" + dev;
    }

    /**
     * Replaces what a port has with {@code layout} (and a learning set when {@code learning}); returns what the
     * port has now. All or nothing.
     */
    public PortRules apply(String dev, PortRules old, ChainLayout layout, boolean learning,
                           java.util.function.IntSupplier freeMark) {
        String digest = digest(layout, learning);
        if (old.inHandle() >= 0 && digest.equals(old.digest())) {
            return old;
        }
        boolean ip = !layout.inet().isEmpty();
        int mark = ip ? (old.mark() > 0 ? old.mark() : freeMark.getAsInt()) : 0;
        StringBuilder s = new StringBuilder();
        s.append("add table ").append(T).append('\n');
        s.append("add chain ").append(T)
                .append(" prerouting { type filter hook prerouting priority -300; policy accept; }\n");
        s.append("add chain ").append(T)
                .append(" postrouting { type filter hook postrouting priority 300; policy accept; }\n");
        Set<String> existing = old.chains();
        for (String c : existing) {
            s.append("flush chain ").append(T).append(' ').append(c).append('\n');
        }
        for (String c : existing) {
            if (!layout.chains().containsKey(c)) {
                s.append("delete chain ").append(T).append(' ').append(c).append('\n');
            }
        }
        if (old.learnSet() && !learning) {
            s.append("delete set ").append(T).append(' ').append(learnSet(dev)).append('\n');
        }
        if (learning && !old.learnSet()) {
            s.append("add set ").append(T).append(' ').append(learnSet(dev))
                    .append(" { type ipv4_addr; flags dynamic; }\n");
        }
        for (String c : layout.chains().keySet()) {
            s.append("add chain ").append(T).append(' ').append(c).append('\n');
        }
        // protocol chains first: a root chain's jumps need their targets
        List<String> names = new java.util.ArrayList<>(layout.chains().keySet());
        java.util.Collections.reverse(names);
        for (String c : names) {
            for (String line : layout.chains().get(c)) {
                s.append("add rule ").append(T).append(' ').append(c).append(' ').append(line).append('\n');
            }
        }
        ipLayer(s, dev, old.mark(), mark, layout.inet());
        boolean dispatch = old.inHandle() < 0;
        if (dispatch) {
            s.append("add rule ").append(T).append(" prerouting iifname \"").append(dev).append("\" jump ")
                    .append(layout.rootIn()).append('\n');
            s.append("add rule ").append(T).append(" postrouting oifname \"").append(dev).append("\" jump ")
                    .append(layout.rootOut()).append('\n');
        }
        Exec.Result r = Exec.run(List.of("nft", "--echo", "--handle", "-f", "-"), s.toString());
        if (r.exitCode() != 0) {
            throw Errors.of(ErrorNumber.INTERNAL_ERROR, "Failed to apply firewall rules %s: %s", dev, r.out());
        }
        long in = old.inHandle();
        long out = old.outHandle();
        if (dispatch) {
            for (String line : r.out().split("\n")) {
                Matcher m = ECHO.matcher(line.trim());
                if (m.matches() && line.contains("\"" + dev + "\"")) {
                    if (m.group(1).equals("prerouting")) {
                        in = Long.parseLong(m.group(2));
                    } else {
                        out = Long.parseLong(m.group(2));
                    }
                }
            }
        }
        if (ip) {
            bridgeNfCheck();
        }
        return new PortRules(in, out, new LinkedHashSet<>(layout.chains().keySet()), learning, digest, mark);
    }

    /**
     * The IP-layer part of a port (libvirt's iptables chains): its packets marked in the bridge table, before
     * br_netfilter hands bridged IP packets to the inet hooks (prerouting for what the guest sends, the bridge's
     * forward hook for what is bridged to it), and the inet base chains dispatching on the mark through verdict
     * maps to the port's FI-/FO-/HI- chains; an element per port, so that no handle needs keeping. The mark
     * takes bits 16-23 (from the port) and 24-31 (to the port), leaving the low bits other users of marks take.
     */
    private static void ipLayer(StringBuilder s, String dev, int oldMark, int mark, Map<String, List<String>> inet) {
        if (oldMark == 0 && mark == 0) {
            return;
        }
        s.append("add map ").append(T).append(" inport { type ifname : verdict; }\n");
        s.append("add map ").append(T).append(" outport { type ifname : verdict; }\n");
        s.append("add chain ").append(T).append(" markin { type filter hook prerouting priority -350; policy accept; }\n");
        s.append("add chain ").append(T).append(" markout { type filter hook forward priority -350; policy accept; }\n");
        s.append("add table ").append(I).append('\n');
        for (String m : List.of("fi", "fo", "hi")) {
            s.append("add map ").append(I).append(' ').append(m).append(" { type mark : verdict; }\n");
        }
        s.append("add set ").append(I).append(" inpost { type mark; }\n");
        s.append("add chain ").append(I).append(" forward { type filter hook forward priority -10; policy accept; }\n");
        s.append("add chain ").append(I).append(" input { type filter hook input priority -10; policy accept; }\n");
        if (oldMark == 0) {
            // the base chains' rules, once (a new table, or one whose only ports had none)
            s.append("flush chain ").append(T).append(" markin\n");
            s.append("add rule ").append(T).append(" markin iifname vmap @inport\n");
            s.append("flush chain ").append(T).append(" markout\n");
            s.append("add rule ").append(T).append(" markout oifname vmap @outport\n");
            s.append("flush chain ").append(I).append(" forward\n");
            s.append("add rule ").append(I).append(" forward meta mark & 0x00ff0000 vmap @fi\n");
            s.append("add rule ").append(I).append(" forward meta mark & 0xff000000 vmap @fo\n");
            s.append("add rule ").append(I).append(" forward meta mark & 0x00ff0000 @inpost accept\n");
            s.append("flush chain ").append(I).append(" input\n");
            s.append("add rule ").append(I).append(" input meta mark & 0x00ff0000 vmap @hi\n");
        }
        if (oldMark != 0 && oldMark != mark) {
            s.append(unmark(dev, oldMark));
        }
        if (mark == 0) {
            return;
        }
        if (oldMark != mark) {
            s.append("add chain ").append(T).append(' ').append(markIn(dev)).append('\n');
            s.append("add rule ").append(T).append(' ').append(markIn(dev)).append(" meta mark set meta mark & 0xff00ffff | ")
                    .append(hex(in(mark))).append('\n');
            s.append("add chain ").append(T).append(' ').append(markOut(dev)).append('\n');
            s.append("add rule ").append(T).append(' ').append(markOut(dev)).append(" meta mark set meta mark & 0x00ffffff | ")
                    .append(hex(out(mark))).append('\n');
            for (String c : inet.keySet()) {
                s.append("add chain ").append(I).append(' ').append(c).append('\n');
            }
        } else {
            for (String c : inet.keySet()) {
                s.append("flush chain ").append(I).append(' ').append(c).append('\n');
            }
        }
        for (Map.Entry<String, List<String>> c : inet.entrySet()) {
            for (String line : c.getValue()) {
                s.append("add rule ").append(I).append(' ').append(c.getKey()).append(' ').append(line).append('\n');
            }
        }
        if (oldMark != mark) {
            s.append("add element ").append(T).append(" inport { \"").append(dev).append("\" : jump ")
                    .append(markIn(dev)).append(" }\n");
            s.append("add element ").append(T).append(" outport { \"").append(dev).append("\" : jump ")
                    .append(markOut(dev)).append(" }\n");
            s.append("add element ").append(I).append(" fi { ").append(hex(in(mark))).append(" : jump ")
                    .append(IpLayer.fi(dev)).append(" }\n");
            s.append("add element ").append(I).append(" fo { ").append(hex(out(mark))).append(" : jump ")
                    .append(IpLayer.fo(dev)).append(" }\n");
            s.append("add element ").append(I).append(" hi { ").append(hex(in(mark))).append(" : jump ")
                    .append(IpLayer.hi(dev)).append(" }\n");
            s.append("add element ").append(I).append(" inpost { ").append(hex(in(mark))).append(" }\n");
        }
    }

    /** What {@link #ipLayer} gave a port, taken away: its elements first, then its chains. */
    private static String unmark(String dev, int mark) {
        StringBuilder s = new StringBuilder();
        s.append("delete element ").append(T).append(" inport { \"").append(dev).append("\" }\n");
        s.append("delete element ").append(T).append(" outport { \"").append(dev).append("\" }\n");
        s.append("delete element ").append(I).append(" fi { ").append(hex(in(mark))).append(" }\n");
        s.append("delete element ").append(I).append(" fo { ").append(hex(out(mark))).append(" }\n");
        s.append("delete element ").append(I).append(" hi { ").append(hex(in(mark))).append(" }\n");
        s.append("delete element ").append(I).append(" inpost { ").append(hex(in(mark))).append(" }\n");
        for (String c : List.of(markIn(dev), markOut(dev))) {
            s.append("flush chain ").append(T).append(' ').append(c).append('\n');
            s.append("delete chain ").append(T).append(' ').append(c).append('\n');
        }
        for (String c : List.of(IpLayer.fi(dev), IpLayer.fo(dev), IpLayer.hi(dev))) {
            s.append("flush chain ").append(I).append(' ').append(c).append('\n');
            s.append("delete chain ").append(I).append(' ').append(c).append('\n');
        }
        return s.toString();
    }

    private static String markIn(String dev) {
        return "M-" + dev;
    }

    private static String markOut(String dev) {
        return "N-" + dev;
    }

    private static int in(int mark) {
        return mark << 16;
    }

    private static int out(int mark) {
        return mark << 24;
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }

    /** The highest port mark id (8 bits of the packet mark each way). */
    public static final int MAX_MARK = 255;

    /** libvirt's iptablesCheckBridgeNFCallEnabled: bridged packets reach these rules only when the sysctl is on. */
    private static void bridgeNfCheck() {
        for (String f : List.of("bridge-nf-call-iptables", "bridge-nf-call-ip6tables")) {
            java.nio.file.Path p = java.nio.file.Path.of("/proc/sys/net/bridge", f);
            try {
                if (java.nio.file.Files.readString(p).strip().equals("0")) {
                    System.getLogger(BridgeFirewall.class.getName()).log(System.Logger.Level.WARNING,
                            "To enable ip" + (f.contains("ip6") ? "6" : "") + "tables filtering for the VM do "
                                    + "'echo 1 > " + p + "'");
                }
            } catch (java.io.IOException e) {
                // no br_netfilter: nothing to check
            }
        }
    }

    private static String digest(ChainLayout layout, boolean learning) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update((layout.chains() + "|" + layout.inet() + "|" + learning)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the table exists (a restarted driver trusts its recorded handles only then). */
    public boolean tableExists() {
        return Exec.run(List.of("nft", "list", "table", "bridge", TABLE), null).exitCode() == 0;
    }

    /**
     * Removes exactly what a port has: its two dispatch rules by handle, its chains and set; the table too when
     * {@code last}. What is already gone (someone flushed the ruleset) is no error.
     */
    public void remove(String dev, PortRules rules, boolean last) {
        if (last) {
            run("delete table " + T + "\n");
            run("add table " + I + "\ndelete table " + I + "\n");
            return;
        }
        StringBuilder s = new StringBuilder();
        if (rules.mark() > 0) {
            s.append(unmark(dev, rules.mark()));
        }
        if (rules.inHandle() >= 0) {
            s.append("delete rule ").append(T).append(" prerouting handle ").append(rules.inHandle()).append('\n');
        }
        if (rules.outHandle() >= 0) {
            s.append("delete rule ").append(T).append(" postrouting handle ").append(rules.outHandle()).append('\n');
        }
        for (String c : rules.chains()) {
            s.append("flush chain ").append(T).append(' ').append(c).append('\n');
        }
        for (String c : rules.chains()) {
            s.append("delete chain ").append(T).append(' ').append(c).append('\n');
        }
        if (rules.learnSet()) {
            s.append("delete set ").append(T).append(' ').append(learnSet(dev)).append('\n');
        }
        if (!run(s.toString())) {
            // something was gone already: the rest one by one, so nothing of ours stays behind
            for (String line : s.toString().split("\n")) {
                run(line + "\n");
            }
        }
    }

    /** The addresses a port's learning set holds now. */
    public List<String> learned(String dev) {
        Exec.Result r = Exec.run(List.of("nft", "list", "set", "bridge", TABLE, learnSet(dev)), null);
        if (r.exitCode() != 0) {
            return List.of();
        }
        Matcher m = Pattern.compile("elements = \\{([^}]*)\\}").matcher(r.out());
        if (!m.find()) {
            return List.of();
        }
        return java.util.Arrays.stream(m.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .map(x -> x.split("\\s")[0]).toList();
    }

    private static boolean run(String script) {
        return script.isEmpty() || Exec.run(List.of("nft", "-f", "-"), script).exitCode() == 0;
    }
}
