package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainMemoryStat;
import org.jvirt.DomainInfo;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VcpuInfo;
import org.jvirt.VcpuState;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.process.ProcFs;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * What a running domain reports without changing: info, vCPUs, memory and block statistics, and the monitor
 * passthrough. Reads /proc for CPU time and asks QEMU for the rest; none of it takes the domain's job.
 */
public final class Queries {

    private final DriverContext ctx;

    public Queries(DriverContext ctx) {
        this.ctx = ctx;
    }

    /** virDomainGetInfo. */
    public DomainInfo info(DomainObj dom) {
        DomainStateInfo st = dom.state();
        DomainRun run = dom.run();
        DomainXml def = run != null ? run.liveDef() : dom.def();
        long max = def.memoryKiB();
        long cur = def.currentMemoryKiB() != null ? def.currentMemoryKiB() : max;
        long cpu = 0;
        if (run != null) {
            if (run.balloonActualKiB() > 0) {
                cur = run.balloonActualKiB();
            }
            cpu = ProcFs.cpuTimeNs(run.process().pid());
        }
        int vcpus = def.vcpu().current() != null ? def.vcpu().current() : def.vcpus();
        return new DomainInfo(st.state(), max, cur, vcpus, cpu);
    }

    /** virDomainGetVcpus: each vCPU's thread, its CPU time and the host CPU it last ran on. */
    public List<VcpuInfo> vcpus(DomainObj dom) {
        DomainRun run = dom.requireRun();
        long pid = run.process().pid();
        List<VcpuInfo> out = new ArrayList<>();
        JsonNode cpus = run.process().monitor().execute("query-cpus-fast");
        for (JsonNode c : cpus) {
            long tid = c.path("thread-id").asLong();
            out.add(new VcpuInfo(c.path("cpu-index").asInt(), VcpuState.RUNNING, ProcFs.threadCpuTimeNs(pid, tid),
                    ProcFs.threadProcessor(pid, tid)));
        }
        return out;
    }

    /** virDomainMemoryStats: the balloon's view (actual, and the guest's own when it reports them) plus rss. */
    public Map<String, Long> memoryStats(DomainObj dom) {
        DomainRun run = dom.requireRun();
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            JsonNode b = run.process().monitor().execute("query-balloon");
            out.put(DomainMemoryStat.ACTUAL_BALLOON.statName(), b.path("actual").asLong() / 1024);
        } catch (VirtException e) {
            // no balloon device: libvirt reports the configured size
            DomainXml def = run.liveDef();
            out.put(DomainMemoryStat.ACTUAL_BALLOON.statName(), def.currentMemoryKiB() != null ? def.currentMemoryKiB() : def.memoryKiB());
        }
        try {
            JsonNode g = run.process().monitor().execute("qom-get", QemuJson.mapper().createObjectNode()
                    .put("path", "/machine/peripheral/balloon0").put("property", "guest-stats"));
            JsonNode s = g.path("stats");
            // QEMU's balloon statistic for each of libvirt's (qemuMonitorJSONGetMemoryStats' table)
            Object[][] names = {{"stat-swap-in", DomainMemoryStat.SWAP_IN}, {"stat-swap-out", DomainMemoryStat.SWAP_OUT},
                    {"stat-major-faults", DomainMemoryStat.MAJOR_FAULT},
                    {"stat-minor-faults", DomainMemoryStat.MINOR_FAULT},
                    {"stat-free-memory", DomainMemoryStat.UNUSED}, {"stat-total-memory", DomainMemoryStat.AVAILABLE},
                    {"stat-available-memory", DomainMemoryStat.USABLE},
                    {"stat-disk-caches", DomainMemoryStat.DISK_CACHES}};
            for (Object[] n : names) {
                String qemuName = (String) n[0];
                long v = s.path(qemuName).asLong(-1);
                if (v >= 0) {
                    boolean bytes = !qemuName.contains("faults") && !qemuName.contains("swap");
                    out.put(((DomainMemoryStat) n[1]).statName(), bytes ? v / 1024 : v);
                }
            }
            if (g.path("last-update").asLong(0) > 0) {
                out.put(DomainMemoryStat.LAST_UPDATE.statName(), g.path("last-update").asLong());
            }
        } catch (VirtException e) {
            // the guest has no balloon driver or stats polling is off: only host-side numbers
        }
        out.put(DomainMemoryStat.RSS.statName(), ProcFs.rssKiB(run.process().pid()));
        return out;
    }

    /** virDomainBlockStats for a disk by target (vda) or source path. */
    public DomainBlockStats blockStats(DomainObj dom, String disk) {
        DomainRun run = dom.requireRun();
        String alias = null;
        for (DiskXml d : run.liveDef().devices().disks()) {
            String src = d.source() instanceof org.jvirt.xml.domain.DiskSource.File f ? f.path() : null;
            if (disk.equals(d.targetDev()) || disk.equals(src)) {
                alias = d.alias();
            }
        }
        if (alias == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "invalid path: %s", disk);
        }
        for (JsonNode e : run.process().monitor().execute("query-blockstats")) {
            String qdev = e.path("qdev").asText("");
            if (qdev.equals(alias) || qdev.startsWith("/machine/peripheral/" + alias + "/")) {
                JsonNode s = e.path("stats");
                return new DomainBlockStats(s.path("rd_operations").asLong(), s.path("rd_bytes").asLong(),
                        s.path("wr_operations").asLong(), s.path("wr_bytes").asLong(),
                        s.path("failed_rd_operations").asLong() + s.path("failed_wr_operations").asLong());
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                "cannot find statistics for device '%s'", disk);
    }

    /**
     * virConnectGetAllDomainStats for one domain, by libvirt's typed-parameter names: state, cpu, balloon,
     * vcpu, block (what QEMU and /proc answer cheaply). An inactive domain reports its state and config only.
     */
    public Map<String, Object> stats(DomainObj dom, java.util.Set<org.jvirt.flags.DomainStatsType> types) {
        boolean all = types.isEmpty();
        Map<String, Object> p = new LinkedHashMap<>();
        DomainStateInfo st = dom.state();
        DomainRun run = dom.run();
        DomainXml def = run != null ? run.liveDef() : dom.def();
        if (all || types.contains(org.jvirt.flags.DomainStatsType.STATE)) {
            p.put("state.state", st.state().code());
            p.put("state.reason", st.reason());
        }
        if (run == null) {
            return p;
        }
        long pid = run.process().pid();
        if (all || types.contains(org.jvirt.flags.DomainStatsType.CPU_TOTAL)) {
            p.put("cpu.time", ProcFs.cpuTimeNs(pid));
        }
        if (all || types.contains(org.jvirt.flags.DomainStatsType.BALLOON)) {
            DomainInfo info = info(dom);
            p.put("balloon.current", info.memoryKiB());
            p.put("balloon.maximum", info.maxMemKiB());
            p.put("balloon.rss", ProcFs.rssKiB(pid));
        }
        if (all || types.contains(org.jvirt.flags.DomainStatsType.VCPU)) {
            List<VcpuInfo> vcpus = vcpus(dom);
            p.put("vcpu.current", vcpus.size());
            p.put("vcpu.maximum", def.vcpus());
            for (VcpuInfo v : vcpus) {
                p.put("vcpu." + v.number() + ".state", 1); // VIR_VCPU_RUNNING
                p.put("vcpu." + v.number() + ".time", v.cpuTimeNs());
            }
        }
        if (all || types.contains(org.jvirt.flags.DomainStatsType.INTERFACE)) {
            synchronized (dom) {
                org.jvirt.driver.qemu.device.NetStats.addStats(def, p);
            }
        }
        if (all || types.contains(org.jvirt.flags.DomainStatsType.BLOCK)) {
            List<DiskXml> disks = def.devices().disks();
            p.put("block.count", disks.size());
            for (int i = 0; i < disks.size(); i++) {
                DiskXml d = disks.get(i);
                p.put("block." + i + ".name", d.targetDev());
                if (d.source() instanceof org.jvirt.xml.domain.DiskSource.File f && f.path() != null) {
                    p.put("block." + i + ".path", f.path());
                }
                try {
                    DomainBlockStats b = blockStats(dom, d.targetDev());
                    p.put("block." + i + ".rd.reqs", b.rdReq());
                    p.put("block." + i + ".rd.bytes", b.rdBytes());
                    p.put("block." + i + ".wr.reqs", b.wrReq());
                    p.put("block." + i + ".wr.bytes", b.wrBytes());
                } catch (VirtException e) {
                    // an empty cdrom has no statistics
                }
            }
        }
        return p;
    }

    /** virDomainSetMemoryFlags on the live guest: asks the balloon for a new size. */
    public void setMemory(DomainObj dom, long kib) {
        DomainRun run = dom.requireRun();
        if (kib > run.liveDef().memoryKiB()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "cannot set memory higher than max memory");
        }
        run.process().monitor().execute("balloon", QemuJson.mapper().createObjectNode().put("value", kib * 1024));
        synchronized (dom) {
            run.liveDef().currentMemoryKiB(kib);
        }
        ctx.writeStatus(dom);
    }

    /** virDomainQemuMonitorCommand: QMP JSON as given, or an HMP line (flag 1) through human-monitor-command. */
    public String monitorCommand(DomainObj dom, String cmd, int flags) {
        DomainRun run = dom.requireRun();
        if ((flags & ~1) != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainQemuMonitorCommand", flags & ~1);
        }
        if ((flags & 1) != 0) {
            return run.process().monitor().execute("human-monitor-command",
                    QemuJson.mapper().createObjectNode().put("command-line", cmd)).asText();
        }
        return run.process().monitor().passthrough(cmd, Duration.ofSeconds(60));
    }
}
