package org.jvirt.shell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.Domain;
import org.jvirt.TypedParameter;
import org.jvirt.TypedParameters;
import org.jvirt.VirtException;
import org.jvirt.conf.CpuSets;
import org.jvirt.conf.StrToLong;
import org.jvirt.flags.DomainModificationImpact;

/** Handlers of the tuning commands: schedinfo, memtune, blkiotune, numatune, perf (virsh-domain.c's cmd*). */
final class TuningCommands {

    /** VIR_DOMAIN_MEMORY_PARAM_UNLIMITED. */
    private static final long UNLIMITED = Long.MAX_VALUE >> 10;
    /** virDomainNumatuneMemMode's names, by value. */
    private static final List<String> NUMA_MODES = List.of("strict", "preferred", "interleave", "restrictive");

    private TuningCommands() {
    }

    static DomainModificationImpact[] impact(Shell sh, Invocation cmd) {
        return DomainConfig.impact(sh, cmd).toArray(new DomainModificationImpact[0]);
    }

    private static void printParam(Shell sh, String field, String value) {
        sh.print("%-15s: %s\n", field, value);
    }

    // ---- schedinfo ----------------------------------------------------------------------------------------

    static boolean schedinfo(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        boolean both = cmd.bool("live") && cmd.bool("config");
        DomainModificationImpact[] query = both ? new DomainModificationImpact[0] : flags;
        Domain d = Lookup.domain(sh, cmd);
        String type;
        try {
            type = d.getSchedulerType();
        } catch (VirtException e) {
            printParam(sh, "Scheduler", "Unknown");
            throw e;
        }
        printParam(sh, "Scheduler", type);
        List<TypedParameter> params = d.getSchedulerParameters(query);
        if (params.isEmpty()) {
            return false;
        }
        List<TypedParameter> updates = new ArrayList<>();
        for (String set : cmd.all("set")) {
            int eq = set.indexOf('=');
            if (eq < 0) {
                throw sh.fail("Invalid syntax for --set, expecting name=value");
            }
            updates.add(update(sh, params, set.substring(0, eq), set.substring(eq + 1)));
        }
        for (String opt : List.of("cap", "weight")) {
            String v = cmd.string(opt);
            if (v != null) {
                updates.add(update(sh, params, opt, v));
            }
        }
        if (!updates.isEmpty()) {
            d.setSchedulerParameters(updates, flags);
            params = d.getSchedulerParameters(query);
        } else if (both) {
            throw sh.fail("cannot query both live and config at once");
        }
        for (TypedParameter p : params) {
            printParam(sh, p.field(), p.display());
        }
        return true;
    }

    /** cmdSchedInfoUpdateOne: a field the domain has, with the type the domain gave it. */
    private static TypedParameter update(Shell sh, List<TypedParameter> params, String field, String value) {
        for (TypedParameter p : params) {
            if (p.field().equals(field)) {
                return TypedParameters.fromString(field, p.type(), value);
            }
        }
        throw sh.fail("invalid scheduler option: %s", field);
    }

    // ---- memtune ------------------------------------------------------------------------------------------

    static boolean memtune(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        List<TypedParameter> params = new ArrayList<>();
        String[][] opts = {{"hard-limit", "hard_limit"}, {"soft-limit", "soft_limit"},
            {"swap-hard-limit", "swap_hard_limit"}, {"min-guarantee", "min_guarantee"}};
        for (String[] o : opts) {
            String v = cmd.string(o[0]);
            if (v == null) {
                continue;
            }
            Long kib = memtuneSize(v);
            if (kib == null) {
                throw sh.fail("Unable to parse integer parameter %s", o[0]);
            }
            params.add(TypedParameter.ofUllong(o[1], kib));
        }
        if (params.isEmpty()) {
            List<TypedParameter> got;
            try {
                got = d.getMemoryParameters(flags);
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to get number of memory parameters");
            }
            for (TypedParameter p : got) {
                boolean unlimited = p.type() == TypedParameter.Type.ULLONG && (Long) p.value() == UNLIMITED;
                printParam(sh, p.field(), unlimited ? "unlimited" : p.display());
            }
            return true;
        }
        try {
            d.setMemoryParameters(params, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to change memory parameters");
        }
        return true;
    }

    /** virshMemtuneGetSize: KiB by default, a unit suffix scales; any negative number means unlimited. */
    private static Long memtuneSize(String v) {
        String t = v.stripLeading();
        if (t.startsWith("-")) {
            int i = 1;
            while (i < t.length() && Character.isDigit(t.charAt(i))) {
                i++;
            }
            return i > 1 ? UNLIMITED : null;
        }
        Long bytes = Numbers.scaled(v, 1024, BigInteger.valueOf(Long.MAX_VALUE));
        return bytes == null ? null : Long.divideUnsigned(bytes, 1024) + (bytes % 1024 != 0 ? 1 : 0);
    }

    // ---- blkiotune ----------------------------------------------------------------------------------------

    static boolean blkiotune(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        List<TypedParameter> params = new ArrayList<>();
        if (cmd.has("weight")) {
            int weight = cmd.integer("weight", 0);
            if (weight <= 0) {
                throw sh.fail("Invalid value of %d for I/O weight", weight);
            }
            params.add(TypedParameter.ofUint("weight", weight));
        }
        String[][] opts = {{"device-weights", "device_weight"}, {"device-read-iops-sec", "device_read_iops_sec"},
            {"device-write-iops-sec", "device_write_iops_sec"}, {"device-read-bytes-sec", "device_read_bytes_sec"},
            {"device-write-bytes-sec", "device_write_bytes_sec"}};
        for (String[] o : opts) {
            String v = cmd.string(o[0]);
            if (v != null) {
                params.add(TypedParameter.ofString(o[1], v));
            }
        }
        if (params.isEmpty()) {
            List<TypedParameter> got;
            try {
                got = d.getBlkioParameters(flags);
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to get number of blkio parameters");
            }
            for (TypedParameter p : got) {
                printParam(sh, p.field(), p.display());
            }
            return true;
        }
        try {
            d.setBlkioParameters(params, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to change blkio parameters");
        }
        return true;
    }

    // ---- numatune -----------------------------------------------------------------------------------------

    static boolean numatune(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        List<TypedParameter> params = new ArrayList<>();
        String nodeset = cmd.string("nodeset");
        if (nodeset != null) {
            params.add(TypedParameter.ofString("numa_nodeset", nodeset));
        }
        String mode = cmd.string("mode");
        if (mode != null) {
            int m = NUMA_MODES.indexOf(mode);
            if (m < 0) {
                // a number, in case the server knows a newer mode than this client (virStrToLong_i, base 0)
                Long n = StrToLong.parse(mode, 0, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (n == null) {
                    throw sh.fail("Invalid mode: %s", mode);
                }
                m = n.intValue();
            }
            params.add(TypedParameter.ofInt("numa_mode", m));
        }
        if (params.isEmpty()) {
            List<TypedParameter> got;
            try {
                got = d.getNumaParameters(flags);
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to get number of memory parameters");
            }
            for (TypedParameter p : got) {
                boolean isMode = p.type() == TypedParameter.Type.INT && p.field().equals("numa_mode");
                int m = isMode ? (Integer) p.value() : -1;
                printParam(sh, p.field(), isMode ? (m >= 0 && m < NUMA_MODES.size() ? NUMA_MODES.get(m) : "(null)")
                        : p.display());
            }
            return true;
        }
        try {
            d.setNumaParameters(params, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to change numa parameters");
        }
        return true;
    }

    // ---- perf ---------------------------------------------------------------------------------------------

    static boolean perf(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        String enable = cmd.string("enable");
        String disable = cmd.string("disable");
        Domain d = Lookup.domain(sh, cmd);
        List<TypedParameter> params = new ArrayList<>();
        events(enable, true, params);
        events(disable, false, params);
        if (params.isEmpty()) {
            try {
                params = d.getPerfEvents(flags);
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to get perf events");
            }
        } else {
            try {
                d.setPerfEvents(params, flags);
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to enable/disable perf events");
            }
        }
        for (TypedParameter p : params) {
            boolean on = p.type() == TypedParameter.Type.BOOLEAN && (Boolean) p.value();
            sh.printExtra("%-15s: %s\n", p.field(), on ? "enabled" : "disabled");
        }
        return true;
    }

    /** virshParseEventStr: comma-separated names, empty ones skipped. */
    private static void events(String list, boolean state, List<TypedParameter> out) {
        if (list == null) {
            return;
        }
        for (String e : list.split(",")) {
            if (!e.isEmpty()) {
                out.add(TypedParameter.ofBoolean(e, state));
            }
        }
    }

    static boolean domlaunchsecinfo(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        List<TypedParameter> params;
        try {
            params = d.getLaunchSecurityInfo();
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to get launch security parameters");
        }
        for (TypedParameter p : params) {
            printParam(sh, p.field(), p.display());
        }
        return true;
    }

    // ---- domiftune ----------------------------------------------------------------------------------------

    static boolean domiftune(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        String device = cmd.req("interface");
        List<TypedParameter> params = new ArrayList<>();
        String in = cmd.string("inbound");
        String out = cmd.string("outbound");
        long uintMax = 0xFFFFFFFFL;
        if (in != null) {
            long[] r = DeviceXml.rate(sh, in);
            if (Long.compareUnsigned(r[0], uintMax) > 0 || Long.compareUnsigned(r[1], uintMax) > 0
                    || Long.compareUnsigned(r[2], uintMax) > 0) {
                throw sh.fail("inbound rate larger than maximum %d", uintMax);
            }
            if (r[0] == 0 && (r[2] != 0 || r[1] != 0) && r[3] == 0) {
                throw sh.fail("either inbound average or floor is mandatory");
            }
            params.add(TypedParameter.ofUint("inbound.average", (int) r[0]));
            addNonZero(params, "inbound.peak", r[1]);
            addNonZero(params, "inbound.burst", r[2]);
            addNonZero(params, "inbound.floor", r[3]);
        }
        if (out != null) {
            long[] r = DeviceXml.rate(sh, out);
            if (Long.compareUnsigned(r[0], uintMax) > 0 || Long.compareUnsigned(r[1], uintMax) > 0
                    || Long.compareUnsigned(r[2], uintMax) > 0) {
                throw sh.fail("outbound rate larger than maximum %d", uintMax);
            }
            if (r[0] == 0 && (r[2] != 0 || r[1] != 0)) {
                throw sh.fail("outbound average is mandatory");
            }
            if (r[3] != 0) {
                throw sh.fail("outbound floor is unsupported yet");
            }
            params.add(TypedParameter.ofUint("outbound.average", (int) r[0]));
            addNonZero(params, "outbound.peak", r[1]);
            addNonZero(params, "outbound.burst", r[2]);
        }
        if (params.isEmpty()) {
            List<TypedParameter> got;
            try {
                got = d.getInterfaceParameters(device, flags);
            } catch (VirtException e) {
                // the count comes without a look-up in libvirt's drivers; the failure is on reading the values
                throw sh.fail(e, "Unable to get interface parameters");
            }
            for (TypedParameter p : got) {
                printParam(sh, p.field(), p.display());
            }
            return true;
        }
        try {
            d.setInterfaceParameters(device, params, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to set interface parameters");
        }
        return true;
    }

    private static void addNonZero(List<TypedParameter> params, String field, long v) {
        if (v != 0) {
            params.add(TypedParameter.ofUint(field, (int) v));
        }
    }

    // ---- pinning ------------------------------------------------------------------------------------------

    /** virshNodeGetCPUCount: the node's CPU count from its CPU map, else from node info. */
    static int nodeCpuCount(Shell sh) {
        try {
            return sh.conn().nodeGetCPUMap().present();
        } catch (VirtException e) {
            return sh.conn().nodeGetInfo().cpus();
        }
    }

    /** virBitmapDataFormat over VIR_CPU_MAPLEN(maxcpu) bytes: the map cut to whole bytes of the node's CPUs. */
    static String pinText(java.util.BitSet map, int maxcpu) {
        return CpuSets.format(map.get(0, (maxcpu + 7) / 8 * 8));
    }

    /** virshParseCPUList: "r" for every CPU, else a cpuset within the node. */
    static java.util.BitSet cpuList(Shell sh, String cpulist, int maxcpu) {
        java.util.BitSet map;
        if (cpulist.startsWith("r")) {
            map = new java.util.BitSet();
            map.set(0, maxcpu);
            return map;
        }
        try {
            map = CpuSets.parse(cpulist, 1024);
        } catch (VirtException e) {
            throw sh.fail(e, "Invalid cpulist '%s'", cpulist);
        }
        if (map.isEmpty()) {
            throw sh.fail("Invalid cpulist '%s'", cpulist);
        }
        int last = map.length() - 1;
        if (last >= maxcpu) {
            throw sh.fail("CPU %d in cpulist '%s' exceed the maxcpu %d", last, cpulist, maxcpu);
        }
        return map;
    }

    static boolean vcpupin(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        boolean live = cmd.bool("live");
        boolean config = cmd.bool("config");
        String cpulist = cmd.string("cpulist");
        if (cpulist == null && live && config) {
            throw sh.fail("Options --live and --config are mutually exclusive");
        }
        boolean gotVcpu = cmd.has("vcpu");
        int vcpu = (int) cmd.uint("vcpu", 0);
        if (cpulist != null && !gotVcpu) {
            throw sh.fail("vcpupin: Missing vCPU number in pin mode.");
        }
        int maxcpu = nodeCpuCount(sh);
        Domain d = Lookup.domain(sh, cmd);
        if (cpulist == null) {
            return vcpupinQuery(sh, d, vcpu, gotVcpu, maxcpu, flags);
        }
        java.util.BitSet map = cpuList(sh, cpulist, maxcpu);
        d.pinVcpu(vcpu, map, flags);
        return true;
    }

    private static boolean vcpupinQuery(Shell sh, Domain d, int vcpu, boolean gotVcpu, int maxcpu,
                                        DomainModificationImpact[] flags) {
        java.util.Set<DomainModificationImpact> f = java.util.Set.of(flags);
        if (f.contains(DomainModificationImpact.LIVE) && !d.isActive()) {
            throw sh.fail("cannot get vcpupin for offline domain");
        }
        if (f.contains(DomainModificationImpact.CONFIG) && !d.isPersistent()) {
            throw sh.fail("cannot get vcpupin for transient domain");
        }
        List<java.util.BitSet> maps = d.getVcpuPinInfo(flags);
        if (gotVcpu && vcpu >= maps.size()) {
            boolean liveCount = f.contains(DomainModificationImpact.LIVE)
                    || (!f.contains(DomainModificationImpact.CONFIG) && d.isActive());
            throw sh.fail("vcpu %d is out of range of %s cpu count %d", vcpu, liveCount ? "live" : "persistent",
                    maps.size());
        }
        Table t = new Table("VCPU", "CPU Affinity");
        for (int i = 0; i < maps.size(); i++) {
            if (!gotVcpu || i == vcpu) {
                t.row(Integer.toString(i), pinText(maps.get(i), maxcpu));
            }
        }
        t.print(sh);
        return true;
    }

    static boolean emulatorpin(Shell sh, Invocation cmd) {
        DomainModificationImpact[] flags = impact(sh, cmd);
        boolean none = !cmd.bool("current") && !cmd.bool("live") && !cmd.bool("config");
        Domain d = Lookup.domain(sh, cmd);
        String cpulist = cmd.string("cpulist");
        int maxcpu = nodeCpuCount(sh);
        if (cpulist == null) {
            java.util.BitSet map = d.getEmulatorPinInfo(flags);
            sh.printExtra("%s %s\n", "emulator:", "CPU Affinity");
            sh.printExtra("----------------------------------\n");
            sh.printExtra("       *: ");
            sh.print("%s", pinText(map, maxcpu));
            sh.print("\n");
            return true;
        }
        java.util.BitSet map = cpuList(sh, cpulist, maxcpu);
        // with no option at all, pinning applies to the running domain (virsh's flags = LIVE)
        d.pinEmulator(map, none ? new DomainModificationImpact[] {DomainModificationImpact.LIVE} : flags);
        return true;
    }
}
