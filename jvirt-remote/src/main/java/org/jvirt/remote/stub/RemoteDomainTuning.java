package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.DomainParametersProcedures.*;

import java.util.List;
import java.util.Set;

import org.jvirt.Flags;
import org.jvirt.TypedParameter;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.*;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainTuningDriver;

/**
 * Domain tuning over the wire. The Get*Parameters calls ask for the count first and then for that many, as
 * libvirt's clients do; they say VIR_TYPED_PARAM_STRING_OKAY, as libvirt's public API does for a driver with the
 * TYPED_PARAM_STRING feature (the remote driver has it). The scheduler calls without flags use the old procedures.
 */
public final class RemoteDomainTuning implements DomainTuningDriver {

    private static final int STRING_OKAY = 1 << 2;

    private final Rpc rpc;

    public RemoteDomainTuning(Rpc rpc) {
        this.rpc = rpc;
    }

    private static RemoteNonnullDomain w(DomainRef d) {
        return Refs.wire(d);
    }

    @Override
    public String getSchedulerType(DomainRef dom) {
        return rpc.call(DOMAIN_GET_SCHEDULER_TYPE, new RemoteDomainGetSchedulerTypeArgs(w(dom))).type();
    }

    @Override
    public List<TypedParameter> getSchedulerParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        int n = rpc.call(DOMAIN_GET_SCHEDULER_TYPE, new RemoteDomainGetSchedulerTypeArgs(w(dom))).nparams();
        if (flags.isEmpty()) {
            return TypedParams.fromWire(rpc.call(DOMAIN_GET_SCHEDULER_PARAMETERS,
                    new RemoteDomainGetSchedulerParametersArgs(w(dom), n)).params());
        }
        return TypedParams.fromWire(rpc.call(DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
                new RemoteDomainGetSchedulerParametersFlagsArgs(w(dom), n, Flags.toBits(flags) | STRING_OKAY))
                .params());
    }

    @Override
    public void setSchedulerParameters(DomainRef dom, List<TypedParameter> params,
                                       Set<DomainModificationImpact> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_SET_SCHEDULER_PARAMETERS,
                    new RemoteDomainSetSchedulerParametersArgs(w(dom), TypedParams.toWire(params)));
        } else {
            rpc.call(DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, new RemoteDomainSetSchedulerParametersFlagsArgs(w(dom),
                    TypedParams.toWire(params), Flags.toBits(flags)));
        }
    }

    @Override
    public List<TypedParameter> getMemoryParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        int bits = Flags.toBits(flags) | STRING_OKAY;
        int n = rpc.call(DOMAIN_GET_MEMORY_PARAMETERS, new RemoteDomainGetMemoryParametersArgs(w(dom), 0, bits))
                .nparams();
        if (n == 0) {
            return List.of();
        }
        return TypedParams.fromWire(rpc.call(DOMAIN_GET_MEMORY_PARAMETERS,
                new RemoteDomainGetMemoryParametersArgs(w(dom), n, bits)).params());
    }

    @Override
    public void setMemoryParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_MEMORY_PARAMETERS, new RemoteDomainSetMemoryParametersArgs(w(dom),
                TypedParams.toWire(params), Flags.toBits(flags)));
    }

    @Override
    public List<TypedParameter> getBlkioParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        int bits = Flags.toBits(flags) | STRING_OKAY;
        int n = rpc.call(DOMAIN_GET_BLKIO_PARAMETERS, new RemoteDomainGetBlkioParametersArgs(w(dom), 0, bits))
                .nparams();
        if (n == 0) {
            return List.of();
        }
        return TypedParams.fromWire(rpc.call(DOMAIN_GET_BLKIO_PARAMETERS,
                new RemoteDomainGetBlkioParametersArgs(w(dom), n, bits)).params());
    }

    @Override
    public void setBlkioParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_BLKIO_PARAMETERS, new RemoteDomainSetBlkioParametersArgs(w(dom),
                TypedParams.toWire(params), Flags.toBits(flags)));
    }

    @Override
    public List<TypedParameter> getNumaParameters(DomainRef dom, Set<DomainModificationImpact> flags) {
        int bits = Flags.toBits(flags) | STRING_OKAY;
        int n = rpc.call(DOMAIN_GET_NUMA_PARAMETERS, new RemoteDomainGetNumaParametersArgs(w(dom), 0, bits))
                .nparams();
        if (n == 0) {
            return List.of();
        }
        return TypedParams.fromWire(rpc.call(DOMAIN_GET_NUMA_PARAMETERS,
                new RemoteDomainGetNumaParametersArgs(w(dom), n, bits)).params());
    }

    @Override
    public void setNumaParameters(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_NUMA_PARAMETERS, new RemoteDomainSetNumaParametersArgs(w(dom),
                TypedParams.toWire(params), Flags.toBits(flags)));
    }

    @Override
    public List<TypedParameter> getPerfEvents(DomainRef dom, Set<DomainModificationImpact> flags) {
        return TypedParams.fromWire(rpc.call(DOMAIN_GET_PERF_EVENTS,
                new RemoteDomainGetPerfEventsArgs(w(dom), Flags.toBits(flags) | STRING_OKAY)).params());
    }

    @Override
    public void setPerfEvents(DomainRef dom, List<TypedParameter> params, Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_PERF_EVENTS, new RemoteDomainSetPerfEventsArgs(w(dom), TypedParams.toWire(params),
                Flags.toBits(flags)));
    }

    @Override
    public List<TypedParameter> getInterfaceParameters(DomainRef dom, String device,
                                                       Set<DomainModificationImpact> flags) {
        int bits = Flags.toBits(flags) | STRING_OKAY;
        int n = rpc.call(DOMAIN_GET_INTERFACE_PARAMETERS, new RemoteDomainGetInterfaceParametersArgs(w(dom), device,
                0, bits)).nparams();
        if (n == 0) {
            return List.of();
        }
        return TypedParams.fromWire(rpc.call(DOMAIN_GET_INTERFACE_PARAMETERS,
                new RemoteDomainGetInterfaceParametersArgs(w(dom), device, n, bits)).params());
    }

    @Override
    public void setInterfaceParameters(DomainRef dom, String device, List<TypedParameter> params,
                                       Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_INTERFACE_PARAMETERS, new RemoteDomainSetInterfaceParametersArgs(w(dom), device,
                TypedParams.toWire(params), Flags.toBits(flags)));
    }

    // ---- IOThreads: remoteDomainGetIOThreadInfo and the generated stubs of the others

    @Override
    public List<org.jvirt.DomainIOThreadInfo> getIOThreadInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        var r = rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_GET_IOTHREAD_INFO,
                new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetIothreadInfoArgs(w(dom),
                        Flags.toBits(flags)));
        if (r.info().size() > org.jvirt.rpc.proto.remote.RemoteConstants.REMOTE_IOTHREAD_INFO_MAX) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.REMOTE, org.jvirt.ErrorNumber.INTERNAL_ERROR,
                    "Too many IOThreads in info: %d for limit %d", r.info().size(),
                    org.jvirt.rpc.proto.remote.RemoteConstants.REMOTE_IOTHREAD_INFO_MAX);
        }
        List<org.jvirt.DomainIOThreadInfo> out = new java.util.ArrayList<>();
        for (var i : r.info()) {
            out.add(new org.jvirt.DomainIOThreadInfo(i.iothreadId(), java.util.BitSet.valueOf(i.cpumap())));
        }
        return out;
    }

    @Override
    public void pinIOThread(DomainRef dom, int iothreadId, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        // a map of no bytes would be refused as maplen 0; an empty one is the driver's to refuse
        byte[] map = cpus.toByteArray();
        rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_PIN_IOTHREAD,
                new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainPinIothreadArgs(w(dom), iothreadId,
                        map.length == 0 ? new byte[1] : map, Flags.toBits(flags)));
    }

    @Override
    public void addIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        rpc.call(org.jvirt.rpc.proto.remote.DomainDeviceProcedures.DOMAIN_ADD_IOTHREAD,
                new org.jvirt.rpc.proto.remote.DomainDeviceTypes.RemoteDomainAddIothreadArgs(w(dom), iothreadId,
                        Flags.toBits(flags)));
    }

    @Override
    public void delIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        rpc.call(org.jvirt.rpc.proto.remote.DomainDeviceProcedures.DOMAIN_DEL_IOTHREAD,
                new org.jvirt.rpc.proto.remote.DomainDeviceTypes.RemoteDomainDelIothreadArgs(w(dom), iothreadId,
                        Flags.toBits(flags)));
    }

    @Override
    public void setIOThreadParams(DomainRef dom, int iothreadId, List<TypedParameter> params,
                                  Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_IOTHREAD_PARAMS, new RemoteDomainSetIothreadParamsArgs(w(dom), iothreadId,
                TypedParams.toWire(params), Flags.toBits(flags)));
    }

    // ---- pinning: maps as libvirt lays them out, VIR_CPU_MAPLEN(host CPUs) bytes each

    private int maplen() {
        int cpus = rpc.call(org.jvirt.rpc.proto.remote.NodeProcedures.NODE_GET_INFO, null).cpus();
        return (cpus + 7) / 8;
    }

    @Override
    public List<java.util.BitSet> getVcpuPinInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        int vcpuMaximum = 4;
        int n = rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_GET_VCPUS_FLAGS,
                new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetVcpusFlagsArgs(w(dom),
                        Flags.toBits(flags) | vcpuMaximum)).num();
        int maplen = maplen();
        var r = rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_GET_VCPU_PIN_INFO,
                new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetVcpuPinInfoArgs(w(dom), n, maplen,
                        Flags.toBits(flags)));
        List<java.util.BitSet> out = new java.util.ArrayList<>();
        for (int i = 0; i < r.num(); i++) {
            out.add(java.util.BitSet.valueOf(java.util.Arrays.copyOfRange(r.cpumaps(), i * maplen, (i + 1) * maplen)));
        }
        return out;
    }

    @Override
    public void pinVcpu(DomainRef dom, int vcpu, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        byte[] map = cpus.toByteArray();
        if (flags.isEmpty()) {
            rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_PIN_VCPU,
                    new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainPinVcpuArgs(w(dom), vcpu, map));
        } else {
            rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_PIN_VCPU_FLAGS,
                    new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainPinVcpuFlagsArgs(w(dom), vcpu, map,
                            Flags.toBits(flags)));
        }
    }

    @Override
    public java.util.BitSet getEmulatorPinInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        var r = rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_GET_EMULATOR_PIN_INFO,
                new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetEmulatorPinInfoArgs(w(dom), maplen(),
                        Flags.toBits(flags)));
        return java.util.BitSet.valueOf(r.cpumaps());
    }

    @Override
    public void pinEmulator(DomainRef dom, java.util.BitSet cpus, Set<DomainModificationImpact> flags) {
        rpc.call(org.jvirt.rpc.proto.remote.DomainVcpuProcedures.DOMAIN_PIN_EMULATOR,
                new org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainPinEmulatorArgs(w(dom), cpus.toByteArray(),
                        Flags.toBits(flags)));
    }
}
