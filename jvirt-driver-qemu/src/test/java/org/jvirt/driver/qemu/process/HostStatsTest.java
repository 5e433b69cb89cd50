package org.jvirt.driver.qemu.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jvirt.NodeCPUMap;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

/** The host figures as libvirt's Linux node code computes them, from sample text and from this host's /proc. */
class HostStatsTest {

    private static final String STAT = """
            cpu  100 5 30 1000 7 2 1 0 0 0
            cpu0 60 5 20 500 3 1 1 0 0 0
            cpu1 40 0 10 500 4 1 0 0 0 0
            intr 1 2 3
            """;

    @Test
    void cpuTicksBecomeNanosecondsWithLibvirtsGrouping() {
        assertEquals(Map.of("kernel", 330_000_000L, "user", 1_050_000_000L, "idle", 10_000_000_000L,
                "iowait", 70_000_000L), HostStats.cpuStats(STAT, -1));
        assertEquals(List.of("kernel", "user", "idle", "iowait"), List.copyOf(HostStats.cpuStats(STAT, 1).keySet()));
        assertEquals(400_000_000L, HostStats.cpuStats(STAT, 1).get("user"));
        VirtException e = assertThrows(VirtException.class, () -> HostStats.cpuStats(STAT, 5));
        assertEquals("invalid argument: Invalid cpuNum in virHostCPUGetStatsLinux", e.getMessage());
    }

    @Test
    void memoryFiguresFromMeminfoAndANodesMeminfo() {
        String meminfo = "MemTotal:       16000 kB\nMemFree:         4000 kB\nBuffers:          100 kB\n"
                + "Cached:          2000 kB\nSwapCached:  1 kB\n";
        assertEquals(Map.of("total", 16000L, "free", 4000L, "buffers", 100L, "cached", 2000L),
                HostStats.memStats(meminfo));
        String node = "Node 0 MemTotal:       8000 kB\nNode 0 MemFree:        1000 kB\n";
        assertEquals(Map.of("total", 8000L, "free", 1000L), HostStats.memStats(node));
    }

    @Test
    void thisHostsFiguresAreThere() {
        Map<String, Long> cpu = HostStats.cpuStats(-1);
        assertTrue(cpu.get("idle") > 0, cpu::toString);
        Map<String, Long> mem = HostStats.memStats(-1);
        assertTrue(mem.get("total") >= mem.get("free"), mem::toString);
        NodeCPUMap map = HostStats.cpuMap();
        assertEquals(Runtime.getRuntime().availableProcessors() <= map.present(), true);
        assertEquals(map.online(), map.map().cardinality());
    }
}
