package org.jvirt.daemon.dispatch;

import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_CAPABILITIES;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_DOMAIN_CAPABILITIES;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_HOSTNAME;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_LIB_VERSION;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_MAX_VCPUS;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_SYSINFO;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_TYPE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_VERSION;
import static org.jvirt.rpc.proto.remote.NodeProcedures.NODE_GET_CELLS_FREE_MEMORY;
import static org.jvirt.rpc.proto.remote.NodeProcedures.NODE_GET_FREE_MEMORY;
import static org.jvirt.rpc.proto.remote.NodeProcedures.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeCPUMap;
import org.jvirt.NodeInfo;
import org.jvirt.TypedParameter;
import org.jvirt.flags.NodeAllocPagesFlag;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.remote.RemoteConstants;
import org.jvirt.rpc.proto.remote.NodeTypes.*;
import org.jvirt.VirtException;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetCapabilitiesRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetDomainCapabilitiesRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetHostnameRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetLibVersionRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetMaxVcpusRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetSysinfoRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetTypeRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetVersionRet;
import org.jvirt.rpc.proto.remote.NodeTypes.RemoteNodeGetCellsFreeMemoryRet;
import org.jvirt.rpc.proto.remote.NodeTypes.RemoteNodeGetFreeMemoryRet;
import org.jvirt.rpc.proto.remote.NodeTypes.RemoteNodeGetInfoRet;

/** The hypervisor and the host: type, versions, hostname, capabilities, node info and memory. */
final class HostServe {

    /** libvirt's REMOTE_NODE_MAX_CELLS. */
    private static final int MAX_CELLS = 1024;

    private HostServe() {
    }

    static void register(DispatchTable t) {
        registerNode(t);
        t.on(CONNECT_GET_TYPE, (c, a) -> new RemoteConnectGetTypeRet(c.conn().getType()));
        t.on(CONNECT_GET_VERSION, (c, a) -> new RemoteConnectGetVersionRet(c.conn().getVersion()));
        t.on(CONNECT_GET_LIB_VERSION, (c, a) -> new RemoteConnectGetLibVersionRet(c.conn().getLibVersion()));
        t.on(CONNECT_GET_HOSTNAME, (c, a) -> new RemoteConnectGetHostnameRet(c.conn().getHostname()));
        t.on(CONNECT_GET_MAX_VCPUS, (c, a) -> new RemoteConnectGetMaxVcpusRet(c.conn().getMaxVcpus(a.type())));
        t.on(CONNECT_GET_CAPABILITIES, (c, a) -> new RemoteConnectGetCapabilitiesRet(c.conn().getCapabilities()));
        t.on(CONNECT_GET_DOMAIN_CAPABILITIES, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteConnectGetDomainCapabilitiesRet(
                    c.conn().getDomainCapabilities(a.emulatorbin(), a.arch(), a.machine(), a.virttype()));
        });
        t.on(CONNECT_GET_SYSINFO, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteConnectGetSysinfoRet(c.conn().getSysinfo());
        });
        t.on(NODE_GET_INFO, (c, a) -> nodeInfo(c.conn().nodeGetInfo()));
        t.on(NODE_GET_FREE_MEMORY, (c, a) -> new RemoteNodeGetFreeMemoryRet(c.conn().nodeGetFreeMemory()));
        t.on(NODE_GET_CELLS_FREE_MEMORY, (c, a) -> {
            if (a.maxcells() > MAX_CELLS) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "maxCells > REMOTE_NODE_MAX_CELLS");
            }
            return new RemoteNodeGetCellsFreeMemoryRet(
                    c.conn().nodeGetCellsFreeMemory(a.startCell(), a.maxcells()));
        });
    }

    /** The node's statistics, CPU map, huge pages, memory tunables and security model. */
    private static void registerNode(DispatchTable t) {
        t.on(NODE_GET_SECURITY_MODEL, (c, a) -> {
            org.jvirt.SecurityModel m = c.conn().nodeGetSecurityModel();
            return new RemoteNodeGetSecurityModelRet(cChars(m.model()), cChars(m.doi()));
        });
        t.on(NODE_GET_CPU_STATS, (c, a) -> {
            c.noFlags(a.flags());
            checkCount(a.nparams(), RemoteConstants.REMOTE_NODE_CPU_STATS_MAX);
            Map<String, Long> all = c.conn().nodeGetCPUStats(a.cpuNum());
            if (a.nparams() == 0) {
                return new RemoteNodeGetCpuStatsRet(List.of(), all.size());
            }
            return new RemoteNodeGetCpuStatsRet(all.entrySet().stream().limit(a.nparams())
                    .map(e -> new RemoteNodeGetCpuStats(e.getKey(), e.getValue())).toList(), 0);
        });
        t.on(NODE_GET_MEMORY_STATS, (c, a) -> {
            c.noFlags(a.flags());
            checkCount(a.nparams(), RemoteConstants.REMOTE_NODE_MEMORY_STATS_MAX);
            Map<String, Long> all = c.conn().nodeGetMemoryStats(a.cellNum());
            if (a.nparams() == 0) {
                return new RemoteNodeGetMemoryStatsRet(List.of(), all.size());
            }
            return new RemoteNodeGetMemoryStatsRet(all.entrySet().stream().limit(a.nparams())
                    .map(e -> new RemoteNodeGetMemoryStats(e.getKey(), e.getValue())).toList(), 0);
        });
        t.on(NODE_GET_CPU_MAP, (c, a) -> {
            c.noFlags(a.flags());
            NodeCPUMap m = c.conn().nodeGetCPUMap();
            byte[] map = a.needMap() != 0 ? java.util.Arrays.copyOf(m.map().toByteArray(), (m.present() + 7) / 8)
                    : new byte[0];
            return new RemoteNodeGetCpuMapRet(map, a.needOnline() != 0 ? m.online() : 0, m.present());
        });
        t.on(NODE_GET_FREE_PAGES, (c, a) -> {
            c.noFlags(a.flags());
            if ((long) a.pages().size() * a.cellCount() > RemoteConstants.REMOTE_NODE_MAX_CELLS) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                        "the result won't fit into REMOTE_NODE_MAX_CELLS");
            }
            long[] counts = c.conn().nodeGetFreePages(a.pages().stream().mapToInt(Integer::intValue).toArray(),
                    a.startCell(), a.cellCount());
            return new RemoteNodeGetFreePagesRet(java.util.Arrays.stream(counts).boxed().toList());
        });
        t.on(NODE_ALLOC_PAGES, (c, a) -> new RemoteNodeAllocPagesRet(c.conn().nodeAllocPages(
                a.pageSizes().stream().mapToInt(Integer::intValue).toArray(),
                a.pageCounts().stream().mapToLong(Long::longValue).toArray(), a.startCell(), a.cellCount(),
                c.flags(NodeAllocPagesFlag.class, a.flags()))));
        t.on(NODE_GET_MEMORY_PARAMETERS, (c, a) -> {
            List<TypedParameter> all = c.conn().nodeGetMemoryParameters();
            return a.nparams() == 0 ? new RemoteNodeGetMemoryParametersRet(List.of(), all.size())
                    : new RemoteNodeGetMemoryParametersRet(DomainTuningServe.first(a.nparams(),
                            RemoteConstants.REMOTE_NODE_MEMORY_PARAMETERS_MAX, all, a.flags()), 0);
        });
        t.on(NODE_SET_MEMORY_PARAMETERS, (c, a) -> {
            c.noFlags(a.flags());
            c.conn().nodeSetMemoryParameters(TypedParams.fromWire(a.params()));
            return null;
        });
    }

    /** nparams checks of remoteDispatchNodeGet*Stats. */
    private static void checkCount(int nparams, int max) {
        if (nparams < 0) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "nparams must be non-negative");
        }
        if (nparams > max) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "nparams too large");
        }
    }

    /** A C string as libvirt sends one in a char array: its bytes and the NUL. */
    private static byte[] cChars(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }

    /** model is char[32]: NUL-padded, at most 31 characters and a NUL, as libvirt copies it. */
    private static RemoteNodeGetInfoRet nodeInfo(NodeInfo n) {
        byte[] model = Arrays.copyOf(n.model().getBytes(StandardCharsets.UTF_8), 32);
        model[31] = 0;
        return new RemoteNodeGetInfoRet(model, n.memoryKiB(), n.cpus(), n.mhz(), n.nodes(), n.sockets(),
                n.cores(), n.threads());
    }
}
