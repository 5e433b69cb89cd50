package org.jvirt.shell;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jvirt.Domain;
import org.jvirt.DomainStatsRecord;
import org.jvirt.flags.DomainStatsFlag;
import org.jvirt.flags.DomainStatsType;

/**
 * virsh domstats: one bulk-statistics call (virConnectGetAllDomainStats, or virDomainListGetStats for named
 * domains), printed as virsh prints it: "Domain: 'name'", then "  field=value" in the driver's order, a blank line
 * between domains.
 */
final class DomStatsCommand {

    /** The --group options and the statistics group each asks for, in virsh's order. */
    private static final Map<String, DomainStatsType> GROUPS = orderedGroups();

    /** The --list-* filters and the --enforce/--backing/--nowait switches, by option name. */
    private static final Map<String, DomainStatsFlag> FLAGS = orderedFlags();

    private DomStatsCommand() {
    }

    static boolean run(Shell sh, Invocation cmd) {
        EnumSet<DomainStatsType> stats = EnumSet.noneOf(DomainStatsType.class);
        GROUPS.forEach((opt, group) -> {
            if (cmd.bool(opt)) {
                stats.add(group);
            }
        });
        List<DomainStatsFlag> flags = new ArrayList<>();
        FLAGS.forEach((opt, flag) -> {
            if (cmd.bool(opt)) {
                flags.add(flag);
            }
        });
        DomainStatsFlag[] f = flags.toArray(DomainStatsFlag[]::new);
        List<DomainStatsRecord> records;
        if (cmd.has("domain")) {
            List<Domain> doms = new ArrayList<>();
            for (String name : cmd.all("domain")) {
                doms.add(Lookup.domainByName(sh, name));
            }
            records = sh.conn().domainListGetStats(doms, stats, f);
        } else {
            records = sh.conn().getAllDomainStats(stats, f);
        }
        StringBuilder b = new StringBuilder();
        for (DomainStatsRecord r : records) {
            if (!b.isEmpty()) {
                b.append('\n'); // between records; the shell ends the command's output with the last one
            }
            b.append("Domain: '").append(r.domain().getName()).append("'\n");
            r.params().forEach((k, v) -> b.append("  ").append(k).append('=').append(value(v)).append('\n'));
        }
        sh.print("%s", b);
        return true;
    }

    /** vshGetTypedParamValue: integers as they are, doubles with %f, booleans as yes/no. */
    static String value(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%f", d);
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        return String.valueOf(v);
    }

    private static Map<String, DomainStatsType> orderedGroups() {
        Map<String, DomainStatsType> m = new java.util.LinkedHashMap<>();
        m.put("state", DomainStatsType.STATE);
        m.put("cpu-total", DomainStatsType.CPU_TOTAL);
        m.put("balloon", DomainStatsType.BALLOON);
        m.put("vcpu", DomainStatsType.VCPU);
        m.put("interface", DomainStatsType.INTERFACE);
        m.put("block", DomainStatsType.BLOCK);
        m.put("perf", DomainStatsType.PERF);
        m.put("iothread", DomainStatsType.IOTHREAD);
        m.put("memory", DomainStatsType.MEMORY);
        m.put("dirtyrate", DomainStatsType.DIRTYRATE);
        m.put("vm", DomainStatsType.VM);
        return m;
    }

    private static Map<String, DomainStatsFlag> orderedFlags() {
        Map<String, DomainStatsFlag> m = new java.util.LinkedHashMap<>();
        m.put("list-active", DomainStatsFlag.ACTIVE);
        m.put("list-inactive", DomainStatsFlag.INACTIVE);
        m.put("list-persistent", DomainStatsFlag.PERSISTENT);
        m.put("list-transient", DomainStatsFlag.TRANSIENT);
        m.put("list-running", DomainStatsFlag.RUNNING);
        m.put("list-paused", DomainStatsFlag.PAUSED);
        m.put("list-shutoff", DomainStatsFlag.SHUTOFF);
        m.put("list-other", DomainStatsFlag.OTHER);
        m.put("enforce", DomainStatsFlag.ENFORCE_STATS);
        m.put("backing", DomainStatsFlag.BACKING);
        m.put("nowait", DomainStatsFlag.NOWAIT);
        return m;
    }
}
