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
import static org.jvirt.rpc.proto.remote.NodeProcedures.NODE_GET_INFO;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeInfo;
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

    /** model is char[32]: NUL-padded, at most 31 characters and a NUL, as libvirt copies it. */
    private static RemoteNodeGetInfoRet nodeInfo(NodeInfo n) {
        byte[] model = Arrays.copyOf(n.model().getBytes(StandardCharsets.UTF_8), 32);
        model[31] = 0;
        return new RemoteNodeGetInfoRet(model, n.memoryKiB(), n.cpus(), n.mhz(), n.nodes(), n.sockets(),
                n.cores(), n.threads());
    }
}
