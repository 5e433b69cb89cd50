package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Wire.dom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import org.jvirt.DomainIOThreadInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.remote.DomainDeviceProcedures;
import org.jvirt.rpc.proto.remote.DomainParametersProcedures;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.RemoteDomainIothreadInfo;
import org.jvirt.rpc.proto.remote.DomainVcpuProcedures;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.RemoteDomainGetIothreadInfoRet;
import org.jvirt.rpc.proto.remote.RemoteConstants;

/**
 * IOThreads: info, pin, add, del and set. Affinities travel as libvirt lays out a CPU map (bit i of byte i / 8 =
 * host CPU i), at least one byte long, as virBitmapToData makes them.
 */
final class DomainIOThreadServe {

    private DomainIOThreadServe() {
    }

    static void register(DispatchTable t) {
        t.on(DomainVcpuProcedures.DOMAIN_GET_IOTHREAD_INFO, (c, a) -> {
            List<DomainIOThreadInfo> info = dom(c.conn(), a.dom()).getIOThreadInfo(impact(c, a.flags()));
            if (info.size() > RemoteConstants.REMOTE_IOTHREAD_INFO_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "Too many IOThreads in info: %d for limit %d",
                        info.size(), RemoteConstants.REMOTE_IOTHREAD_INFO_MAX);
            }
            List<RemoteDomainIothreadInfo> out = new ArrayList<>();
            for (DomainIOThreadInfo i : info) {
                out.add(new RemoteDomainIothreadInfo(i.iothreadId(), cpumap(i.cpumap())));
            }
            return new RemoteDomainGetIothreadInfoRet(out, out.size());
        });
        t.on(DomainVcpuProcedures.DOMAIN_PIN_IOTHREAD, (c, a) -> {
            dom(c.conn(), a.dom()).pinIOThread(a.iothreadsId(), BitSet.valueOf(a.cpumap()), impact(c, a.flags()));
            return null;
        });
        t.on(DomainDeviceProcedures.DOMAIN_ADD_IOTHREAD, (c, a) -> {
            dom(c.conn(), a.dom()).addIOThread(a.iothreadId(), impact(c, a.flags()));
            return null;
        });
        t.on(DomainDeviceProcedures.DOMAIN_DEL_IOTHREAD, (c, a) -> {
            dom(c.conn(), a.dom()).delIOThread(a.iothreadId(), impact(c, a.flags()));
            return null;
        });
        t.on(DomainParametersProcedures.DOMAIN_SET_IOTHREAD_PARAMS, (c, a) -> {
            if (a.params().size() > RemoteConstants.REMOTE_DOMAIN_IOTHREAD_PARAMS_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "too many parameters");
            }
            dom(c.conn(), a.dom()).setIOThreadParams(a.iothreadId(), TypedParams.fromWire(a.params()),
                    impact(c, a.flags()));
            return null;
        });
    }

    private static DomainModificationImpact[] impact(Call c, int flags) {
        return c.flags(DomainModificationImpact.class, flags);
    }

    /** virBitmapToData: the map's bytes, never none. */
    static byte[] cpumap(BitSet map) {
        byte[] b = map.toByteArray();
        return b.length == 0 ? new byte[1] : Arrays.copyOf(b, b.length);
    }
}
