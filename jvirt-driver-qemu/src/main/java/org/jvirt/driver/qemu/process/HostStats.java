package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeCPUMap;
import org.jvirt.VirtException;
import org.jvirt.conf.CpuSets;
import org.jvirt.conf.StrToLong;

/**
 * The host's CPU and memory figures as libvirt's Linux node code reads them (virhostcpu.c, virhostmem.c):
 * /proc/stat, /proc/meminfo (or a NUMA node's meminfo) and the CPU lists in /sys/devices/system/cpu.
 */
public final class HostStats {

    /** Nanoseconds per USER_HZ tick (libvirt's TICK_TO_NSEC with sysconf(_SC_CLK_TCK) = 100). */
    private static final long TICK_TO_NSEC = 1_000_000_000L / 100;
    private static final Path CPU_SYSFS = Path.of("/sys/devices/system/cpu");

    private HostStats() {
    }

    /** virHostCPUGetStatsLinux over /proc/stat's text: kernel, user, idle, iowait in ns, for one CPU or all (-1). */
    public static Map<String, Long> cpuStats(String procStat, int cpuNum) {
        String prefix = cpuNum < 0 ? "cpu " : "cpu" + cpuNum + " ";
        for (String line : procStat.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] f = line.substring(prefix.length()).trim().split("\\s+");
                long usr = Long.parseLong(f[0]);
                long ni = Long.parseLong(f[1]);
                long sys = Long.parseLong(f[2]);
                long idle = Long.parseLong(f[3]);
                long iowait = f.length > 4 ? Long.parseLong(f[4]) : 0;
                long irq = f.length > 5 ? Long.parseLong(f[5]) : 0;
                long softirq = f.length > 6 ? Long.parseLong(f[6]) : 0;
                Map<String, Long> out = new LinkedHashMap<>();
                out.put("kernel", (sys + irq + softirq) * TICK_TO_NSEC);
                out.put("user", (usr + ni) * TICK_TO_NSEC);
                out.put("idle", idle * TICK_TO_NSEC);
                out.put("iowait", iowait * TICK_TO_NSEC);
                return out;
            }
        }
        throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "Invalid cpuNum in %s",
                "virHostCPUGetStatsLinux");
    }

    /** virHostMemGetStats over a meminfo text (a node's lines start "Node N "): total, free, buffers, cached KiB. */
    public static Map<String, Long> memStats(String meminfo) {
        Map<String, String> keys = Map.of("MemTotal:", "total", "MemFree:", "free", "Buffers:", "buffers",
                "Cached:", "cached");
        Map<String, Long> found = new LinkedHashMap<>();
        for (String raw : meminfo.split("\n")) {
            String line = raw.startsWith("Node ") ? raw.replaceFirst("^Node \\d+ ", "") : raw;
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && keys.containsKey(f[0])) {
                Long v = StrToLong.toULongLong(f[1]);
                if (v != null) {
                    found.put(keys.get(f[0]), v);
                }
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String k : new String[] {"total", "free", "buffers", "cached"}) {
            if (found.containsKey(k)) {
                out.put(k, found.get(k));
            }
        }
        return out;
    }

    public static Map<String, Long> cpuStats(int cpuNum) {
        return cpuStats(read(Path.of("/proc/stat")), cpuNum);
    }

    public static Map<String, Long> memStats(int cellNum) {
        if (cellNum < 0) {
            return memStats(read(Path.of("/proc/meminfo")));
        }
        Path node = Path.of("/sys/devices/system/node", "node" + cellNum, "meminfo");
        if (!Files.exists(node)) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "Invalid cell number");
        }
        return memStats(read(node));
    }

    /** virHostCPUGetMap: CPUs present (the last present one + 1), the online ones and how many. */
    public static NodeCPUMap cpuMap() {
        BitSet present = CpuSets.parse(read(CPU_SYSFS.resolve("present")).trim(), 1 << 16);
        BitSet online = CpuSets.parse(read(CPU_SYSFS.resolve("online")).trim(), 1 << 16);
        return new NodeCPUMap(present.length(), online, online.cardinality());
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.SYSTEM_ERROR, "cannot read %s: %s", p, e.getMessage());
        }
    }
}
