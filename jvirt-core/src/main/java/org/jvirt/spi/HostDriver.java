package org.jvirt.spi;

import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.NodeInfo;
import org.jvirt.SecurityModel;
import org.jvirt.VirtException;

/**
 * The host and connection part of a hypervisor driver (libvirt's virConnect* and virNode* entry points).
 * Every entry point a driver does not override fails with VIR_ERR_NO_SUPPORT naming the libvirt function.
 */
public interface HostDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.DOMAIN, function);
    }

    /** The hypervisor's name as libvirt reports it, e.g. "Test" or "QEMU". */
    @Libvirt("virConnectGetType")
    default String getType() {
        throw unsupported("virConnectGetType");
    }

    /** The hypervisor's version as major * 1,000,000 + minor * 1,000 + release. */
    @Libvirt("virConnectGetVersion")
    default long getVersion() {
        throw unsupported("virConnectGetVersion");
    }

    @Libvirt("virConnectGetHostname")
    default String getHostname() {
        throw unsupported("virConnectGetHostname");
    }

    @Libvirt("virConnectGetCapabilities")
    default String getCapabilities() {
        throw unsupported("virConnectGetCapabilities");
    }

    @Libvirt("virConnectGetDomainCapabilities")
    default String getDomainCapabilities(String emulatorbin, String arch, String machine, String virttype) {
        throw unsupported("virConnectGetDomainCapabilities");
    }

    @Libvirt("virConnectGetSysinfo")
    default String getSysinfo() {
        throw unsupported("virConnectGetSysinfo");
    }

    @Libvirt("virConnectGetMaxVcpus")
    default int getMaxVcpus(String type) {
        throw unsupported("virConnectGetMaxVcpus");
    }

    @Libvirt("virNodeGetInfo")
    default NodeInfo nodeGetInfo() {
        throw unsupported("virNodeGetInfo");
    }

    /** Free memory on the host, in bytes. */
    @Libvirt("virNodeGetFreeMemory")
    default long nodeGetFreeMemory() {
        throw unsupported("virNodeGetFreeMemory");
    }

    /** Free memory in bytes of NUMA cells {@code startCell} to {@code startCell + maxCells - 1}. */
    @Libvirt("virNodeGetCellsFreeMemory")
    default List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        throw unsupported("virNodeGetCellsFreeMemory");
    }

    @Libvirt("virNodeGetSecurityModel")
    default SecurityModel nodeGetSecurityModel() {
        throw unsupported("virNodeGetSecurityModel");
    }

    /** CPU time counters in ns by libvirt's names (user, kernel, idle, iowait ...) of one CPU or all (-1). */
    @Libvirt("virNodeGetCPUStats")
    default java.util.Map<String, Long> nodeGetCPUStats(int cpuNum) {
        throw unsupported("virNodeGetCPUStats");
    }

    /** Memory figures in KiB by libvirt's names (total, free, buffers, cached) of one cell or all (-1). */
    @Libvirt("virNodeGetMemoryStats")
    default java.util.Map<String, Long> nodeGetMemoryStats(int cellNum) {
        throw unsupported("virNodeGetMemoryStats");
    }

    @Libvirt("virNodeGetCPUMap")
    default org.jvirt.NodeCPUMap nodeGetCPUMap() {
        throw unsupported("virNodeGetCPUMap");
    }

    /** Free pages of each size (KiB) in each cell from {@code startCell}: cell-major, as libvirt lays them out. */
    @Libvirt("virNodeGetFreePages")
    default long[] nodeGetFreePages(int[] pageSizesKiB, int startCell, int cellCount) {
        throw unsupported("virNodeGetFreePages");
    }

    /** Sets or adds to the pools of huge pages; answers how many pools changed. */
    @Libvirt("virNodeAllocPages")
    default int nodeAllocPages(int[] pageSizesKiB, long[] pageCounts, int startCell, int cellCount,
                               java.util.Set<org.jvirt.flags.NodeAllocPagesFlag> flags) {
        throw unsupported("virNodeAllocPages");
    }

    /** The kernel's memory tunables (shm_pages_to_scan, ...). */
    @Libvirt("virNodeGetMemoryParameters")
    default List<org.jvirt.TypedParameter> nodeGetMemoryParameters() {
        throw unsupported("virNodeGetMemoryParameters");
    }

    @Libvirt("virNodeSetMemoryParameters")
    default void nodeSetMemoryParameters(List<org.jvirt.TypedParameter> params) {
        throw unsupported("virNodeSetMemoryParameters");
    }

    @Libvirt("virConnectGetCPUModelNames")
    default List<String> getCPUModelNames(String arch) {
        throw unsupported("virConnectGetCPUModelNames");
    }

    // ---- CPU models: compare and baseline

    @Libvirt("virConnectCompareCPU")
    default org.jvirt.CPUCompareResult compareCPU(String xmlDesc,
                                                  java.util.Set<org.jvirt.flags.ConnectCompareCPUFlag> flags) {
        throw unsupported("virConnectCompareCPU");
    }

    @Libvirt("virConnectCompareHypervisorCPU")
    default org.jvirt.CPUCompareResult compareHypervisorCPU(String emulator, String arch, String machine,
                                                            String virttype, String xmlCPU,
                                                            java.util.Set<org.jvirt.flags.ConnectCompareCPUFlag> flags) {
        throw unsupported("virConnectCompareHypervisorCPU");
    }

    @Libvirt("virConnectBaselineCPU")
    default String baselineCPU(List<String> xmlCPUs, java.util.Set<org.jvirt.flags.ConnectBaselineCPUFlag> flags) {
        throw unsupported("virConnectBaselineCPU");
    }

    @Libvirt("virConnectBaselineHypervisorCPU")
    default String baselineHypervisorCPU(String emulator, String arch, String machine, String virttype,
                                         List<String> xmlCPUs,
                                         java.util.Set<org.jvirt.flags.ConnectBaselineCPUFlag> flags) {
        throw unsupported("virConnectBaselineHypervisorCPU");
    }

    @Libvirt("virConnectIsEncrypted")
    default boolean isEncrypted() {
        return false;
    }

    @Libvirt("virConnectIsSecure")
    default boolean isSecure() {
        return true;
    }

    @Libvirt("virConnectIsAlive")
    default boolean isAlive() {
        return true;
    }
}
