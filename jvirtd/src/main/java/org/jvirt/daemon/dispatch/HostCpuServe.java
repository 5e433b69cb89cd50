package org.jvirt.daemon.dispatch;

import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_BASELINE_CPU;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_BASELINE_HYPERVISOR_CPU;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_COMPARE_CPU;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_COMPARE_HYPERVISOR_CPU;

import org.jvirt.flags.ConnectBaselineCPUFlag;
import org.jvirt.flags.ConnectCompareCPUFlag;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectBaselineCpuRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectBaselineHypervisorCpuRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectCompareCpuRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectCompareHypervisorCpuRet;

/** CPU models: compare with the host's or the hypervisor's CPU, and baselines of a set of CPUs. */
final class HostCpuServe {

    private HostCpuServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_COMPARE_CPU, (c, a) -> new RemoteConnectCompareCpuRet(
                c.conn().compareCPU(a.xml(), c.flags(ConnectCompareCPUFlag.class, a.flags())).code()));
        t.on(CONNECT_COMPARE_HYPERVISOR_CPU, (c, a) -> new RemoteConnectCompareHypervisorCpuRet(
                c.conn().compareHypervisorCPU(a.emulator(), a.arch(), a.machine(), a.virttype(), a.xmlCPU(),
                        c.flags(ConnectCompareCPUFlag.class, a.flags())).code()));
        t.on(CONNECT_BASELINE_CPU, (c, a) -> new RemoteConnectBaselineCpuRet(
                c.conn().baselineCPU(a.xmlCPUs(), c.flags(ConnectBaselineCPUFlag.class, a.flags()))));
        t.on(CONNECT_BASELINE_HYPERVISOR_CPU, (c, a) -> new RemoteConnectBaselineHypervisorCpuRet(
                c.conn().baselineHypervisorCPU(a.emulator(), a.arch(), a.machine(), a.virttype(), a.xmlCPUs(),
                        c.flags(ConnectBaselineCPUFlag.class, a.flags()))));
    }
}
