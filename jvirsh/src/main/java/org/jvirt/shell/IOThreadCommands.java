package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.Domain;
import org.jvirt.DomainIOThreadInfo;
import org.jvirt.DomainIOThreadParams;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.conf.CpuSets;
import org.jvirt.flags.DomainModificationImpact;

/** virsh's IOThread commands (cmdIOThreadInfo, Pin, Add, Set, Del), in virsh's order of checks and messages. */
final class IOThreadCommands {

    private IOThreadCommands() {
    }

    static boolean info(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = TuningCommands.impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        List<DomainIOThreadInfo> info;
        try {
            info = d.getIOThreadInfo(flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to get domain IOThreads information");
        }
        if (info.isEmpty()) {
            // virsh prints this without a newline
            sh.printExtra("No IOThreads found for the domain");
            return true;
        }
        Table t = new Table("IOThread ID", "CPU Affinity");
        for (DomainIOThreadInfo i : info) {
            t.row(Integer.toUnsignedString(i.iothreadId()), CpuSets.format(i.cpumap()));
        }
        t.print(sh);
        return true;
    }

    static boolean pin(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = TuningCommands.impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        int id = (int) cmd.uint("iothread", 0);
        String cpulist = cmd.req("cpulist");
        int maxcpu = TuningCommands.nodeCpuCount(sh);
        d.pinIOThread(id, TuningCommands.cpuList(sh, cpulist, maxcpu), flags);
        return true;
    }

    /** The id of iothreadadd, iothreadset and iothreaddel: a positive int. */
    private static int id(Shell sh, Invocation cmd) {
        int id = cmd.integer("id", 0);
        if (id <= 0) {
            throw sh.fail("Invalid IOThread id value: '%d'", id);
        }
        return id;
    }

    static boolean add(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = TuningCommands.impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        d.addIOThread(id(sh, cmd), flags);
        return true;
    }

    static boolean del(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = TuningCommands.impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        d.delIOThread(id(sh, cmd), flags);
        return true;
    }

    static boolean set(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = TuningCommands.impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        int id = id(sh, cmd);
        List<TypedParameter> params = new ArrayList<>();
        if (cmd.has("poll-max-ns")) {
            params.add(TypedParameter.ofUllong(DomainIOThreadParams.POLL_MAX_NS, cmd.ulong("poll-max-ns", 0)));
        }
        if (cmd.has("poll-grow")) {
            params.add(TypedParameter.ofUint(DomainIOThreadParams.POLL_GROW, (int) cmd.uint("poll-grow", 0)));
        }
        if (cmd.has("poll-shrink")) {
            params.add(TypedParameter.ofUint(DomainIOThreadParams.POLL_SHRINK, (int) cmd.uint("poll-shrink", 0)));
        }
        if (cmd.has("thread-pool-min")) {
            params.add(TypedParameter.ofInt(DomainIOThreadParams.THREAD_POOL_MIN, cmd.integer("thread-pool-min", -1)));
        }
        if (cmd.has("thread-pool-max")) {
            params.add(TypedParameter.ofInt(DomainIOThreadParams.THREAD_POOL_MAX, cmd.integer("thread-pool-max", -1)));
        }
        if (params.isEmpty()) {
            throw sh.fail("Not enough arguments passed, nothing to set");
        }
        d.setIOThreadParams(id, params, flags);
        return true;
    }
}
