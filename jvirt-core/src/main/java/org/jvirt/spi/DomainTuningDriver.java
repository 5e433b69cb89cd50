package org.jvirt.spi;

import java.util.List;
import java.util.Set;

import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.TypedParameter;
import org.jvirt.flags.DomainModificationImpact;

/**
 * A hypervisor driver's tuning entry points: the typed-parameter families a domain is tuned with (scheduler,
 * memory, block I/O weight, NUMA, perf events), virsh's schedinfo, memtune, blkiotune, numatune and perf. A driver
 * overrides what it implements; the rest fail with VIR_ERR_NO_SUPPORT naming the function. The vCPU, emulator
 * and IOThread pinning (vcpupin, emulatorpin, iothreadpin) and the IOThread set live here too. Parameters come and go
 * in libvirt's order with libvirt's types; the flags are the modification impact.
 */
public interface DomainTuningDriver {

    @Libvirt("virDomainGetSchedulerType")
    default String getSchedulerType(DomainRef dom) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetSchedulerType");
    }

    @Libvirt({"virDomainGetSchedulerParameters", "virDomainGetSchedulerParametersFlags"})
    default List<TypedParameter> getSchedulerParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetSchedulerParametersFlags");
    }

    @Libvirt({"virDomainSetSchedulerParameters", "virDomainSetSchedulerParametersFlags"})
    default void setSchedulerParameters(DomainRef dom, List<TypedParameter> params,
                                        Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetSchedulerParametersFlags");
    }

    @Libvirt("virDomainGetMemoryParameters")
    default List<TypedParameter> getMemoryParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetMemoryParameters");
    }

    @Libvirt("virDomainSetMemoryParameters")
    default void setMemoryParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetMemoryParameters");
    }

    @Libvirt("virDomainGetBlkioParameters")
    default List<TypedParameter> getBlkioParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetBlkioParameters");
    }

    @Libvirt("virDomainSetBlkioParameters")
    default void setBlkioParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetBlkioParameters");
    }

    @Libvirt("virDomainGetNumaParameters")
    default List<TypedParameter> getNumaParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetNumaParameters");
    }

    @Libvirt("virDomainSetNumaParameters")
    default void setNumaParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetNumaParameters");
    }

    @Libvirt("virDomainGetPerfEvents")
    default List<TypedParameter> getPerfEvents(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetPerfEvents");
    }

    @Libvirt("virDomainSetPerfEvents")
    default void setPerfEvents(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetPerfEvents");
    }

    // ---- IOThreads: ids as the definition lists them; affinities as host CPU bitmaps (bit i = CPU i)

    @Libvirt("virDomainGetIOThreadInfo")
    default List<org.jvirt.DomainIOThreadInfo> getIOThreadInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetIOThreadInfo");
    }

    @Libvirt("virDomainPinIOThread")
    default void pinIOThread(DomainRef dom, int iothreadId, java.util.BitSet cpus,
                             Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainPinIOThread");
    }

    @Libvirt("virDomainAddIOThread")
    default void addIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainAddIOThread");
    }

    @Libvirt("virDomainDelIOThread")
    default void delIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainDelIOThread");
    }

    @Libvirt("virDomainSetIOThreadParams")
    default void setIOThreadParams(DomainRef dom, int iothreadId, List<TypedParameter> params,
                                   Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetIOThreadParams");
    }

    // ---- pinning: bitmaps of host CPUs (bit i = CPU i)

    /** The affinity of every vCPU up to the maximum, in vCPU order. */
    @Libvirt("virDomainGetVcpuPinInfo")
    default List<java.util.BitSet> getVcpuPinInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetVcpuPinInfo");
    }

    @Libvirt({"virDomainPinVcpu", "virDomainPinVcpuFlags"})
    default void pinVcpu(DomainRef dom, int vcpu, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainPinVcpuFlags");
    }

    @Libvirt("virDomainGetEmulatorPinInfo")
    default java.util.BitSet getEmulatorPinInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetEmulatorPinInfo");
    }

    @Libvirt("virDomainPinEmulator")
    default void pinEmulator(DomainRef dom, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainPinEmulator");
    }

    /** The bandwidth limits of one interface (by MAC or target device name), inbound.* then outbound.*. */
    @Libvirt("virDomainGetInterfaceParameters")
    default List<TypedParameter> getInterfaceParameters(DomainRef dom, String device,
                                                        Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetInterfaceParameters");
    }

    @Libvirt("virDomainSetInterfaceParameters")
    default void setInterfaceParameters(DomainRef dom, String device, List<TypedParameter> params,
                                        Set<DomainModificationImpact> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainSetInterfaceParameters");
    }
}
