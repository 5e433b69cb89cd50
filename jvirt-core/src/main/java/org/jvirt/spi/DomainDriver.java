package org.jvirt.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.DomainBlockInfo;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInfo;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainMetadataType;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.SecurityLabel;
import org.jvirt.Stream;
import org.jvirt.VcpuInfo;
import org.jvirt.VirtException;
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

/**
 * The domain part of a hypervisor driver: libvirt's virDomain* entry points (and the virConnect* ones that list or
 * create domains). A driver overrides what it implements; every other entry point fails with VIR_ERR_NO_SUPPORT
 * naming the libvirt function, and the support matrix is generated from which methods a driver overrides.
 */
public interface DomainDriver {

    private static VirtException unsupported(String function) {
        return Unsupported.of(ErrorDomain.DOMAIN, function);
    }

    /** All domains that pass the filter flags. */
    @Libvirt("virConnectListAllDomains")
    default List<DomainRef> listAllDomains(Set<ListDomainsFlag> flags) {
        throw unsupported("virConnectListAllDomains");
    }

    /** The number of running domains. */
    @Libvirt("virConnectNumOfDomains")
    default int numOfDomains() {
        throw unsupported("virConnectNumOfDomains");
    }

    /** The ids of running domains. */
    @Libvirt("virConnectListDomains")
    default List<Integer> listDomains() {
        throw unsupported("virConnectListDomains");
    }

    /** The number of persistent domains that are not running. */
    @Libvirt("virConnectNumOfDefinedDomains")
    default int numOfDefinedDomains() {
        throw unsupported("virConnectNumOfDefinedDomains");
    }

    /** The names of persistent domains that are not running. */
    @Libvirt("virConnectListDefinedDomains")
    default List<String> listDefinedDomains() {
        throw unsupported("virConnectListDefinedDomains");
    }

    @Libvirt("virDomainLookupByID")
    default DomainRef lookupById(int id) {
        throw unsupported("virDomainLookupByID");
    }

    @Libvirt({"virDomainLookupByUUID", "virDomainLookupByUUIDString"})
    default DomainRef lookupByUUID(UUID uuid) {
        throw unsupported("virDomainLookupByUUID");
    }

    @Libvirt("virDomainLookupByName")
    default DomainRef lookupByName(String name) {
        throw unsupported("virDomainLookupByName");
    }

    /** Starts a transient domain. */
    @Libvirt("virDomainCreateXML")
    default DomainRef createXML(String xml, Set<DomainCreateFlag> flags) {
        throw unsupported("virDomainCreateXML");
    }

    /** Defines (or redefines) a persistent domain. */
    @Libvirt({"virDomainDefineXML", "virDomainDefineXMLFlags"})
    default DomainRef defineXML(String xml, Set<DomainDefineFlag> flags) {
        throw unsupported("virDomainDefineXML");
    }

    @Libvirt({"virDomainUndefine", "virDomainUndefineFlags"})
    default void undefine(DomainRef dom, Set<DomainUndefineFlag> flags) {
        throw unsupported("virDomainUndefine");
    }

    /** Starts a defined domain; returns it with its new id. */
    @Libvirt({"virDomainCreate", "virDomainCreateWithFlags"})
    default DomainRef create(DomainRef dom, Set<DomainCreateFlag> flags) {
        throw unsupported("virDomainCreate");
    }

    @Libvirt({"virDomainDestroy", "virDomainDestroyFlags"})
    default void destroy(DomainRef dom, Set<DomainDestroyFlag> flags) {
        throw unsupported("virDomainDestroy");
    }

    @Libvirt({"virDomainShutdown", "virDomainShutdownFlags"})
    default void shutdown(DomainRef dom, Set<DomainShutdownFlag> flags) {
        throw unsupported("virDomainShutdown");
    }

    @Libvirt("virDomainReboot")
    default void reboot(DomainRef dom, Set<DomainRebootFlag> flags) {
        throw unsupported("virDomainReboot");
    }

    @Libvirt("virDomainReset")
    default void reset(DomainRef dom) {
        throw unsupported("virDomainReset");
    }

    @Libvirt("virDomainSuspend")
    default void suspend(DomainRef dom) {
        throw unsupported("virDomainSuspend");
    }

    @Libvirt("virDomainResume")
    default void resume(DomainRef dom) {
        throw unsupported("virDomainResume");
    }

    @Libvirt("virDomainGetInfo")
    default DomainInfo getInfo(DomainRef dom) {
        throw unsupported("virDomainGetInfo");
    }

    @Libvirt("virDomainGetState")
    default DomainStateInfo getState(DomainRef dom) {
        throw unsupported("virDomainGetState");
    }

    @Libvirt("virDomainGetXMLDesc")
    default String getXMLDesc(DomainRef dom, Set<DomainXMLFlag> flags) {
        throw unsupported("virDomainGetXMLDesc");
    }

    @Libvirt("virDomainGetAutostart")
    default boolean getAutostart(DomainRef dom) {
        throw unsupported("virDomainGetAutostart");
    }

    @Libvirt("virDomainSetAutostart")
    default void setAutostart(DomainRef dom, boolean autostart) {
        throw unsupported("virDomainSetAutostart");
    }

    @Libvirt("virDomainIsActive")
    default boolean isActive(DomainRef dom) {
        throw unsupported("virDomainIsActive");
    }

    @Libvirt("virDomainIsPersistent")
    default boolean isPersistent(DomainRef dom) {
        throw unsupported("virDomainIsPersistent");
    }

    @Libvirt("virDomainIsUpdated")
    default boolean isUpdated(DomainRef dom) {
        throw unsupported("virDomainIsUpdated");
    }

    @Libvirt("virDomainGetOSType")
    default String getOSType(DomainRef dom) {
        throw unsupported("virDomainGetOSType");
    }

    @Libvirt("virDomainGetHostname")
    default String getHostname(DomainRef dom) {
        throw unsupported("virDomainGetHostname");
    }

    /** Maximum memory in KiB. */
    @Libvirt("virDomainGetMaxMemory")
    default long getMaxMemory(DomainRef dom) {
        throw unsupported("virDomainGetMaxMemory");
    }

    @Libvirt("virDomainSetMaxMemory")
    default void setMaxMemory(DomainRef dom, long memoryKiB) {
        throw unsupported("virDomainSetMaxMemory");
    }

    @Libvirt({"virDomainSetMemory", "virDomainSetMemoryFlags"})
    default void setMemory(DomainRef dom, long memoryKiB, Set<DomainMemoryModFlag> flags) {
        throw unsupported("virDomainSetMemory");
    }

    @Libvirt("virDomainGetMaxVcpus")
    default int getMaxVcpus(DomainRef dom) {
        throw unsupported("virDomainGetMaxVcpus");
    }

    @Libvirt("virDomainGetVcpusFlags")
    default int getVcpusFlags(DomainRef dom, Set<DomainVcpuFlag> flags) {
        throw unsupported("virDomainGetVcpusFlags");
    }

    @Libvirt({"virDomainSetVcpus", "virDomainSetVcpusFlags"})
    default void setVcpus(DomainRef dom, int count, Set<DomainVcpuFlag> flags) {
        throw unsupported("virDomainSetVcpus");
    }

    @Libvirt("virDomainGetVcpus")
    default List<VcpuInfo> getVcpus(DomainRef dom) {
        throw unsupported("virDomainGetVcpus");
    }

    /** Saves a running domain's state to a file and stops it. */
    @Libvirt({"virDomainSave", "virDomainSaveFlags"})
    default void save(DomainRef dom, String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        throw unsupported("virDomainSave");
    }

    @Libvirt({"virDomainRestore", "virDomainRestoreFlags"})
    default DomainRef restore(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        throw unsupported("virDomainRestore");
    }

    @Libvirt("virDomainSaveImageGetXMLDesc")
    default String saveImageGetXMLDesc(String path, Set<DomainSaveRestoreFlag> flags) {
        throw unsupported("virDomainSaveImageGetXMLDesc");
    }

    @Libvirt("virDomainSaveImageDefineXML")
    default void saveImageDefineXML(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        throw unsupported("virDomainSaveImageDefineXML");
    }

    /** The domain XML in a native format ("qemu-argv" for QEMU). */
    @Libvirt("virConnectDomainXMLToNative")
    default String domainXMLToNative(String nativeFormat, String domainXml) {
        throw unsupported("virConnectDomainXMLToNative");
    }

    /** A native configuration as domain XML. */
    @Libvirt("virConnectDomainXMLFromNative")
    default String domainXMLFromNative(String nativeFormat, String nativeConfig) {
        throw unsupported("virConnectDomainXMLFromNative");
    }

    @Libvirt("virDomainManagedSave")
    default void managedSave(DomainRef dom, Set<DomainSaveRestoreFlag> flags) {
        throw unsupported("virDomainManagedSave");
    }

    @Libvirt("virDomainHasManagedSaveImage")
    default boolean hasManagedSaveImage(DomainRef dom) {
        throw unsupported("virDomainHasManagedSaveImage");
    }

    @Libvirt("virDomainManagedSaveRemove")
    default void managedSaveRemove(DomainRef dom) {
        throw unsupported("virDomainManagedSaveRemove");
    }

    @Libvirt("virDomainRename")
    default DomainRef rename(DomainRef dom, String newName) {
        throw unsupported("virDomainRename");
    }

    @Libvirt("virDomainGetMetadata")
    default String getMetadata(DomainRef dom, DomainMetadataType type, String uri, Set<DomainModificationImpact> flags) {
        throw unsupported("virDomainGetMetadata");
    }

    @Libvirt("virDomainSetMetadata")
    default void setMetadata(DomainRef dom, DomainMetadataType type, String metadata, String key, String uri, Set<DomainModificationImpact> flags) {
        throw unsupported("virDomainSetMetadata");
    }

    @Libvirt({"virDomainAttachDevice", "virDomainAttachDeviceFlags"})
    default void attachDevice(DomainRef dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        // virsh calls the Flags variant whenever a flag is given; the error names what was called.
        throw unsupported(flags == null || flags.isEmpty() ? "virDomainAttachDevice" : "virDomainAttachDeviceFlags");
    }

    @Libvirt({"virDomainDetachDevice", "virDomainDetachDeviceFlags"})
    default void detachDevice(DomainRef dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        throw unsupported(flags == null || flags.isEmpty() ? "virDomainDetachDevice" : "virDomainDetachDeviceFlags");
    }

    @Libvirt("virDomainUpdateDeviceFlags")
    default void updateDevice(DomainRef dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        throw unsupported("virDomainUpdateDeviceFlags");
    }

    @Libvirt("virDomainDetachDeviceAlias")
    default void detachDeviceAlias(DomainRef dom, String alias, Set<DomainDeviceModifyFlag> flags) {
        throw unsupported("virDomainDetachDeviceAlias");
    }

    @Libvirt("virDomainBlockStats")
    default DomainBlockStats blockStats(DomainRef dom, String disk) {
        throw unsupported("virDomainBlockStats");
    }

    @Libvirt("virDomainInterfaceStats")
    default DomainInterfaceStats interfaceStats(DomainRef dom, String device) {
        throw unsupported("virDomainInterfaceStats");
    }

    @Libvirt("virDomainInterfaceAddresses")
    default java.util.List<org.jvirt.DomainInterface> interfaceAddresses(DomainRef dom,
            org.jvirt.DomainInterfaceAddressesSource source) {
        throw unsupported("virDomainInterfaceAddresses");
    }

    /** Memory statistics by libvirt's tag names (actual, rss, ...). */
    @Libvirt("virDomainMemoryStats")
    default Map<String, Long> memoryStats(DomainRef dom) {
        throw unsupported("virDomainMemoryStats");
    }

    @Libvirt("virDomainGetBlockInfo")
    default DomainBlockInfo getBlockInfo(DomainRef dom, String disk) {
        throw unsupported("virDomainGetBlockInfo");
    }

    @Libvirt("virDomainGetSecurityLabel")
    default SecurityLabel getSecurityLabel(DomainRef dom) {
        throw unsupported("virDomainGetSecurityLabel");
    }

    @Libvirt("virDomainInjectNMI")
    default void injectNMI(DomainRef dom) {
        throw unsupported("virDomainInjectNMI");
    }

    @Libvirt("virDomainSendKey")
    default void sendKey(DomainRef dom, int codeset, int holdtime, int[] keycodes) {
        throw unsupported("virDomainSendKey");
    }

    /** Starts a screenshot download into the stream; returns its MIME type. */
    @Libvirt("virDomainScreenshot")
    default String screenshot(DomainRef dom, Stream stream, int screen) {
        throw unsupported("virDomainScreenshot");
    }

    @Libvirt("virDomainOpenConsole")
    default void openConsole(DomainRef dom, String devName, Stream stream, int flags) {
        throw unsupported("virDomainOpenConsole");
    }

    @Libvirt("virDomainGetJobInfo")
    default DomainJobInfo getJobInfo(DomainRef dom) {
        throw unsupported("virDomainGetJobInfo");
    }

    /** The domain's launch security (SEV) measurement and policy, as typed parameters. */
    @Libvirt("virDomainGetLaunchSecurityInfo")
    default List<org.jvirt.TypedParameter> getLaunchSecurityInfo(DomainRef dom) {
        throw unsupported("virDomainGetLaunchSecurityInfo");
    }

    @Libvirt("virDomainGetJobStats")
    default org.jvirt.DomainJobStats getJobStats(DomainRef dom,
                                                 Set<org.jvirt.flags.DomainGetJobStatsFlag> flags) {
        throw unsupported("virDomainGetJobStats");
    }

    @Libvirt("virDomainAbortJob")
    default void abortJob(DomainRef dom) {
        throw unsupported("virDomainAbortJob");
    }

    // ---- migration (protocol version 3 with parameters; the steps are libvirt_internal.h's) ----------------

    /**
     * Migration, source side, step 1 (virDomainMigrateBegin3Params): the XML the destination is to run, and a
     * cookie for Prepare. A driver that implements the five steps below supports virDomainMigrate3.
     */
    @Libvirt({"virDomainMigrate3", "virDomainMigrate", "virDomainMigrate2"})
    default Migration.Begun migrateBegin3(DomainRef dom, Map<String, Object> params,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        throw unsupported("virDomainMigrate3");
    }

    /** Destination, step 2 (virDomainMigratePrepare3Params): gets ready to receive; returns where to send. */
    @Libvirt("virDomainMigrate3")
    default Migration.Prepared migratePrepare3(Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        throw unsupported("virDomainMigrate3");
    }

    /**
     * Source, step 3 (virDomainMigratePerform3Params): sends the guest; returns the cookie for Finish. With a
     * {@code dconnuri} (peer-to-peer) the source drives the whole migration itself.
     */
    @Libvirt("virDomainMigrate3")
    default byte[] migratePerform3(DomainRef dom, String dconnuri, Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        throw unsupported("virDomainMigrate3");
    }

    /** Destination, step 4 (virDomainMigrateFinish3Params): the guest runs here, or (cancelled) is dropped. */
    @Libvirt("virDomainMigrate3")
    default Migration.Finished migrateFinish3(Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags, boolean cancelled) {
        throw unsupported("virDomainMigrate3");
    }

    /** Source, step 5 (virDomainMigrateConfirm3Params): the source instance goes, or (cancelled) runs on. */
    @Libvirt("virDomainMigrate3")
    default void migrateConfirm3(DomainRef dom, Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags, boolean cancelled) {
        throw unsupported("virDomainMigrate3");
    }

    /** Peer-to-peer migration: the source's driver connects to {@code dconnuri} and migrates on its own. */
    @Libvirt({"virDomainMigrateToURI3", "virDomainMigrateToURI", "virDomainMigrateToURI2"})
    default void migrateToURI3(DomainRef dom, String dconnuri, Map<String, Object> params,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        throw unsupported("virDomainMigrateToURI3");
    }

    @Libvirt("virDomainSetLifecycleAction")
    default void setLifecycleAction(DomainRef dom, int type, int action, Set<DomainModificationImpact> flags) {
        throw unsupported("virDomainSetLifecycleAction");
    }

    /** Seconds and nanoseconds of the guest's clock. */
    @Libvirt("virDomainGetTime")
    default long[] getTime(DomainRef dom) {
        throw unsupported("virDomainGetTime");
    }

    @Libvirt("virDomainSetTime")
    default void setTime(DomainRef dom, long seconds, int nseconds, int flags) {
        throw unsupported("virDomainSetTime");
    }

    /** Bulk statistics; {@code doms} empty means every domain the flags select. */
    @Libvirt({"virConnectGetAllDomainStats", "virDomainListGetStats"})
    default List<DomainStats> getAllDomainStats(List<DomainRef> doms, Set<DomainStatsType> stats, Set<DomainStatsFlag> flags) {
        throw unsupported("virConnectGetAllDomainStats");
    }

    /** Typed parameters "vcpus", "online", "offlinable": vCPU lists as the guest's agent reports them. */
    @Libvirt("virDomainGetGuestVcpus")
    default Map<String, Object> getGuestVcpus(DomainRef dom, int flags) {
        throw unsupported("virDomainGetGuestVcpus");
    }

    @Libvirt("virDomainSetGuestVcpus")
    default void setGuestVcpus(DomainRef dom, String cpumap, int state, int flags) {
        throw unsupported("virDomainSetGuestVcpus");
    }

    /** Typed parameters about the guest from its agent ({@code types}: virDomainGuestInfoTypes bits, 0 all). */
    @Libvirt("virDomainGetGuestInfo")
    default Map<String, Object> getGuestInfo(DomainRef dom, int types, int flags) {
        throw unsupported("virDomainGetGuestInfo");
    }

    /** Freezes the guest's filesystems (all, or those mounted at {@code mountpoints}); returns how many. */
    @Libvirt("virDomainFSFreeze")
    default int fsFreeze(DomainRef dom, List<String> mountpoints, int flags) {
        throw unsupported("virDomainFSFreeze");
    }

    @Libvirt("virDomainFSThaw")
    default int fsThaw(DomainRef dom, List<String> mountpoints, int flags) {
        throw unsupported("virDomainFSThaw");
    }

    @Libvirt("virDomainFSTrim")
    default void fsTrim(DomainRef dom, String mountPoint, long minimum, int flags) {
        throw unsupported("virDomainFSTrim");
    }

    @Libvirt("virDomainGetFSInfo")
    default List<org.jvirt.DomainFSInfo> getFSInfo(DomainRef dom, int flags) {
        throw unsupported("virDomainGetFSInfo");
    }

    /** {@code flags} 1: the password is already encrypted (VIR_DOMAIN_PASSWORD_ENCRYPTED). */
    @Libvirt("virDomainSetUserPassword")
    default void setUserPassword(DomainRef dom, String user, String password, int flags) {
        throw unsupported("virDomainSetUserPassword");
    }

    @Libvirt("virDomainAuthorizedSSHKeysGet")
    default List<String> authorizedSSHKeysGet(DomainRef dom, String user, int flags) {
        throw unsupported("virDomainAuthorizedSSHKeysGet");
    }

    @Libvirt("virDomainAuthorizedSSHKeysSet")
    default void authorizedSSHKeysSet(DomainRef dom, String user, List<String> keys, int flags) {
        throw unsupported("virDomainAuthorizedSSHKeysSet");
    }

    /**
     * libvirt-qemu's passthrough to the guest agent: a JSON command, qemu-ga's JSON reply.
     *
     * @param timeout seconds, or -2 (block), -1 (the default), 0 (no wait)
     */
    @Libvirt("virDomainQemuAgentCommand")
    default String qemuAgentCommand(DomainRef dom, String cmd, int timeout, int flags) {
        throw unsupported("virDomainQemuAgentCommand");
    }

    /** libvirt-qemu's passthrough to the guest's monitor. */
    @Libvirt("virDomainQemuMonitorCommand")
    default String qemuMonitorCommand(DomainRef dom, String cmd, int flags) {
        throw unsupported("virDomainQemuMonitorCommand");
    }
}
