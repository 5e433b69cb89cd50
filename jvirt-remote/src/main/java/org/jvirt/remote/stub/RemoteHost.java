package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectProcedures.*;
import static org.jvirt.rpc.proto.remote.NodeProcedures.*;

import java.util.List;
import org.jvirt.NodeInfo;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.proto.remote.ConnectTypes.*;
import org.jvirt.rpc.proto.remote.NodeTypes.*;
import org.jvirt.spi.HostDriver;

/** virConnect* / virNode* over the wire. */
public final class RemoteHost implements HostDriver {

    private final Rpc rpc;

    public RemoteHost(Rpc rpc) {
        this.rpc = rpc;
    }

    @Override
    public String getType() {
        return rpc.call(CONNECT_GET_TYPE, null).type();
    }

    @Override
    public long getVersion() {
        return rpc.call(CONNECT_GET_VERSION, null).hvVer();
    }

    @Override
    public String getHostname() {
        return rpc.call(CONNECT_GET_HOSTNAME, null).hostname();
    }

    @Override
    public String getCapabilities() {
        return rpc.call(CONNECT_GET_CAPABILITIES, null).capabilities();
    }

    @Override
    public String getDomainCapabilities(String emulatorbin, String arch, String machine, String virttype) {
        return rpc.call(CONNECT_GET_DOMAIN_CAPABILITIES,
                new RemoteConnectGetDomainCapabilitiesArgs(emulatorbin, arch, machine, virttype, 0)).capabilities();
    }

    @Override
    public String getSysinfo() {
        return rpc.call(CONNECT_GET_SYSINFO, new RemoteConnectGetSysinfoArgs(0)).sysinfo();
    }

    @Override
    public int getMaxVcpus(String type) {
        return rpc.call(CONNECT_GET_MAX_VCPUS, new RemoteConnectGetMaxVcpusArgs(type)).maxVcpus();
    }

    @Override
    public NodeInfo nodeGetInfo() {
        RemoteNodeGetInfoRet r = rpc.call(NODE_GET_INFO, null);
        return new NodeInfo(Refs.cString(r.model()), r.memory(), r.cpus(), r.mhz(), r.nodes(), r.sockets(),
                r.cores(), r.threads());
    }

    @Override
    public long nodeGetFreeMemory() {
        return rpc.call(NODE_GET_FREE_MEMORY, null).freeMem();
    }

    @Override
    public List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return rpc.call(NODE_GET_CELLS_FREE_MEMORY, new RemoteNodeGetCellsFreeMemoryArgs(startCell, maxCells))
                .cells();
    }

    @Override
    public List<String> getCPUModelNames(String arch) {
        return rpc.call(CONNECT_GET_CPU_MODEL_NAMES, new RemoteConnectGetCpuModelNamesArgs(arch, 1, 0)).models();
    }

    /** libvirt: encrypted only if the transport encrypts and the server's own connection is secure. */
    @Override
    public boolean isEncrypted() {
        boolean secure = Refs.bool(rpc.call(CONNECT_IS_SECURE, null).secure());
        return rpc.encrypted() && secure;
    }

    /** libvirt: secure if the transport is (anything but plain TCP) and the server says so. */
    @Override
    public boolean isSecure() {
        boolean secure = Refs.bool(rpc.call(CONNECT_IS_SECURE, null).secure());
        return rpc.transportSecure() && secure;
    }

    @Override
    public boolean isAlive() {
        return rpc.isOpen();
    }

    @Override
    public org.jvirt.SecurityModel nodeGetSecurityModel() {
        RemoteNodeGetSecurityModelRet r = rpc.call(NODE_GET_SECURITY_MODEL, null);
        return new org.jvirt.SecurityModel(Refs.cString(r.model()), Refs.cString(r.doi()));
    }

    /** As libvirt's clients do: the count first, then that many. */
    @Override
    public java.util.Map<String, Long> nodeGetCPUStats(int cpuNum) {
        int n = rpc.call(NODE_GET_CPU_STATS, new RemoteNodeGetCpuStatsArgs(cpuNum, 0, 0)).nparams();
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (n > 0) {
            for (RemoteNodeGetCpuStats p : rpc.call(NODE_GET_CPU_STATS, new RemoteNodeGetCpuStatsArgs(cpuNum, n, 0))
                    .params()) {
                out.put(p.field(), p.value());
            }
        }
        return out;
    }

    @Override
    public java.util.Map<String, Long> nodeGetMemoryStats(int cellNum) {
        int n = rpc.call(NODE_GET_MEMORY_STATS, new RemoteNodeGetMemoryStatsArgs(0, cellNum, 0)).nparams();
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        if (n > 0) {
            for (RemoteNodeGetMemoryStats p : rpc.call(NODE_GET_MEMORY_STATS,
                    new RemoteNodeGetMemoryStatsArgs(n, cellNum, 0)).params()) {
                out.put(p.field(), p.value());
            }
        }
        return out;
    }

    @Override
    public org.jvirt.NodeCPUMap nodeGetCPUMap() {
        RemoteNodeGetCpuMapRet r = rpc.call(NODE_GET_CPU_MAP, new RemoteNodeGetCpuMapArgs(1, 1, 0));
        return new org.jvirt.NodeCPUMap(r.ret(), java.util.BitSet.valueOf(r.cpumap()), r.online());
    }

    @Override
    public long[] nodeGetFreePages(int[] pageSizesKiB, int startCell, int cellCount) {
        List<Integer> pages = java.util.Arrays.stream(pageSizesKiB).boxed().toList();
        return rpc.call(NODE_GET_FREE_PAGES, new RemoteNodeGetFreePagesArgs(pages, startCell, cellCount, 0))
                .counts().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public int nodeAllocPages(int[] pageSizesKiB, long[] pageCounts, int startCell, int cellCount,
                              java.util.Set<org.jvirt.flags.NodeAllocPagesFlag> flags) {
        return rpc.call(NODE_ALLOC_PAGES, new RemoteNodeAllocPagesArgs(
                java.util.Arrays.stream(pageSizesKiB).boxed().toList(),
                java.util.Arrays.stream(pageCounts).boxed().toList(), startCell, cellCount,
                org.jvirt.Flags.toBits(flags))).ret();
    }

    @Override
    public List<org.jvirt.TypedParameter> nodeGetMemoryParameters() {
        int stringOkay = 1 << 2;
        int n = rpc.call(NODE_GET_MEMORY_PARAMETERS, new RemoteNodeGetMemoryParametersArgs(0, stringOkay)).nparams();
        if (n == 0) {
            return List.of();
        }
        return org.jvirt.rpc.TypedParams.fromWire(rpc.call(NODE_GET_MEMORY_PARAMETERS,
                new RemoteNodeGetMemoryParametersArgs(n, stringOkay)).params());
    }

    @Override
    public void nodeSetMemoryParameters(List<org.jvirt.TypedParameter> params) {
        rpc.call(NODE_SET_MEMORY_PARAMETERS, new RemoteNodeSetMemoryParametersArgs(
                org.jvirt.rpc.TypedParams.toWire(params), 0));
    }

    // ---- CPU models: compare and baseline

    /** A compare result as the remote driver takes it: ERROR (-1) comes with the error reply, never as a value. */
    private static org.jvirt.CPUCompareResult compareResult(int code) {
        org.jvirt.CPUCompareResult r = org.jvirt.CPUCompareResult.fromCode(code);
        if (r == null) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.REMOTE, org.jvirt.ErrorNumber.INTERNAL_ERROR,
                    "unknown CPU compare result %d", code);
        }
        return r;
    }

    @Override
    public org.jvirt.CPUCompareResult compareCPU(String xmlDesc,
                                                 java.util.Set<org.jvirt.flags.ConnectCompareCPUFlag> flags) {
        return compareResult(rpc.call(CONNECT_COMPARE_CPU,
                new RemoteConnectCompareCpuArgs(xmlDesc, org.jvirt.Flags.toBits(flags))).result());
    }

    @Override
    public org.jvirt.CPUCompareResult compareHypervisorCPU(String emulator, String arch, String machine,
                                                           String virttype, String xmlCPU,
                                                           java.util.Set<org.jvirt.flags.ConnectCompareCPUFlag> flags) {
        return compareResult(rpc.call(CONNECT_COMPARE_HYPERVISOR_CPU, new RemoteConnectCompareHypervisorCpuArgs(
                emulator, arch, machine, virttype, xmlCPU, org.jvirt.Flags.toBits(flags))).result());
    }

    @Override
    public String baselineCPU(List<String> xmlCPUs, java.util.Set<org.jvirt.flags.ConnectBaselineCPUFlag> flags) {
        return rpc.call(CONNECT_BASELINE_CPU, new RemoteConnectBaselineCpuArgs(xmlCPUs,
                org.jvirt.Flags.toBits(flags))).cpu();
    }

    @Override
    public String baselineHypervisorCPU(String emulator, String arch, String machine, String virttype,
                                        List<String> xmlCPUs,
                                        java.util.Set<org.jvirt.flags.ConnectBaselineCPUFlag> flags) {
        return rpc.call(CONNECT_BASELINE_HYPERVISOR_CPU, new RemoteConnectBaselineHypervisorCpuArgs(emulator, arch,
                machine, virttype, xmlCPUs, org.jvirt.Flags.toBits(flags))).cpu();
    }
}
