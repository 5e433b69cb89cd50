package org.jvirt.driver.nwfilter.fw;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * What one port has in the kernel: the handles of its two dispatch rules in the table's base chains, the
 * chains it owns, whether its address-learning set exists, the id its packets are marked with when it has
 * IP-layer rules (0: none; {@link BridgeFirewall}), and a digest of the rules written (an unchanged
 * port is left alone: a restart or an unrelated filter change does not rewrite it). Kept in the binding's
 * status file so that a restarted driver removes exactly this.
 */
public record PortRules(long inHandle, long outHandle, Set<String> chains, boolean learnSet, String digest,
                        int mark) {

    public PortRules {
        chains = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(chains));
    }

    public static final PortRules NONE = new PortRules(-1, -1, Set.of(), false, "", 0);

    void write(Properties p) {
        p.setProperty("rules.in", Long.toString(inHandle));
        p.setProperty("rules.out", Long.toString(outHandle));
        p.setProperty("rules.chains", String.join(" ", chains));
        p.setProperty("rules.learnset", Boolean.toString(learnSet));
        p.setProperty("rules.digest", digest);
        p.setProperty("rules.mark", Integer.toString(mark));
    }

    public static PortRules read(Properties p) {
        String chains = p.getProperty("rules.chains", "").trim();
        List<String> list = chains.isEmpty() ? List.of() : List.of(chains.split(" "));
        return new PortRules(Long.parseLong(p.getProperty("rules.in", "-1")),
                Long.parseLong(p.getProperty("rules.out", "-1")), new LinkedHashSet<>(new ArrayList<>(list)),
                Boolean.parseBoolean(p.getProperty("rules.learnset", "false")), p.getProperty("rules.digest", ""),
                Integer.parseInt(p.getProperty("rules.mark", "0")));
    }

    public Properties toProperties() {
        Properties p = new Properties();
        write(p);
        return p;
    }
}
