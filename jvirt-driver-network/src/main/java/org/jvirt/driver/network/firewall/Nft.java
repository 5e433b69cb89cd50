package org.jvirt.driver.network.firewall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.driver.network.exec.Exec;
import org.jvirt.driver.network.obj.RunState;

/**
 * Adds a network's rules in one {@code nft --echo --handle -f -} transaction and records each rule's handle;
 * removes exactly those handles again. A family's table is made with the first network that needs it and
 * deleted with the last, so that {@code nft list ruleset} after the last destroy is what it was before.
 * Callers hold the driver's lock.
 */
public final class Nft {

    private static final Pattern ECHO = Pattern.compile(
            "^(?:add|insert) rule (\\S+) (\\S+) (\\S+) .*# handle (\\d+)\\s*$");

    private Set<String> tables;

    /** The families whose jvirt table exists now (read once, then kept up to date here). */
    private Set<String> tables() {
        if (tables == null) {
            tables = new HashSet<>();
            String out = Exec.run("cannot list nftables tables", List.of("nft", "list", "tables"));
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[0].equals("table") && f[2].equals(NetworkRules.TABLE)) {
                    tables.add(f[1]);
                }
            }
        }
        return tables;
    }

    /** Adds the rules in one transaction (all or none); returns them with their handles. */
    public List<RunState.Rule> add(List<NetworkRules.Line> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        StringBuilder script = new StringBuilder();
        Set<String> made = new HashSet<>();
        for (NetworkRules.Line l : lines) {
            if (!tables().contains(l.family()) && made.add(l.family())) {
                script.append(NetworkRules.tableSetup(l.family()));
            }
        }
        // inserts go to the head one after another: write them last first, so they keep the order given
        List<NetworkRules.Line> inserts = new ArrayList<>(lines.stream().filter(NetworkRules.Line::insert).toList());
        java.util.Collections.reverse(inserts);
        for (NetworkRules.Line l : inserts) {
            script.append(l.command()).append('\n');
        }
        for (NetworkRules.Line l : lines) {
            if (!l.insert()) {
                script.append(l.command()).append('\n');
            }
        }
        String out = Exec.run("failed to add firewall rules", List.of("nft", "--echo", "--handle", "-f", "-"),
                script.toString());
        tables().addAll(made);
        List<RunState.Rule> rules = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = ECHO.matcher(line.trim());
            if (m.matches() && m.group(2).equals(NetworkRules.TABLE) && !m.group(3).equals("forward")) {
                rules.add(new RunState.Rule(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4))));
            }
        }
        return rules;
    }

    /**
     * Removes exactly these rules; a family's table goes too when {@code lastInFamily} says no other network has
     * rules there. A rule already gone (someone flushed the ruleset) is not an error.
     */
    public void remove(List<RunState.Rule> rules, Set<String> lastInFamily) {
        StringBuilder script = new StringBuilder();
        Set<String> dropped = new HashSet<>();
        for (String fam : lastInFamily) {
            if (tables().contains(fam)) {
                script.append("delete table ").append(fam).append(' ').append(NetworkRules.TABLE).append('\n');
                dropped.add(fam);
            }
        }
        for (RunState.Rule r : rules) {
            if (!dropped.contains(r.family()) && tables().contains(r.family())) {
                script.append("delete rule ").append(r.family()).append(' ').append(r.table()).append(' ')
                        .append(r.chain()).append(" handle ").append(r.handle()).append('\n');
            }
        }
        if (script.isEmpty()) {
            return;
        }
        Exec.Result res = Exec.tryRun("failed to remove firewall rules", List.of("nft", "-f", "-"),
                script.toString(), java.util.Map.of());
        if (res.exitCode() != 0) {
            // one rule was gone: delete the rest one by one so that nothing of ours stays behind
            for (String line : script.toString().split("\n")) {
                Exec.tryRun("failed to remove firewall rule", List.of("nft", "-f", "-"), line + "\n",
                        java.util.Map.of());
            }
        }
        tables().removeAll(dropped);
    }

    /** Forgets what was read, after something outside may have changed the ruleset. */
    public void refresh() {
        tables = null;
    }
}
