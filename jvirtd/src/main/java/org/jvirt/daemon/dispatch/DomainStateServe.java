package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Wire.dom;
import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainStateProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainVcpuProcedures.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jvirt.DomainBlockInfo;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInfo;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainMetadataType;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VcpuInfo;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.*;
import org.jvirt.rpc.proto.remote.DomainTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes2.*;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.*;

/** A domain's state and configuration: info, XML, autostart, memory, vcpus, metadata, devices, statistics. */
final class DomainStateServe {

    /** libvirt's REMOTE_VCPUINFO_MAX and REMOTE_CPUMAPS_MAX. */
    private static final int VCPUINFO_MAX = 16384;
    private static final int CPUMAPS_MAX = 8388608;

    private DomainStateServe() {
    }

    static void register(DispatchTable t) {
        t.on(DOMAIN_GET_INFO, (c, a) -> {
            DomainInfo i = dom(c.conn(), a.dom()).getInfo();
            return new RemoteDomainGetInfoRet(i.state().code(), i.maxMemKiB(), i.memoryKiB(), i.nrVirtCpu(),
                    i.cpuTimeNs());
        });
        t.on(DOMAIN_GET_STATE, (c, a) -> {
            c.noFlags(a.flags());
            DomainStateInfo s = dom(c.conn(), a.dom()).getState();
            return new RemoteDomainGetStateRet(s.state().code(), s.reason());
        });
        t.on(DOMAIN_GET_XML_DESC, (c, a) -> new RemoteDomainGetXmlDescRet(
                dom(c.conn(), a.dom()).getXMLDesc(c.flags(DomainXMLFlag.class, a.flags()))));
        t.on(DOMAIN_GET_OS_TYPE, (c, a) -> new RemoteDomainGetOsTypeRet(dom(c.conn(), a.dom()).getOSType()));
        t.on(DOMAIN_GET_HOSTNAME, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainGetHostnameRet(dom(c.conn(), a.dom()).getHostname());
        });
        t.on(DOMAIN_GET_AUTOSTART, (c, a) ->
                new RemoteDomainGetAutostartRet(bool(dom(c.conn(), a.dom()).getAutostart())));
        t.on(DOMAIN_SET_AUTOSTART, (c, a) -> {
            dom(c.conn(), a.dom()).setAutostart(a.autostart() != 0);
            return null;
        });
        t.on(DOMAIN_GET_METADATA, (c, a) -> new RemoteDomainGetMetadataRet(dom(c.conn(), a.dom())
                .getMetadata(metadataType(a.type()), a.uri(), c.flags(DomainModificationImpact.class, a.flags()))));
        t.on(DOMAIN_SET_METADATA, (c, a) -> {
            dom(c.conn(), a.dom()).setMetadata(metadataType(a.type()), a.metadata(), a.key(), a.uri(),
                    c.flags(DomainModificationImpact.class, a.flags()));
            return null;
        });
        registerMemoryAndVcpus(t);
        registerDevices(t);
        registerStats(t);
    }

    private static DomainMetadataType metadataType(int code) {
        DomainMetadataType type = DomainMetadataType.fromCode(code, null);
        if (type == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "unknown metadata type '%d'", code);
        }
        return type;
    }

    private static void registerMemoryAndVcpus(DispatchTable t) {
        t.on(DOMAIN_GET_MAX_MEMORY, (c, a) ->
                new RemoteDomainGetMaxMemoryRet(dom(c.conn(), a.dom()).getMaxMemory()));
        t.on(DOMAIN_SET_MAX_MEMORY, (c, a) -> {
            dom(c.conn(), a.dom()).setMaxMemory(a.memory());
            return null;
        });
        t.on(DOMAIN_SET_MEMORY, (c, a) -> {
            dom(c.conn(), a.dom()).setMemory(a.memory());
            return null;
        });
        t.on(DOMAIN_SET_MEMORY_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).setMemory(a.memory(), c.flags(DomainMemoryModFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_MAX_VCPUS, (c, a) -> new RemoteDomainGetMaxVcpusRet(dom(c.conn(), a.dom()).getMaxVcpus()));
        t.on(DOMAIN_GET_VCPUS_FLAGS, (c, a) -> new RemoteDomainGetVcpusFlagsRet(
                dom(c.conn(), a.dom()).getVcpusFlags(c.flags(DomainVcpuFlag.class, a.flags()))));
        t.on(DOMAIN_SET_VCPUS, (c, a) -> {
            dom(c.conn(), a.dom()).setVcpus(a.nvcpus());
            return null;
        });
        t.on(DOMAIN_SET_VCPUS_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).setVcpus(a.nvcpus(), c.flags(DomainVcpuFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_GET_VCPUS, (c, a) -> {
            if (a.maxinfo() > VCPUINFO_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "maxinfo > REMOTE_VCPUINFO_MAX");
            }
            if ((long) a.maxinfo() * a.maplen() > CPUMAPS_MAX) {
                throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
            }
            List<VcpuInfo> all = dom(c.conn(), a.dom()).getVcpus();
            List<RemoteVcpuInfo> info = new ArrayList<>();
            for (VcpuInfo v : all.subList(0, Math.min(all.size(), Math.max(0, a.maxinfo())))) {
                info.add(new RemoteVcpuInfo(v.number(), v.state().code(), v.cpuTimeNs(), v.cpu()));
            }
            // The API has no affinity yet: every vcpu may run on every host cpu, as an unpinned guest does.
            byte[] maps = new byte[info.size() * Math.max(0, a.maplen())];
            Arrays.fill(maps, (byte) 0xff);
            return new RemoteDomainGetVcpusRet(info, maps);
        });
    }

    private static void registerDevices(DispatchTable t) {
        t.on(DOMAIN_ATTACH_DEVICE, (c, a) -> {
            dom(c.conn(), a.dom()).attachDevice(a.xml());
            return null;
        });
        t.on(DOMAIN_ATTACH_DEVICE_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).attachDevice(a.xml(), c.flags(DomainDeviceModifyFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_DETACH_DEVICE, (c, a) -> {
            dom(c.conn(), a.dom()).detachDevice(a.xml());
            return null;
        });
        t.on(DOMAIN_DETACH_DEVICE_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).detachDevice(a.xml(), c.flags(DomainDeviceModifyFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_UPDATE_DEVICE_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).updateDevice(a.xml(), c.flags(DomainDeviceModifyFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_DETACH_DEVICE_ALIAS, (c, a) -> {
            dom(c.conn(), a.dom()).detachDeviceAlias(a.alias(), c.flags(DomainDeviceModifyFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_INJECT_NMI, (c, a) -> {
            c.noFlags(a.flags());
            dom(c.conn(), a.dom()).injectNMI();
            return null;
        });
        t.on(DOMAIN_SEND_KEY, (c, a) -> {
            c.noFlags(a.flags());
            int[] codes = a.keycodes().stream().mapToInt(Integer::intValue).toArray();
            dom(c.conn(), a.dom()).sendKey(a.codeset(), a.holdtime(), codes);
            return null;
        });
    }

    private static void registerStats(DispatchTable t) {
        // virConnectGetAllDomainStats, or virDomainListGetStats when the client names domains (one procedure for
        // both, as in libvirtd); what prometheus-libvirt-exporter and `virsh domstats` call
        t.on(org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_ALL_DOMAIN_STATS, (c, a) -> {
            java.util.EnumSet<org.jvirt.flags.DomainStatsType> stats = c.flagSet(
                    org.jvirt.flags.DomainStatsType.class, a.stats());
            org.jvirt.flags.DomainStatsFlag[] flags = c.flags(org.jvirt.flags.DomainStatsFlag.class, a.flags());
            List<org.jvirt.DomainStatsRecord> recs = a.doms().isEmpty()
                    ? c.conn().getAllDomainStats(stats, flags)
                    : c.conn().domainListGetStats(a.doms().stream().map(d -> dom(c.conn(), d)).toList(), stats,
                            flags);
            List<RemoteDomainStatsRecord> out = new ArrayList<>(recs.size());
            for (org.jvirt.DomainStatsRecord r : recs) {
                out.add(new RemoteDomainStatsRecord(Wire.dom(r.domain()),
                        org.jvirt.rpc.TypedParams.mapToWire(r.params())));
            }
            return new org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetAllDomainStatsRet(out);
        });
        t.on(DOMAIN_BLOCK_STATS, (c, a) -> {
            DomainBlockStats s = dom(c.conn(), a.dom()).blockStats(a.path());
            return new RemoteDomainBlockStatsRet(s.rdReq(), s.rdBytes(), s.wrReq(), s.wrBytes(), s.errs());
        });
        t.on(DOMAIN_INTERFACE_STATS, (c, a) -> {
            DomainInterfaceStats s = dom(c.conn(), a.dom()).interfaceStats(a.device());
            return new RemoteDomainInterfaceStatsRet(s.rxBytes(), s.rxPackets(), s.rxErrs(), s.rxDrop(),
                    s.txBytes(), s.txPackets(), s.txErrs(), s.txDrop());
        });
        t.on(DOMAIN_MEMORY_STATS, (c, a) -> {
            c.noFlags(a.flags());
            Map<String, Long> stats = dom(c.conn(), a.dom()).memoryStats();
            List<RemoteDomainMemoryStat> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : stats.entrySet()) {
                int tag = org.jvirt.DomainMemoryStat.byName(e.getKey()).map(org.jvirt.DomainMemoryStat::tag).orElse(-1);
                if (tag >= 0 && out.size() < a.maxStats()) {
                    out.add(new RemoteDomainMemoryStat(tag, e.getValue()));
                }
            }
            return new RemoteDomainMemoryStatsRet(out); // the driver's order, as libvirtd sends it
        });
        t.on(DOMAIN_GET_BLOCK_INFO, (c, a) -> {
            c.noFlags(a.flags());
            DomainBlockInfo b = dom(c.conn(), a.dom()).getBlockInfo(a.path());
            return new RemoteDomainGetBlockInfoRet(b.allocation(), b.capacity(), b.physical());
        });
        t.on(DOMAIN_GET_JOB_INFO, (c, a) -> {
            DomainJobInfo j = dom(c.conn(), a.dom()).getJobInfo();
            return new RemoteDomainGetJobInfoRet(j.type().code(), j.timeElapsed(), j.timeRemaining(),
                    j.dataTotal(), j.dataProcessed(), j.dataRemaining(), j.memTotal(), j.memProcessed(),
                    j.memRemaining(), j.fileTotal(), j.fileProcessed(), j.fileRemaining());
        });
        t.on(DOMAIN_GET_SECURITY_LABEL, (c, a) -> {
            org.jvirt.SecurityLabel l = dom(c.conn(), a.dom()).getSecurityLabel();
            byte[] b = l.label().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return new org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetSecurityLabelRet(
                    java.util.Arrays.copyOf(b, b.length + 1), l.enforcing() ? 1 : 0);
        });
        t.on(DOMAIN_GET_JOB_STATS, (c, a) -> {
            org.jvirt.DomainJobStats j = dom(c.conn(), a.dom()).getJobStats(
                    c.flags(org.jvirt.flags.DomainGetJobStatsFlag.class, a.flags()));
            return new org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetJobStatsRet(j.type().code(),
                    org.jvirt.rpc.TypedParams.toWire(j.params()));
        });
    }
}
