package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Wire.dom;
import static org.jvirt.rpc.proto.remote.DomainParametersProcedures.*;

import java.util.BitSet;
import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.DomainVcpuProcedures;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetEmulatorPinInfoRet;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetVcpuPinInfoRet;
import org.jvirt.rpc.proto.remote.RemoteConstants;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetBlkioParametersRet;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetMemoryParametersRet;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetNumaParametersRet;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetPerfEventsRet;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetSchedulerParametersFlagsRet;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetSchedulerParametersRet;
import org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetSchedulerTypeRet;

/**
 * Domain tuning: scheduler, memory, block I/O, NUMA parameters, perf events, vCPU and emulator pinning. The Get*Parameters calls follow
 * libvirt's two-step protocol (nparams 0 asks for the count, then the client asks for that many); string values
 * travel only to a client that set VIR_TYPED_PARAM_STRING_OKAY, as virTypedParamsSerialize leaves them out.
 */
final class DomainTuningServe {

    /** VIR_TYPED_PARAM_STRING_OKAY: a wire bit, never one of the API's flags. */
    static final int STRING_OKAY = 1 << 2;

    private DomainTuningServe() {
    }

    static void register(DispatchTable t) {
        registerPinning(t);
        t.on(DOMAIN_GET_SCHEDULER_TYPE, (c, a) -> {
            var d = dom(c.conn(), a.dom());
            String type = d.getSchedulerType();
            return new RemoteDomainGetSchedulerTypeRet(type, d.getSchedulerParameters().size());
        });
        t.on(DOMAIN_GET_SCHEDULER_PARAMETERS, (c, a) -> new RemoteDomainGetSchedulerParametersRet(
                first(positive(c, a.nparams()), RemoteConstants.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                        dom(c.conn(), a.dom()).getSchedulerParameters(), STRING_OKAY)));
        t.on(DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, (c, a) -> new RemoteDomainGetSchedulerParametersFlagsRet(
                first(positive(c, a.nparams()), RemoteConstants.REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                        dom(c.conn(), a.dom()).getSchedulerParameters(impact(c, a.flags())), a.flags())));
        t.on(DOMAIN_SET_SCHEDULER_PARAMETERS, (c, a) -> {
            dom(c.conn(), a.dom()).setSchedulerParameters(TypedParams.fromWire(a.params()));
            return null;
        });
        t.on(DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).setSchedulerParameters(TypedParams.fromWire(a.params()), impact(c, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_MEMORY_PARAMETERS, (c, a) -> {
            List<TypedParameter> all = dom(c.conn(), a.dom()).getMemoryParameters(impact(c, a.flags()));
            return a.nparams() == 0 ? new RemoteDomainGetMemoryParametersRet(List.of(), all.size())
                    : new RemoteDomainGetMemoryParametersRet(first(a.nparams(),
                            RemoteConstants.REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX, all, a.flags()), 0);
        });
        t.on(DOMAIN_SET_MEMORY_PARAMETERS, (c, a) -> {
            dom(c.conn(), a.dom()).setMemoryParameters(TypedParams.fromWire(a.params()), impact(c, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_BLKIO_PARAMETERS, (c, a) -> {
            List<TypedParameter> all = dom(c.conn(), a.dom()).getBlkioParameters(impact(c, a.flags()));
            return a.nparams() == 0 ? new RemoteDomainGetBlkioParametersRet(List.of(), all.size())
                    : new RemoteDomainGetBlkioParametersRet(first(a.nparams(),
                            RemoteConstants.REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX, all, a.flags()), 0);
        });
        t.on(DOMAIN_SET_BLKIO_PARAMETERS, (c, a) -> {
            dom(c.conn(), a.dom()).setBlkioParameters(TypedParams.fromWire(a.params()), impact(c, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_NUMA_PARAMETERS, (c, a) -> {
            List<TypedParameter> all = dom(c.conn(), a.dom()).getNumaParameters(impact(c, a.flags()));
            return a.nparams() == 0 ? new RemoteDomainGetNumaParametersRet(List.of(), all.size())
                    : new RemoteDomainGetNumaParametersRet(first(a.nparams(),
                            RemoteConstants.REMOTE_DOMAIN_NUMA_PARAMETERS_MAX, all, a.flags()), 0);
        });
        t.on(DOMAIN_SET_NUMA_PARAMETERS, (c, a) -> {
            dom(c.conn(), a.dom()).setNumaParameters(TypedParams.fromWire(a.params()), impact(c, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_INTERFACE_PARAMETERS, (c, a) -> {
            List<TypedParameter> all = dom(c.conn(), a.dom()).getInterfaceParameters(a.device(), impact(c, a.flags()));
            return a.nparams() == 0
                    ? new org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetInterfaceParametersRet(
                            List.of(), all.size())
                    : new org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetInterfaceParametersRet(
                            first(a.nparams(), RemoteConstants.REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX, all,
                                    a.flags()), 0);
        });
        t.on(DOMAIN_SET_INTERFACE_PARAMETERS, (c, a) -> {
            dom(c.conn(), a.dom()).setInterfaceParameters(a.device(), TypedParams.fromWire(a.params()),
                    impact(c, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_LAUNCH_SECURITY_INFO, (c, a) -> {
            c.noFlags(a.flags() & ~STRING_OKAY);
            List<TypedParameter> all = dom(c.conn(), a.dom()).getLaunchSecurityInfo();
            return new org.jvirt.rpc.proto.remote.DomainParametersTypes2.RemoteDomainGetLaunchSecurityInfoRet(
                    first(all.size(), RemoteConstants.REMOTE_DOMAIN_LAUNCH_SECURITY_INFO_PARAMS_MAX, all, a.flags()));
        });
        t.on(DOMAIN_GET_PERF_EVENTS, (c, a) -> {
            List<TypedParameter> all = dom(c.conn(), a.dom()).getPerfEvents(impact(c, a.flags()));
            return new RemoteDomainGetPerfEventsRet(first(all.size(), RemoteConstants.REMOTE_DOMAIN_PERF_EVENTS_MAX,
                    all, a.flags()));
        });
        t.on(DOMAIN_SET_PERF_EVENTS, (c, a) -> {
            dom(c.conn(), a.dom()).setPerfEvents(TypedParams.fromWire(a.params()), impact(c, a.flags()));
            return null;
        });
    }

    /** vCPU and emulator pinning: bitmaps in libvirt's layout, {@code maplen} bytes each. */
    private static void registerPinning(DispatchTable t) {
        t.on(DomainVcpuProcedures.DOMAIN_GET_VCPU_PIN_INFO, (c, a) -> {
            if (a.ncpumaps() > RemoteConstants.REMOTE_VCPUINFO_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "ncpumaps > REMOTE_VCPUINFO_MAX");
            }
            if ((long) a.ncpumaps() * a.maplen() > RemoteConstants.REMOTE_CPUMAPS_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                        "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
            }
            List<BitSet> maps = dom(c.conn(), a.dom()).getVcpuPinInfo(c.flags(DomainModificationImpact.class,
                    a.flags()));
            int n = Math.min(Math.max(a.ncpumaps(), 0), maps.size());
            byte[] out = new byte[n * a.maplen()];
            for (int i = 0; i < n; i++) {
                byte[] m = maps.get(i).toByteArray();
                System.arraycopy(m, 0, out, i * a.maplen(), Math.min(m.length, a.maplen()));
            }
            return new RemoteDomainGetVcpuPinInfoRet(out, n);
        });
        t.on(DomainVcpuProcedures.DOMAIN_PIN_VCPU, (c, a) -> {
            dom(c.conn(), a.dom()).pinVcpu(a.vcpu(), BitSet.valueOf(a.cpumap()));
            return null;
        });
        t.on(DomainVcpuProcedures.DOMAIN_PIN_VCPU_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).pinVcpu(a.vcpu(), BitSet.valueOf(a.cpumap()),
                    c.flags(DomainModificationImpact.class, a.flags()));
            return null;
        });
        t.on(DomainVcpuProcedures.DOMAIN_GET_EMULATOR_PIN_INFO, (c, a) -> {
            byte[] m = dom(c.conn(), a.dom()).getEmulatorPinInfo(c.flags(DomainModificationImpact.class, a.flags()))
                    .toByteArray();
            return new RemoteDomainGetEmulatorPinInfoRet(java.util.Arrays.copyOf(m, Math.max(a.maplen(), 0)), 1);
        });
        t.on(DomainVcpuProcedures.DOMAIN_PIN_EMULATOR, (c, a) -> {
            dom(c.conn(), a.dom()).pinEmulator(BitSet.valueOf(a.cpumap()),
                    c.flags(DomainModificationImpact.class, a.flags()));
            return null;
        });
    }

    /** The modification impact of the wire flags, STRING_OKAY set aside. */
    static DomainModificationImpact[] impact(Call c, int flags) {
        return c.flags(DomainModificationImpact.class, flags & ~STRING_OKAY);
    }

    /** virCheckPositiveArgGoto on nparams, as the scheduler calls check it. */
    private static int positive(Call c, int nparams) {
        if (nparams <= 0) {
            String msg = "nparams in " + c.procedure().api() + " must be greater than zero";
            throw VirtException.of(new org.jvirt.VirtError(ErrorNumber.INVALID_ARG.code(), ErrorDomain.DOMAIN.code(),
                    org.jvirt.ErrorLevel.ERROR, msg, c.procedure().api(), "nparams", null, 0, 0));
        }
        return nparams;
    }

    /**
     * The first {@code nparams} parameters as the wire carries them: more than the protocol's maximum is refused
     * as libvirtd refuses it, strings are left out unless the client said it takes them.
     */
    static List<RemoteTypedParam> first(int nparams, int max, List<TypedParameter> all, int flags) {
        if (nparams < 0) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "nparams must be non-negative");
        }
        if (nparams > max) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "nparams too large");
        }
        return all.stream().limit(Math.max(nparams, 0))
                .filter(p -> (flags & STRING_OKAY) != 0 || p.type() != TypedParameter.Type.STRING)
                .map(TypedParams::toWire).toList();
    }
}
