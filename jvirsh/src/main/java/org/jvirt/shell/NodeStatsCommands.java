package org.jvirt.shell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jvirt.Connect;
import org.jvirt.NodeCPUMap;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.conf.StrToLong;
import org.jvirt.flags.NodeAllocPagesFlag;
import org.jvirt.conf.CpuSets;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Handlers of the host's statistics and page commands (virsh-host.c): nodecpustats, nodememstats, nodecpumap,
 *  freepages, allocpages, node-memory-tune. */
final class NodeStatsCommands {

    /** virshCPUStats: the fields virsh knows, in its order, and the labels it prints. */
    private static final List<String> CPU_FIELDS = List.of("user", "kernel", "idle", "iowait", "intr", "utilization");
    private static final List<String> CPU_LABELS = List.of("user:", "system:", "idle:", "iowait:", "intr:", "usage:");
    private static final long UINT_MAX = 0xFFFFFFFFL;

    private NodeStatsCommands() {
    }

    static boolean nodecpustats(Shell sh, Invocation cmd) {
        boolean percent = cmd.bool("percent");
        int cpu = cmd.integer("cpu", Connect.NODE_CPU_STATS_ALL_CPUS);
        Map<String, Long> first;
        try {
            first = sh.conn().nodeGetCPUStats(cpu);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to get number of cpu stats");
        }
        if (first.isEmpty()) {
            return true;
        }
        long[] stats = new long[CPU_FIELDS.size()];
        boolean[] present = new boolean[CPU_FIELDS.size()];
        fill(first, stats, present, false);
        int usage = CPU_FIELDS.indexOf("utilization");
        if (percent && !present[usage]) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Map<String, Long> second;
            try {
                second = sh.conn().nodeGetCPUStats(cpu);
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to get node cpu stats");
            }
            fill(second, stats, present, true);
        }
        if (!percent) {
            for (int i = 0; i < usage; i++) {
                if (present[i]) {
                    sh.print("%-15s %20s\n", CPU_LABELS.get(i), Long.toUnsignedString(stats[i]));
                }
            }
            return true;
        }
        if (present[usage]) {
            sh.print("%-15s %5s%%\n", "usage:", Long.toUnsignedString(stats[usage]));
            sh.print("%-15s %5s%%\n", "idle:", Long.toUnsignedString(100 - stats[usage]));
            return true;
        }
        double total = 0;
        for (int i = 0; i < usage; i++) {
            total += stats[i];
        }
        sh.print("%-15s %5.1f%%\n", "usage:", (stats[0] + stats[1]) / total * 100);
        for (int i = 0; i < usage; i++) {
            if (present[i]) {
                sh.print("%-15s %5.1f%%\n", CPU_LABELS.get(i), stats[i] / total * 100);
            }
        }
        return true;
    }

    /** The first read keeps values; the second turns them into differences, as cmdNodeCpuStats does. */
    private static void fill(Map<String, Long> read, long[] stats, boolean[] present, boolean delta) {
        for (Map.Entry<String, Long> e : read.entrySet()) {
            int f = CPU_FIELDS.indexOf(e.getKey());
            if (f < 0) {
                continue;
            }
            if (!delta) {
                stats[f] = e.getValue();
                present[f] = true;
            } else if (present[f]) {
                stats[f] = e.getValue() - stats[f];
            }
        }
    }

    static boolean nodememstats(Shell sh, Invocation cmd) {
        int cell = cmd.integer("cell", Connect.NODE_MEMORY_STATS_ALL_CELLS);
        Map<String, Long> stats;
        try {
            stats = sh.conn().nodeGetMemoryStats(cell);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to get number of memory stats");
        }
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            sh.print("%-7s: %20s KiB\n", e.getKey(), Long.toUnsignedString(e.getValue()));
        }
        return true;
    }

    static boolean nodecpumap(Shell sh, Invocation cmd) {
        NodeCPUMap m;
        try {
            m = sh.conn().nodeGetCPUMap();
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to get cpu map");
        }
        sh.print("%-15s %d\n", "CPUs present:", m.present());
        sh.print("%-15s %d\n", "CPUs online:", m.online());
        sh.print("%-15s ", "CPU map:");
        if (cmd.bool("pretty")) {
            sh.print("%s", CpuSets.format(m.map()));
        } else {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < m.present(); i++) {
                b.append(m.map().get(i) ? 'y' : '-');
            }
            sh.print("%s", b.toString());
        }
        sh.print("\n");
        return true;
    }

    static boolean freepages(Shell sh, Invocation cmd) {
        boolean all = cmd.bool("all");
        boolean cellno = cmd.has("cellno");
        boolean pagesz = cmd.has("pagesize");
        if (all && cellno) {
            throw sh.fail("Options --all and --cellno are mutually exclusive");
        }
        long bytes = cmd.scaled("pagesize", 0, 1024, BigInteger.valueOf(UINT_MAX));
        int kib = (int) ((bytes + 1023) / 1024);
        if (all) {
            Element caps = capabilities(sh);
            int[] sizes;
            if (!pagesz) {
                List<Node> pages = Xml.nodes(caps, "/capabilities/host/cpu/pages");
                if (pages.isEmpty()) {
                    pages = Xml.nodes(caps, "/capabilities/host/topology/cells/cell/pages");
                    if (pages.isEmpty()) {
                        throw sh.fail("could not get information about supported page sizes");
                    }
                }
                TreeSet<Long> unique = new TreeSet<>();
                for (Node p : pages) {
                    String v = ((Element) p).getAttribute("size");
                    Long s = StrToLong.toUInt(v);
                    if (s == null) {
                        throw sh.fail("unable to parse page size: %s", v);
                    }
                    unique.add(s);
                }
                sizes = unique.stream().mapToInt(Long::intValue).toArray();
            } else {
                sizes = new int[] {kib};
            }
            for (Node n : Xml.nodes(caps, "/capabilities/host/topology/cells/cell")) {
                String id = ((Element) n).getAttribute("id");
                Integer cell = StrToLong.toInt(id);
                if (cell == null) {
                    throw sh.fail("unable to parse numa node id: %s", id);
                }
                long[] counts = sh.conn().nodeGetFreePages(sizes, cell, 1);
                sh.print("Node %d:\n", cell);
                for (int j = 0; j < sizes.length; j++) {
                    sh.print("%sKiB: %d\n", Integer.toUnsignedString(sizes[j]), counts[j]);
                }
                sh.print("\n");
            }
            return true;
        }
        if (!cellno) {
            throw sh.fail("missing cellno argument");
        }
        int cell = cmd.integer("cellno", 0);
        if (cell < -1) {
            throw sh.fail("cell number must be non-negative integer or -1");
        }
        if (!pagesz) {
            throw sh.fail("missing pagesize argument");
        }
        long[] counts = sh.conn().nodeGetFreePages(new int[] {kib}, cell, 1);
        sh.print("%sKiB: %d\n", Integer.toUnsignedString(kib), counts[0]);
        return true;
    }

    private static Element capabilities(Shell sh) {
        String xml;
        try {
            xml = sh.conn().getCapabilities();
        } catch (VirtException e) {
            throw sh.fail(e, "unable to get node capabilities");
        }
        return Xml.parse(xml).getDocumentElement();
    }

    static boolean allocpages(Shell sh, Invocation cmd) {
        boolean all = cmd.bool("all");
        boolean cellno = cmd.has("cellno");
        if (all && cellno) {
            throw sh.fail("Options --all and --cellno are mutually exclusive");
        }
        int startCell = cellno ? cmd.integer("cellno", -1) : -1;
        long bytes = cmd.scaled("pagesize", 0, 1024, BigInteger.valueOf(UINT_MAX * 1024));
        int[] sizes = {(int) ((bytes + 1023) / 1024)};
        long[] counts = {cmd.ulong("pagecount", 0)};
        NodeAllocPagesFlag[] flags = cmd.bool("add") ? new NodeAllocPagesFlag[0]
                : new NodeAllocPagesFlag[] {NodeAllocPagesFlag.SET};
        if (all) {
            Element caps = capabilities(sh);
            for (Node n : Xml.nodes(caps, "/capabilities/host/topology/cells/cell")) {
                Long id = StrToLong.toULongLong(((Element) n).getAttribute("id"));
                if (id == null) {
                    throw sh.fail("conversion from string failed");
                }
                sh.conn().nodeAllocPages(sizes, counts, id.intValue(), 1, flags);
            }
            return true;
        }
        sh.conn().nodeAllocPages(sizes, counts, startCell, 1, flags);
        return true;
    }

    static boolean nodeMemoryTune(Shell sh, Invocation cmd) {
        List<TypedParameter> params = new ArrayList<>();
        String[][] opts = {{"shm-pages-to-scan", "shm_pages_to_scan"}, {"shm-sleep-millisecs", "shm_sleep_millisecs"},
            {"shm-merge-across-nodes", "shm_merge_across_nodes"}};
        for (String[] o : opts) {
            if (cmd.has(o[0])) {
                params.add(TypedParameter.ofUint(o[1], (int) cmd.uint(o[0], 0)));
            }
        }
        if (params.isEmpty()) {
            List<TypedParameter> got;
            try {
                got = sh.conn().nodeGetMemoryParameters();
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to get number of memory parameters");
            }
            if (got.isEmpty()) {
                return true;
            }
            sh.print("Shared memory:\n");
            for (TypedParameter p : got) {
                sh.print("\t%-15s %s\n", p.field(), p.display());
            }
            return true;
        }
        try {
            sh.conn().nodeSetMemoryParameters(params);
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to change memory parameters");
        }
        return true;
    }
}
