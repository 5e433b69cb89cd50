package org.jvirt.driver.test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeInfo;
import org.jvirt.SecurityModel;
import org.jvirt.spi.HostDriver;

/** The fake host: node info, NUMA cells, capabilities, sysinfo and version, as testConnect* / testNode* report. */
final class TestHost implements HostDriver {

    private static final String SYSINFO = """
            <sysinfo type='smbios'>
              <bios>
                <entry name='vendor'>LENOVO</entry>
                <entry name='version'>G4ETA1WW (2.61 )</entry>
                <entry name='date'>05/07/2014</entry>
                <entry name='release'>2.61</entry>
              </bios>
            </sysinfo>
            """;
    private static final int[] PAGE_SIZES = {4, 8, 2048, 1024 * 1024};

    private final TestState st;

    TestHost(TestState st) {
        this.st = st;
    }

    @Override
    public String getType() {
        return "TEST";
    }

    @Override
    public long getVersion() {
        return 2;
    }

    @Override
    public String getHostname() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h;
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    /** testConnectIsEncrypted: an in-process connection sends nothing anywhere. */
    @Override
    public boolean isEncrypted() {
        return false;
    }

    /** testConnectIsSecure: nothing leaves the process, so nothing can be overheard. */
    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public boolean isAlive() {
        return true;
    }

    /** testNodeGetSecurityModel: the first security model of the capabilities. */
    @Override
    public SecurityModel nodeGetSecurityModel() {
        return new SecurityModel("testSecurity", "");
    }

    @Override
    public String getSysinfo() {
        return SYSINFO;
    }

    @Override
    public int getMaxVcpus(String type) {
        return TestDomains.MAX_VCPUS;
    }

    @Override
    public NodeInfo nodeGetInfo() {
        synchronized (st) {
            return st.nodeInfo;
        }
    }

    @Override
    public long nodeGetFreeMemory() {
        synchronized (st) {
            long free = 0;
            for (TestState.Cell c : st.cells) {
                free += c.freeMemKiB();
            }
            return free;
        }
    }

    @Override
    public List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        synchronized (st) {
            if (startCell >= st.cells.size()) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "Range exceeds available cells");
            }
            List<Long> out = new ArrayList<>();
            for (int c = startCell, i = 0; c < st.cells.size() && i < maxCells; c++, i++) {
                out.add(st.cells.get(c).memKiB());
            }
            return out;
        }
    }

    @Override
    public String getCapabilities() {
        synchronized (st) {
            StringBuilder sb = new StringBuilder("<capabilities>\n\n  <host>\n    <cpu>\n      <arch>i686</arch>\n");
            sb.append("      <features>\n        <pae/>\n        <nonpae/>\n      </features>\n");
            for (int size : PAGE_SIZES) {
                sb.append("      <pages unit='KiB' size='").append(size).append("'/>\n");
            }
            sb.append("    </cpu>\n    <power_management/>\n    <iommu support='no'/>\n");
            if (!st.cells.isEmpty()) {
                topology(sb);
            }
            sb.append("    <secmodel>\n      <model>testSecurity</model>\n      <doi></doi>\n    </secmodel>\n");
            sb.append("  </host>\n\n");
            for (String os : List.of("hvm", "xen")) {
                sb.append("  <guest>\n    <os_type>").append(os).append("</os_type>\n");
                sb.append("    <arch name='i686'>\n      <wordsize>32</wordsize>\n");
                sb.append("      <emulator>/usr/bin/test-hv</emulator>\n      <domain type='test'/>\n    </arch>\n");
                sb.append("    <features>\n      <pae/>\n      <nonpae/>\n    </features>\n  </guest>\n\n");
            }
            return sb.append("</capabilities>\n").toString();
        }
    }

    /** One cell per NUMA node; cell 1 reports 8 KiB base pages, as testBuildCapabilities arranges. */
    private void topology(StringBuilder sb) {
        sb.append("    <topology>\n      <cells num='").append(st.cells.size()).append("'>\n");
        int cpu = 0;
        for (int i = 0; i < st.cells.size(); i++) {
            TestState.Cell c = st.cells.get(i);
            int base = i == 1 ? PAGE_SIZES[1] : PAGE_SIZES[0];
            sb.append("        <cell id='").append(i).append("'>\n");
            sb.append("          <memory unit='KiB'>").append(c.memKiB()).append("</memory>\n");
            sb.append("          <pages unit='KiB' size='").append(base).append("'>").append(c.memKiB() / base)
                    .append("</pages>\n");
            for (int j = 2; j < PAGE_SIZES.length; j++) {
                sb.append("          <pages unit='KiB' size='").append(PAGE_SIZES[j]).append("'>0</pages>\n");
            }
            sb.append("          <cpus num='").append(c.numCpus()).append("'>\n");
            for (int k = 0; k < c.numCpus(); k++, cpu++) {
                sb.append("            <cpu id='").append(cpu).append("' socket_id='").append(i)
                        .append("' die_id='0' core_id='").append(k).append("' siblings='").append(cpu)
                        .append("'/>\n");
            }
            sb.append("          </cpus>\n        </cell>\n");
        }
        sb.append("      </cells>\n    </topology>\n");
    }

    /** testNodeGetCPUStats: the same four counters for any CPU. */
    @Override
    public java.util.Map<String, Long> nodeGetCPUStats(int cpuNum) {
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("user", 9797400000L);
        m.put("kernel", 34678723400000L);
        m.put("idle", 87264900000L);
        m.put("iowait", 763600000L);
        return m;
    }

    /** testNodeGetCPUMap: 8 CPUs, 0, 2 and 4 online (0x15). */
    @Override
    public org.jvirt.NodeCPUMap nodeGetCPUMap() {
        return new org.jvirt.NodeCPUMap(8, java.util.BitSet.valueOf(new byte[] {0x15}), 3);
    }

    /** testNodeGetFreePages: made-up counts, x = 2x + 7 from 6, whatever the sizes and cells. */
    @Override
    public long[] nodeGetFreePages(int[] pageSizesKiB, int startCell, int cellCount) {
        long[] counts = new long[pageSizesKiB.length * cellCount];
        int x = 6; // an int in libvirt too: it wraps, and the count takes it sign-extended
        for (int i = 0; i < counts.length; i++) {
            x = x * 2 + 7;
            counts[i] = x;
        }
        return counts;
    }

    /** testConnectBaselineCPU: libvirt's x86 baseline over its CPU map (CpuBaseline). */
    @Override
    public String baselineCPU(java.util.List<String> xmlCPUs,
                              java.util.Set<org.jvirt.flags.ConnectBaselineCPUFlag> flags) {
        return CpuBaseline.baseline(xmlCPUs, flags);
    }
}
