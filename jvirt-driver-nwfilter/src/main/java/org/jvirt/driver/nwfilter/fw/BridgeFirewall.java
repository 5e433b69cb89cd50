package org.jvirt.driver.nwfilter.fw;

import java.util.LinkedHashSet;
import java.util.List;
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
    public PortRules apply(String dev, PortRules old, ChainLayout layout, boolean learning) {
        String digest = digest(layout, learning);
        if (old.inHandle() >= 0 && digest.equals(old.digest())) {
            return old;
        }
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
        return new PortRules(in, out, new LinkedHashSet<>(layout.chains().keySet()), learning, digest);
    }

    private static String digest(ChainLayout layout, boolean learning) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update((layout.chains() + "|" + learning).getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
            return;
        }
        StringBuilder s = new StringBuilder();
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
