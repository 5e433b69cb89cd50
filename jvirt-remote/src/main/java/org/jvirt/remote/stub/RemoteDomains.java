package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.ConnectListProcedures.*;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_ALL_DOMAIN_STATS;
import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainStateProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.*;
import static org.jvirt.rpc.proto.remote.DomainVcpuProcedures.*;
import static org.jvirt.rpc.proto.remote.NodeProcedures.NODE_GET_INFO;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.DomainBlockInfo;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInfo;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainJobType;
import org.jvirt.DomainMetadataType;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.Flags;
import org.jvirt.Stream;
import org.jvirt.VcpuInfo;
import org.jvirt.VcpuState;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.flags.DomainStatsFlag;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.ListDomainsFlag;
import org.jvirt.remote.client.Rpc;
import org.jvirt.remote.client.StreamChannel;
import org.jvirt.rpc.proto.qemu.QemuProcedures;
import org.jvirt.rpc.proto.qemu.QemuTypes.QemuDomainMonitorCommandArgs;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.ConnectTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.*;
import org.jvirt.rpc.proto.remote.DomainTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes2.*;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.*;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainStats;

/**
 * virDomain* over the wire. Where libvirt has an old procedure and a _FLAGS one, no flags means the old one
 * (what virsh sends, and what every server implements), flags the new.
 */
public final class RemoteDomains implements DomainDriver {

    /** libvirt's REMOTE_DOMAIN_LIST_MAX / the legacy list calls' limit. */
    private static final int LIST_MAX = 16384;

    private final Rpc rpc;

    public RemoteDomains(Rpc rpc) {
        this.rpc = rpc;
    }

    private static RemoteNonnullDomain w(DomainRef d) {
        return Refs.wire(d);
    }

    // ---- listing and lookup

    @Override
    public List<DomainRef> listAllDomains(Set<ListDomainsFlag> flags) {
        return Refs.map(rpc.call(CONNECT_LIST_ALL_DOMAINS, new RemoteConnectListAllDomainsArgs(1,
                Flags.toBits(flags))).domains(), Refs::dom);
    }

    @Override
    public int numOfDomains() {
        return rpc.call(CONNECT_NUM_OF_DOMAINS, null).num();
    }

    @Override
    public List<Integer> listDomains() {
        return rpc.call(CONNECT_LIST_DOMAINS, new RemoteConnectListDomainsArgs(LIST_MAX)).ids();
    }

    @Override
    public int numOfDefinedDomains() {
        return rpc.call(CONNECT_NUM_OF_DEFINED_DOMAINS, null).num();
    }

    @Override
    public List<String> listDefinedDomains() {
        return rpc.call(CONNECT_LIST_DEFINED_DOMAINS, new RemoteConnectListDefinedDomainsArgs(LIST_MAX)).names();
    }

    @Override
    public DomainRef lookupById(int id) {
        return Refs.dom(rpc.call(DOMAIN_LOOKUP_BY_ID, new RemoteDomainLookupByIdArgs(id)).dom());
    }

    @Override
    public DomainRef lookupByUUID(UUID uuid) {
        return Refs.dom(rpc.call(DOMAIN_LOOKUP_BY_UUID, new RemoteDomainLookupByUuidArgs(uuid)).dom());
    }

    @Override
    public DomainRef lookupByName(String name) {
        return Refs.dom(rpc.call(DOMAIN_LOOKUP_BY_NAME, new RemoteDomainLookupByNameArgs(name)).dom());
    }

    // ---- lifecycle

    @Override
    public DomainRef createXML(String xml, Set<DomainCreateFlag> flags) {
        return Refs.dom(rpc.call(DOMAIN_CREATE_XML, new RemoteDomainCreateXmlArgs(xml, Flags.toBits(flags))).dom());
    }

    @Override
    public DomainRef defineXML(String xml, Set<DomainDefineFlag> flags) {
        if (flags.isEmpty()) {
            return Refs.dom(rpc.call(DOMAIN_DEFINE_XML, new RemoteDomainDefineXmlArgs(xml)).dom());
        }
        return Refs.dom(rpc.call(DOMAIN_DEFINE_XML_FLAGS, new RemoteDomainDefineXmlFlagsArgs(xml,
                Flags.toBits(flags))).dom());
    }

    @Override
    public void undefine(DomainRef dom, Set<DomainUndefineFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_UNDEFINE, new RemoteDomainUndefineArgs(w(dom)));
        } else {
            rpc.call(DOMAIN_UNDEFINE_FLAGS, new RemoteDomainUndefineFlagsArgs(w(dom), Flags.toBits(flags)));
        }
    }

    /** DOMAIN_CREATE returns nothing; like libvirt's client, look the domain up again to learn its new id. */
    @Override
    public DomainRef create(DomainRef dom, Set<DomainCreateFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_CREATE, new RemoteDomainCreateArgs(w(dom)));
            return lookupByUUID(dom.uuid());
        }
        return Refs.dom(rpc.call(DOMAIN_CREATE_WITH_FLAGS, new RemoteDomainCreateWithFlagsArgs(w(dom),
                Flags.toBits(flags))).dom());
    }

    @Override
    public void destroy(DomainRef dom, Set<DomainDestroyFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_DESTROY, new RemoteDomainDestroyArgs(w(dom)));
        } else {
            rpc.call(DOMAIN_DESTROY_FLAGS, new RemoteDomainDestroyFlagsArgs(w(dom), Flags.toBits(flags)));
        }
    }

    @Override
    public void shutdown(DomainRef dom, Set<DomainShutdownFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_SHUTDOWN, new RemoteDomainShutdownArgs(w(dom)));
        } else {
            rpc.call(DOMAIN_SHUTDOWN_FLAGS, new RemoteDomainShutdownFlagsArgs(w(dom), Flags.toBits(flags)));
        }
    }

    @Override
    public void reboot(DomainRef dom, Set<DomainRebootFlag> flags) {
        rpc.call(DOMAIN_REBOOT, new RemoteDomainRebootArgs(w(dom), Flags.toBits(flags)));
    }

    @Override
    public void reset(DomainRef dom) {
        rpc.call(DOMAIN_RESET, new RemoteDomainResetArgs(w(dom), 0));
    }

    @Override
    public void suspend(DomainRef dom) {
        rpc.call(DOMAIN_SUSPEND, new RemoteDomainSuspendArgs(w(dom)));
    }

    @Override
    public void resume(DomainRef dom) {
        rpc.call(DOMAIN_RESUME, new RemoteDomainResumeArgs(w(dom)));
    }

    // ---- state and config

    @Override
    public DomainInfo getInfo(DomainRef dom) {
        RemoteDomainGetInfoRet r = rpc.call(DOMAIN_GET_INFO, new RemoteDomainGetInfoArgs(w(dom)));
        return new DomainInfo(DomainState.fromCode(r.state(), DomainState.NOSTATE), r.maxMem(), r.memory(),
                r.nrVirtCpu(), r.cpuTime());
    }

    @Override
    public DomainStateInfo getState(DomainRef dom) {
        RemoteDomainGetStateRet r = rpc.call(DOMAIN_GET_STATE, new RemoteDomainGetStateArgs(w(dom), 0));
        return new DomainStateInfo(DomainState.fromCode(r.state(), DomainState.NOSTATE), r.reason());
    }

    @Override
    public String getXMLDesc(DomainRef dom, Set<DomainXMLFlag> flags) {
        return rpc.call(DOMAIN_GET_XML_DESC, new RemoteDomainGetXmlDescArgs(w(dom), Flags.toBits(flags))).xml();
    }

    @Override
    public boolean getAutostart(DomainRef dom) {
        return Refs.bool(rpc.call(DOMAIN_GET_AUTOSTART, new RemoteDomainGetAutostartArgs(w(dom))).autostart());
    }

    @Override
    public void setAutostart(DomainRef dom, boolean autostart) {
        rpc.call(DOMAIN_SET_AUTOSTART, new RemoteDomainSetAutostartArgs(w(dom), Refs.bit(autostart)));
    }

    @Override
    public boolean isActive(DomainRef dom) {
        return Refs.bool(rpc.call(DOMAIN_IS_ACTIVE, new RemoteDomainIsActiveArgs(w(dom))).active());
    }

    @Override
    public boolean isPersistent(DomainRef dom) {
        return Refs.bool(rpc.call(DOMAIN_IS_PERSISTENT, new RemoteDomainIsPersistentArgs(w(dom))).persistent());
    }

    @Override
    public boolean isUpdated(DomainRef dom) {
        return Refs.bool(rpc.call(DOMAIN_IS_UPDATED, new RemoteDomainIsUpdatedArgs(w(dom))).updated());
    }

    @Override
    public String getOSType(DomainRef dom) {
        return rpc.call(DOMAIN_GET_OS_TYPE, new RemoteDomainGetOsTypeArgs(w(dom))).type();
    }

    @Override
    public String getHostname(DomainRef dom) {
        return rpc.call(DOMAIN_GET_HOSTNAME, new RemoteDomainGetHostnameArgs(w(dom), 0)).hostname();
    }

    @Override
    public long getMaxMemory(DomainRef dom) {
        return rpc.call(DOMAIN_GET_MAX_MEMORY, new RemoteDomainGetMaxMemoryArgs(w(dom))).memory();
    }

    @Override
    public void setMaxMemory(DomainRef dom, long memoryKiB) {
        rpc.call(DOMAIN_SET_MAX_MEMORY, new RemoteDomainSetMaxMemoryArgs(w(dom), memoryKiB));
    }

    @Override
    public void setMemory(DomainRef dom, long memoryKiB, Set<DomainMemoryModFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_SET_MEMORY, new RemoteDomainSetMemoryArgs(w(dom), memoryKiB));
        } else {
            rpc.call(DOMAIN_SET_MEMORY_FLAGS, new RemoteDomainSetMemoryFlagsArgs(w(dom), memoryKiB,
                    Flags.toBits(flags)));
        }
    }

    @Override
    public int getMaxVcpus(DomainRef dom) {
        return rpc.call(DOMAIN_GET_MAX_VCPUS, new RemoteDomainGetMaxVcpusArgs(w(dom))).num();
    }

    @Override
    public int getVcpusFlags(DomainRef dom, Set<DomainVcpuFlag> flags) {
        return rpc.call(DOMAIN_GET_VCPUS_FLAGS, new RemoteDomainGetVcpusFlagsArgs(w(dom), Flags.toBits(flags)))
                .num();
    }

    @Override
    public void setVcpus(DomainRef dom, int count, Set<DomainVcpuFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_SET_VCPUS, new RemoteDomainSetVcpusArgs(w(dom), count));
        } else {
            rpc.call(DOMAIN_SET_VCPUS_FLAGS, new RemoteDomainSetVcpusFlagsArgs(w(dom), count, Flags.toBits(flags)));
        }
    }

    /** virsh's vcpuinfo: as many entries as the domain has vcpus, with cpu maps as wide as the host. */
    @Override
    public List<VcpuInfo> getVcpus(DomainRef dom) {
        int maxinfo = getInfo(dom).nrVirtCpu();
        int hostCpus = rpc.call(NODE_GET_INFO, null).cpus();
        int maplen = (hostCpus + 7) / 8;
        RemoteDomainGetVcpusRet r = rpc.call(DOMAIN_GET_VCPUS, new RemoteDomainGetVcpusArgs(w(dom), maxinfo, maplen));
        List<VcpuInfo> out = new ArrayList<>();
        for (RemoteVcpuInfo v : r.info()) {
            out.add(new VcpuInfo(v.number(), VcpuState.fromCode(v.state(), VcpuState.OFFLINE), v.cpuTime(), v.cpu()));
        }
        return out;
    }

    // ---- save, restore, dump

    @Override
    public void save(DomainRef dom, String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        if (dxml == null && flags.isEmpty()) {
            rpc.call(DOMAIN_SAVE, new RemoteDomainSaveArgs(w(dom), path));
        } else {
            rpc.call(DOMAIN_SAVE_FLAGS, new RemoteDomainSaveFlagsArgs(w(dom), path, dxml, Flags.toBits(flags)));
        }
    }

    /** DOMAIN_RESTORE names no domain; libvirt's API returns none either, so the restored one is found by XML. */
    @Override
    public DomainRef restore(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        String xml = saveImageGetXMLDesc(path, Set.of());
        if (dxml == null && flags.isEmpty()) {
            rpc.call(DOMAIN_RESTORE, new RemoteDomainRestoreArgs(path));
        } else {
            rpc.call(DOMAIN_RESTORE_FLAGS, new RemoteDomainRestoreFlagsArgs(path, dxml, Flags.toBits(flags)));
        }
        return lookupByName(nameOf(dxml != null ? dxml : xml));
    }

    private static String nameOf(String xml) {
        int a = xml.indexOf("<name>");
        int b = xml.indexOf("</name>", a);
        return a < 0 || b < 0 ? "" : xml.substring(a + 6, b).strip();
    }

    @Override
    public String saveImageGetXMLDesc(String path, Set<DomainSaveRestoreFlag> flags) {
        return rpc.call(DOMAIN_SAVE_IMAGE_GET_XML_DESC, new RemoteDomainSaveImageGetXmlDescArgs(path,
                Flags.toBits(flags))).xml();
    }

    @Override
    public String domainXMLToNative(String nativeFormat, String domainXml) {
        return rpc.call(org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_DOMAIN_XML_TO_NATIVE,
                new RemoteConnectDomainXmlToNativeArgs(nativeFormat, domainXml, 0)).nativeConfig();
    }

    @Override
    public String domainXMLFromNative(String nativeFormat, String nativeConfig) {
        return rpc.call(org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_DOMAIN_XML_FROM_NATIVE,
                new RemoteConnectDomainXmlFromNativeArgs(nativeFormat, nativeConfig, 0)).domainXml();
    }

    @Override
    public void saveImageDefineXML(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        rpc.call(DOMAIN_SAVE_IMAGE_DEFINE_XML, new RemoteDomainSaveImageDefineXmlArgs(path, dxml,
                Flags.toBits(flags)));
    }

    @Override
    public void managedSave(DomainRef dom, Set<DomainSaveRestoreFlag> flags) {
        rpc.call(DOMAIN_MANAGED_SAVE, new RemoteDomainManagedSaveArgs(w(dom), Flags.toBits(flags)));
    }

    @Override
    public boolean hasManagedSaveImage(DomainRef dom) {
        return Refs.bool(rpc.call(DOMAIN_HAS_MANAGED_SAVE_IMAGE, new RemoteDomainHasManagedSaveImageArgs(w(dom), 0))
                .result());
    }

    @Override
    public void managedSaveRemove(DomainRef dom) {
        rpc.call(DOMAIN_MANAGED_SAVE_REMOVE, new RemoteDomainManagedSaveRemoveArgs(w(dom), 0));
    }

    @Override
    public DomainRef rename(DomainRef dom, String newName) {
        rpc.call(DOMAIN_RENAME, new RemoteDomainRenameArgs(w(dom), newName, 0));
        return new DomainRef(newName, dom.uuid(), dom.id());
    }

    @Override
    public String getMetadata(DomainRef dom, DomainMetadataType type, String uri, Set<DomainModificationImpact> flags) {
        return rpc.call(DOMAIN_GET_METADATA, new RemoteDomainGetMetadataArgs(w(dom), type.code(), uri,
                Flags.toBits(flags))).metadata();
    }

    @Override
    public void setMetadata(DomainRef dom, DomainMetadataType type, String metadata, String key, String uri,
                            Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_METADATA, new RemoteDomainSetMetadataArgs(w(dom), type.code(), metadata, key, uri,
                Flags.toBits(flags)));
    }

    // ---- devices

    @Override
    public void attachDevice(DomainRef dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_ATTACH_DEVICE, new RemoteDomainAttachDeviceArgs(w(dom), xml));
        } else {
            rpc.call(DOMAIN_ATTACH_DEVICE_FLAGS, new RemoteDomainAttachDeviceFlagsArgs(w(dom), xml,
                    Flags.toBits(flags)));
        }
    }

    @Override
    public void detachDevice(DomainRef dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        if (flags.isEmpty()) {
            rpc.call(DOMAIN_DETACH_DEVICE, new RemoteDomainDetachDeviceArgs(w(dom), xml));
        } else {
            rpc.call(DOMAIN_DETACH_DEVICE_FLAGS, new RemoteDomainDetachDeviceFlagsArgs(w(dom), xml,
                    Flags.toBits(flags)));
        }
    }

    @Override
    public void updateDevice(DomainRef dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        rpc.call(DOMAIN_UPDATE_DEVICE_FLAGS, new RemoteDomainUpdateDeviceFlagsArgs(w(dom), xml, Flags.toBits(flags)));
    }

    @Override
    public void detachDeviceAlias(DomainRef dom, String alias, Set<DomainDeviceModifyFlag> flags) {
        rpc.call(DOMAIN_DETACH_DEVICE_ALIAS, new RemoteDomainDetachDeviceAliasArgs(w(dom), alias,
                Flags.toBits(flags)));
    }

    // ---- statistics

    @Override
    public DomainBlockStats blockStats(DomainRef dom, String disk) {
        RemoteDomainBlockStatsRet r = rpc.call(DOMAIN_BLOCK_STATS, new RemoteDomainBlockStatsArgs(w(dom), disk));
        return new DomainBlockStats(r.rdReq(), r.rdBytes(), r.wrReq(), r.wrBytes(), r.errs());
    }

    @Override
    public DomainInterfaceStats interfaceStats(DomainRef dom, String device) {
        RemoteDomainInterfaceStatsRet r = rpc.call(DOMAIN_INTERFACE_STATS,
                new RemoteDomainInterfaceStatsArgs(w(dom), device));
        return new DomainInterfaceStats(r.rxBytes(), r.rxPackets(), r.rxErrs(), r.rxDrop(), r.txBytes(),
                r.txPackets(), r.txErrs(), r.txDrop());
    }

    @Override
    public List<org.jvirt.DomainInterface> interfaceAddresses(DomainRef dom,
                                                             org.jvirt.DomainInterfaceAddressesSource source) {
        return rpc.call(org.jvirt.rpc.proto.remote.DomainStatsProcedures.DOMAIN_INTERFACE_ADDRESSES,
                new org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainInterfaceAddressesArgs(w(dom),
                        source.code(), 0)).ifaces().stream()
                .map(i -> new org.jvirt.DomainInterface(i.name(), i.hwaddr(), i.addrs().stream()
                        .map(x -> new org.jvirt.DomainInterface.Address(x.type(), x.addr(), x.prefix())).toList()))
                .toList();
    }

    @Override
    public Map<String, Long> memoryStats(DomainRef dom) {
        RemoteDomainMemoryStatsRet r = rpc.call(DOMAIN_MEMORY_STATS,
                new RemoteDomainMemoryStatsArgs(w(dom), org.jvirt.DomainMemoryStat.NR, 0));
        Map<String, Long> out = new LinkedHashMap<>();
        for (RemoteDomainMemoryStat s : r.stats()) {
            String name = org.jvirt.DomainMemoryStat.byTag(s.tag()).map(org.jvirt.DomainMemoryStat::statName)
                    .orElse(Integer.toString(s.tag()));
            out.put(name, s.val());
        }
        return out;
    }

    @Override
    public DomainBlockInfo getBlockInfo(DomainRef dom, String disk) {
        RemoteDomainGetBlockInfoRet r = rpc.call(DOMAIN_GET_BLOCK_INFO, new RemoteDomainGetBlockInfoArgs(w(dom),
                disk, 0));
        return new DomainBlockInfo(r.capacity(), r.allocation(), r.physical());
    }

    @Override
    public List<DomainStats> getAllDomainStats(List<DomainRef> doms, Set<DomainStatsType> stats,
                                               Set<DomainStatsFlag> flags) {
        RemoteConnectGetAllDomainStatsRet r = rpc.call(CONNECT_GET_ALL_DOMAIN_STATS,
                new RemoteConnectGetAllDomainStatsArgs(Refs.map(doms, Refs::wire), Flags.toBits(stats),
                        Flags.toBits(flags)));
        List<DomainStats> out = new ArrayList<>();
        for (RemoteDomainStatsRecord rec : r.retStats()) {
            out.add(new DomainStats(Refs.dom(rec.dom()), Refs.params(rec.params())));
        }
        return out;
    }

    // ---- input, console, screenshot

    @Override
    public void injectNMI(DomainRef dom) {
        rpc.call(DOMAIN_INJECT_NMI, new RemoteDomainInjectNmiArgs(w(dom), 0));
    }

    @Override
    public void sendKey(DomainRef dom, int codeset, int holdtime, int[] keycodes) {
        List<Integer> codes = new ArrayList<>();
        for (int k : keycodes) {
            codes.add(k);
        }
        rpc.call(DOMAIN_SEND_KEY, new RemoteDomainSendKeyArgs(w(dom), codeset, holdtime, codes, 0));
    }

    @Override
    public String screenshot(DomainRef dom, Stream stream, int screen) {
        StreamChannel.Opened<RemoteDomainScreenshotRet> o = rpc.openStream(DOMAIN_SCREENSHOT,
                new RemoteDomainScreenshotArgs(w(dom), screen, 0));
        stream.attach(new RemoteStream(o.channel(), false));
        return o.reply().mime();
    }

    @Override
    public void openConsole(DomainRef dom, String devName, Stream stream, int flags) {
        StreamChannel.Opened<Void> o = rpc.openStream(DOMAIN_OPEN_CONSOLE,
                new RemoteDomainOpenConsoleArgs(w(dom), devName, flags));
        stream.attach(new RemoteStream(o.channel(), false));
    }

    // ---- jobs, lifecycle actions, time

    @Override
    public DomainJobInfo getJobInfo(DomainRef dom) {
        RemoteDomainGetJobInfoRet r = rpc.call(DOMAIN_GET_JOB_INFO, new RemoteDomainGetJobInfoArgs(w(dom)));
        return new DomainJobInfo(DomainJobType.fromCode(r.type(), DomainJobType.NONE), r.timeElapsed(),
                r.timeRemaining(), r.dataTotal(), r.dataProcessed(), r.dataRemaining(), r.memTotal(),
                r.memProcessed(), r.memRemaining(), r.fileTotal(), r.fileProcessed(), r.fileRemaining());
    }

    @Override
    public org.jvirt.DomainJobStats getJobStats(DomainRef dom, Set<org.jvirt.flags.DomainGetJobStatsFlag> flags) {
        var r = rpc.call(DOMAIN_GET_JOB_STATS, new org.jvirt.rpc.proto.remote.DomainStateTypes
                .RemoteDomainGetJobStatsArgs(w(dom), Flags.toBits(flags)));
        return new org.jvirt.DomainJobStats(DomainJobType.fromCode(r.type(), DomainJobType.NONE),
                org.jvirt.rpc.TypedParams.fromWire(r.params()));
    }

    @Override
    public List<org.jvirt.TypedParameter> getLaunchSecurityInfo(DomainRef dom) {
        return org.jvirt.rpc.TypedParams.fromWire(rpc.call(
                org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_GET_LAUNCH_SECURITY_INFO,
                new org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetLaunchSecurityInfoArgs(w(dom),
                        1 << 2)).params());
    }

    @Override
    public void abortJob(DomainRef dom) {
        rpc.call(DOMAIN_ABORT_JOB, new RemoteDomainAbortJobArgs(w(dom)));
    }

    @Override
    public void setLifecycleAction(DomainRef dom, int type, int action, Set<DomainModificationImpact> flags) {
        rpc.call(DOMAIN_SET_LIFECYCLE_ACTION, new RemoteDomainSetLifecycleActionArgs(w(dom), type, action,
                Flags.toBits(flags)));
    }

    @Override
    public long[] getTime(DomainRef dom) {
        RemoteDomainGetTimeRet r = rpc.call(DOMAIN_GET_TIME, new RemoteDomainGetTimeArgs(w(dom), 0));
        return new long[] {r.seconds(), r.nseconds()};
    }

    @Override
    public void setTime(DomainRef dom, long seconds, int nseconds, int flags) {
        rpc.call(DOMAIN_SET_TIME, new RemoteDomainSetTimeArgs(w(dom), seconds, nseconds, flags));
    }

    @Override
    public Map<String, Object> getGuestVcpus(DomainRef dom, int flags) {
        return Refs.params(rpc.call(org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_GET_GUEST_VCPUS,
                new org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetGuestVcpusArgs(w(dom), flags))
                .params());
    }

    @Override
    public void setGuestVcpus(DomainRef dom, String cpumap, int state, int flags) {
        rpc.call(org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_SET_GUEST_VCPUS,
                new org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainSetGuestVcpusArgs(w(dom), cpumap,
                        state, flags));
    }

    @Override
    public Map<String, Object> getGuestInfo(DomainRef dom, int types, int flags) {
        return Refs.params(rpc.call(org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_GET_GUEST_INFO,
                new org.jvirt.rpc.proto.remote.DomainParametersTypes2.RemoteDomainGetGuestInfoArgs(w(dom), types,
                        flags)).params());
    }

    @Override
    public int fsFreeze(DomainRef dom, List<String> mountpoints, int flags) {
        return rpc.call(DOMAIN_FSFREEZE, new RemoteDomainFsfreezeArgs(w(dom), mountpoints, flags)).filesystems();
    }

    @Override
    public int fsThaw(DomainRef dom, List<String> mountpoints, int flags) {
        return rpc.call(DOMAIN_FSTHAW, new RemoteDomainFsthawArgs(w(dom), mountpoints, flags)).filesystems();
    }

    @Override
    public void fsTrim(DomainRef dom, String mountPoint, long minimum, int flags) {
        rpc.call(DOMAIN_FSTRIM, new RemoteDomainFstrimArgs(w(dom), mountPoint, minimum, flags));
    }

    @Override
    public List<org.jvirt.DomainFSInfo> getFSInfo(DomainRef dom, int flags) {
        return rpc.call(DOMAIN_GET_FSINFO, new RemoteDomainGetFsinfoArgs(w(dom), flags)).info().stream()
                .map(i -> new org.jvirt.DomainFSInfo(i.mountpoint(), i.name(), i.fstype(), i.devAliases())).toList();
    }

    @Override
    public void setUserPassword(DomainRef dom, String user, String password, int flags) {
        rpc.call(DOMAIN_SET_USER_PASSWORD, new RemoteDomainSetUserPasswordArgs(w(dom), user, password, flags));
    }

    @Override
    public List<String> authorizedSSHKeysGet(DomainRef dom, String user, int flags) {
        return rpc.call(DOMAIN_AUTHORIZED_SSH_KEYS_GET, new RemoteDomainAuthorizedSshKeysGetArgs(w(dom), user, flags))
                .keys();
    }

    @Override
    public void authorizedSSHKeysSet(DomainRef dom, String user, List<String> keys, int flags) {
        rpc.call(DOMAIN_AUTHORIZED_SSH_KEYS_SET, new RemoteDomainAuthorizedSshKeysSetArgs(w(dom), user, keys, flags));
    }

    @Override
    public String qemuAgentCommand(DomainRef dom, String cmd, int timeout, int flags) {
        return rpc.call(QemuProcedures.DOMAIN_AGENT_COMMAND,
                new org.jvirt.rpc.proto.qemu.QemuTypes.QemuDomainAgentCommandArgs(w(dom), cmd, timeout, flags))
                .result();
    }

    @Override
    public String qemuMonitorCommand(DomainRef dom, String cmd, int flags) {
        return rpc.call(QemuProcedures.DOMAIN_MONITOR_COMMAND, new QemuDomainMonitorCommandArgs(w(dom), cmd, flags))
                .result();
    }

    // ---- migration (RemoteMigration) ----------------------------------------------------------------------------

    @Override
    public org.jvirt.spi.Migration.Begun migrateBegin3(DomainRef dom, Map<String, Object> params,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        return RemoteMigration.begin(rpc, dom, params, flags);
    }

    @Override
    public org.jvirt.spi.Migration.Prepared migratePrepare3(Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        return RemoteMigration.prepare(rpc, params, cookie, flags);
    }

    @Override
    public byte[] migratePerform3(DomainRef dom, String dconnuri, Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        return RemoteMigration.perform(rpc, dom, dconnuri, params, cookie, flags);
    }

    @Override
    public org.jvirt.spi.Migration.Finished migrateFinish3(Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags, boolean cancelled) {
        return RemoteMigration.finish(rpc, params, cookie, flags, cancelled);
    }

    @Override
    public void migrateConfirm3(DomainRef dom, Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags, boolean cancelled) {
        RemoteMigration.confirm(rpc, dom, params, cookie, flags, cancelled);
    }

    /** Peer-to-peer: the source's daemon connects to the destination itself (remoteDomainMigratePerform3Params). */
    @Override
    public void migrateToURI3(DomainRef dom, String dconnuri, Map<String, Object> params,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        RemoteMigration.perform(rpc, dom, dconnuri, params, null, flags);
    }
}
