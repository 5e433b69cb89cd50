package org.jvirt;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jvirt.flags.DomainBlockCommitFlag;
import org.jvirt.flags.DomainBlockCopyFlag;
import org.jvirt.flags.DomainBlockJobAbortFlag;
import org.jvirt.flags.DomainBlockJobInfoFlag;
import org.jvirt.flags.DomainBlockJobSetSpeedFlag;
import org.jvirt.flags.DomainBlockPullFlag;
import org.jvirt.flags.DomainBlockRebaseFlag;
import org.jvirt.flags.DomainBlockResizeFlag;
import org.jvirt.flags.DomainCoreDumpFlag;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainMemoryPeekFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.QemuMonitorCommandFlag;
import org.jvirt.flags.BackupBeginFlag;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.spi.DomainRef;

/**
 * A guest (libvirt's virDomain): named by name and UUID, and by id while it runs. This object is a handle: it
 * holds the identity it was looked up with, and every call asks the driver for the current truth. Two handles
 * are equal when they name the same domain on the same connection.
 */
public final class Domain {

    private final Connect connect;
    private volatile DomainRef ref;

    Domain(Connect connect, DomainRef ref) {
        this.connect = connect;
        this.ref = ref;
    }

    /** The identity as the wire and the drivers carry it. */
    public DomainRef ref() {
        return ref;
    }

    @Libvirt("virDomainGetConnect")
    public Connect getConnect() {
        return connect;
    }

    @Libvirt("virDomainGetName")
    public String getName() {
        return ref.name();
    }

    @Libvirt("virDomainGetUUID")
    public UUID getUUID() {
        return ref.uuid();
    }

    @Libvirt("virDomainGetUUIDString")
    public String getUUIDString() {
        return ref.uuid().toString();
    }

    /** The id of the running domain as of the lookup (-1 when it was not running). */
    @Libvirt("virDomainGetID")
    public int getID() {
        return ref.id();
    }

    private void writable(String function) {
        connect.checkWritable(function, ErrorDomain.DOMAIN);
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    @Libvirt({"virDomainCreate", "virDomainCreateWithFlags"})
    public void create(DomainCreateFlag... flags) {
        writable("virDomainCreateWithFlags");
        ref = connect.domains.create(ref, Flags.setOf(DomainCreateFlag.class, flags));
    }

    @Libvirt({"virDomainDestroy", "virDomainDestroyFlags"})
    public void destroy(DomainDestroyFlag... flags) {
        writable("virDomainDestroyFlags");
        connect.domains.destroy(ref, Flags.setOf(DomainDestroyFlag.class, flags));
        ref = ref.withId(DomainRef.NO_ID);
    }

    @Libvirt({"virDomainShutdown", "virDomainShutdownFlags"})
    public void shutdown(DomainShutdownFlag... flags) {
        writable("virDomainShutdownFlags");
        connect.domains.shutdown(ref, Flags.setOf(DomainShutdownFlag.class, flags));
    }

    @Libvirt("virDomainReboot")
    public void reboot(DomainRebootFlag... flags) {
        writable("virDomainReboot");
        connect.domains.reboot(ref, Flags.setOf(DomainRebootFlag.class, flags));
    }

    @Libvirt("virDomainReset")
    public void reset() {
        writable("virDomainReset");
        connect.domains.reset(ref);
    }

    @Libvirt("virDomainSuspend")
    public void suspend() {
        writable("virDomainSuspend");
        connect.domains.suspend(ref);
    }

    @Libvirt("virDomainResume")
    public void resume() {
        writable("virDomainResume");
        connect.domains.resume(ref);
    }

    @Libvirt({"virDomainUndefine", "virDomainUndefineFlags"})
    public void undefine(DomainUndefineFlag... flags) {
        writable("virDomainUndefineFlags");
        connect.domains.undefine(ref, Flags.setOf(DomainUndefineFlag.class, flags));
    }

    @Libvirt({"virDomainSave", "virDomainSaveFlags"})
    public void save(String path, String dxml, DomainSaveRestoreFlag... flags) {
        writable("virDomainSaveFlags");
        connect.domains.save(ref, path, dxml, Flags.setOf(DomainSaveRestoreFlag.class, flags));
        ref = ref.withId(DomainRef.NO_ID);
    }

    @Libvirt("virDomainManagedSave")
    public void managedSave(DomainSaveRestoreFlag... flags) {
        writable("virDomainManagedSave");
        connect.domains.managedSave(ref, Flags.setOf(DomainSaveRestoreFlag.class, flags));
        ref = ref.withId(DomainRef.NO_ID);
    }

    @Libvirt("virDomainHasManagedSaveImage")
    public boolean hasManagedSaveImage() {
        return connect.domains.hasManagedSaveImage(ref);
    }

    @Libvirt("virDomainManagedSaveRemove")
    public void managedSaveRemove() {
        writable("virDomainManagedSaveRemove");
        connect.domains.managedSaveRemove(ref);
    }

    @Libvirt("virDomainRename")
    public void rename(String newName) {
        writable("virDomainRename");
        ref = connect.domains.rename(ref, newName);
    }

    // ---- state and config -------------------------------------------------------------------------------------

    @Libvirt("virDomainGetInfo")
    public DomainInfo getInfo() {
        return connect.domains.getInfo(ref);
    }

    @Libvirt("virDomainGetState")
    public DomainStateInfo getState() {
        return connect.domains.getState(ref);
    }

    @Libvirt("virDomainGetXMLDesc")
    public String getXMLDesc(DomainXMLFlag... flags) {
        if (connect.isReadOnly() && List.of(flags).contains(DomainXMLFlag.SECURE)) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_DENIED,
                    "virDomainGetXMLDesc with secure flag");
        }
        return connect.domains.getXMLDesc(ref, Flags.setOf(DomainXMLFlag.class, flags));
    }

    @Libvirt("virDomainGetAutostart")
    public boolean getAutostart() {
        return connect.domains.getAutostart(ref);
    }

    @Libvirt("virDomainSetAutostart")
    public void setAutostart(boolean autostart) {
        writable("virDomainSetAutostart");
        connect.domains.setAutostart(ref, autostart);
    }

    @Libvirt("virDomainIsActive")
    public boolean isActive() {
        return connect.domains.isActive(ref);
    }

    @Libvirt("virDomainIsPersistent")
    public boolean isPersistent() {
        return connect.domains.isPersistent(ref);
    }

    @Libvirt("virDomainIsUpdated")
    public boolean isUpdated() {
        return connect.domains.isUpdated(ref);
    }

    @Libvirt("virDomainGetOSType")
    public String getOSType() {
        return connect.domains.getOSType(ref);
    }

    @Libvirt("virDomainGetHostname")
    public String getHostname() {
        return connect.domains.getHostname(ref);
    }

    /** Maximum memory in KiB. */
    @Libvirt("virDomainGetMaxMemory")
    public long getMaxMemory() {
        return connect.domains.getMaxMemory(ref);
    }

    @Libvirt("virDomainSetMaxMemory")
    public void setMaxMemory(long memoryKiB) {
        writable("virDomainSetMaxMemory");
        connect.domains.setMaxMemory(ref, memoryKiB);
    }

    @Libvirt({"virDomainSetMemory", "virDomainSetMemoryFlags"})
    public void setMemory(long memoryKiB, DomainMemoryModFlag... flags) {
        writable("virDomainSetMemoryFlags");
        connect.domains.setMemory(ref, memoryKiB, Flags.setOf(DomainMemoryModFlag.class, flags));
    }

    @Libvirt("virDomainGetMaxVcpus")
    public int getMaxVcpus() {
        return connect.domains.getMaxVcpus(ref);
    }

    @Libvirt("virDomainGetVcpusFlags")
    public int getVcpusFlags(DomainVcpuFlag... flags) {
        return connect.domains.getVcpusFlags(ref, Flags.setOf(DomainVcpuFlag.class, flags));
    }

    @Libvirt({"virDomainSetVcpus", "virDomainSetVcpusFlags"})
    public void setVcpus(int count, DomainVcpuFlag... flags) {
        writable("virDomainSetVcpusFlags");
        Set<DomainVcpuFlag> set = Flags.setOf(DomainVcpuFlag.class, flags);
        // virDomainSetVcpusFlags checks these before calling the driver
        ArgChecks.requireFlag(set, DomainVcpuFlag.MAXIMUM, "VIR_DOMAIN_VCPU_MAXIMUM", DomainVcpuFlag.CONFIG,
                "VIR_DOMAIN_AFFECT_CONFIG", ErrorDomain.DOMAIN, "virDomainSetVcpusFlags");
        ArgChecks.exclusiveFlags(set, DomainVcpuFlag.GUEST, "VIR_DOMAIN_VCPU_GUEST", DomainVcpuFlag.CONFIG,
                "VIR_DOMAIN_AFFECT_CONFIG", ErrorDomain.DOMAIN, "virDomainSetVcpusFlags");
        ArgChecks.nonZero(count, "nvcpus", ErrorDomain.DOMAIN, "virDomainSetVcpusFlags");
        connect.domains.setVcpus(ref, count, set);
    }

    @Libvirt("virDomainGetVcpus")
    public List<VcpuInfo> getVcpus() {
        return connect.domains.getVcpus(ref);
    }

    @Libvirt("virDomainGetSecurityLabel")
    public SecurityLabel getSecurityLabel() {
        return connect.domains.getSecurityLabel(ref);
    }

    @Libvirt("virDomainGetMetadata")
    public String getMetadata(DomainMetadataType type, String uri, DomainModificationImpact... flags) {
        return connect.domains.getMetadata(ref, type, uri, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainSetMetadata")
    public void setMetadata(DomainMetadataType type, String metadata, String key, String uri,
                            DomainModificationImpact... flags) {
        writable("virDomainSetMetadata");
        connect.domains.setMetadata(ref, type, metadata, key, uri,
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    // ---- devices ----------------------------------------------------------------------------------------------

    @Libvirt({"virDomainAttachDevice", "virDomainAttachDeviceFlags"})
    public void attachDevice(String xml, DomainDeviceModifyFlag... flags) {
        writable("virDomainAttachDeviceFlags");
        connect.domains.attachDevice(ref, xml, Flags.setOf(DomainDeviceModifyFlag.class, flags));
    }

    @Libvirt({"virDomainDetachDevice", "virDomainDetachDeviceFlags"})
    public void detachDevice(String xml, DomainDeviceModifyFlag... flags) {
        writable("virDomainDetachDeviceFlags");
        connect.domains.detachDevice(ref, xml, Flags.setOf(DomainDeviceModifyFlag.class, flags));
    }

    @Libvirt("virDomainUpdateDeviceFlags")
    public void updateDevice(String xml, DomainDeviceModifyFlag... flags) {
        writable("virDomainUpdateDeviceFlags");
        connect.domains.updateDevice(ref, xml, Flags.setOf(DomainDeviceModifyFlag.class, flags));
    }

    @Libvirt("virDomainDetachDeviceAlias")
    public void detachDeviceAlias(String alias, DomainDeviceModifyFlag... flags) {
        writable("virDomainDetachDeviceAlias");
        connect.domains.detachDeviceAlias(ref, alias, Flags.setOf(DomainDeviceModifyFlag.class, flags));
    }

    // ---- statistics -------------------------------------------------------------------------------------------

    @Libvirt("virDomainBlockStats")
    public DomainBlockStats blockStats(String disk) {
        return connect.domains.blockStats(ref, disk);
    }

    @Libvirt("virDomainInterfaceStats")
    public DomainInterfaceStats interfaceStats(String device) {
        return connect.domains.interfaceStats(ref, device);
    }

    @Libvirt("virDomainMemoryStats")
    public Map<String, Long> memoryStats() {
        return connect.domains.memoryStats(ref);
    }

    @Libvirt("virDomainGetBlockInfo")
    public DomainBlockInfo getBlockInfo(String disk) {
        return connect.domains.getBlockInfo(ref, disk);
    }

    // ---- migration --------------------------------------------------------------------------------------------

    /**
     * Migrates this domain to the host of {@code dconn} (migration protocol version 3 with parameters, driven from
     * here as libvirt's client library drives it). {@code params} are {@link MigrateParam} keys; returns the
     * domain on the destination. On failure the guest keeps running here.
     */
    @Libvirt("virDomainMigrate3")
    public Domain migrate(Connect dconn, Map<String, Object> params, org.jvirt.flags.DomainMigrateFlag... flags) {
        String fn = "virDomainMigrate3";
        writable(fn);
        ArgChecks.nonNull(dconn, "dconn", ErrorDomain.DOMAIN, fn);
        dconn.checkWritable(fn, ErrorDomain.DOMAIN);
        java.util.EnumSet<org.jvirt.flags.DomainMigrateFlag> f =
                Flags.setOf(org.jvirt.flags.DomainMigrateFlag.class, flags);
        MigrationChecks.check(connect, dconn, f, fn);
        DomainRef r = org.jvirt.spi.Migration.runV3(MigrationInternals.source(this),
                MigrationInternals.destination(dconn), params == null ? Map.of() : params, f);
        return new Domain(dconn, r);
    }

    /**
     * The older form of {@link #migrate(Connect, Map, org.jvirt.flags.DomainMigrateFlag...)}: destination XML,
     * name, migration URI and bandwidth (MiB/s) as arguments, each null or 0 when not wanted.
     */
    @Libvirt({"virDomainMigrate2", "virDomainMigrate"})
    public Domain migrate(Connect dconn, String dxml, String dname, String uri, long bandwidth,
            org.jvirt.flags.DomainMigrateFlag... flags) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (dxml != null) {
            params.put(MigrateParam.DEST_XML.key(), dxml);
        }
        if (dname != null) {
            params.put(MigrateParam.DEST_NAME.key(), dname);
        }
        if (uri != null) {
            params.put(MigrateParam.URI.key(), uri);
        }
        if (bandwidth != 0) {
            params.put(MigrateParam.BANDWIDTH.key(), bandwidth);
        }
        return migrate(dconn, params, flags);
    }

    /**
     * Peer-to-peer migration: this domain's own driver connects to {@code dconnuri} and migrates it there
     * (VIR_MIGRATE_PEER2PEER is implied, as the destination is given by URI).
     */
    @Libvirt("virDomainMigrateToURI3")
    public void migrateToURI3(String dconnuri, Map<String, Object> params,
            org.jvirt.flags.DomainMigrateFlag... flags) {
        String fn = "virDomainMigrateToURI3";
        writable(fn);
        java.util.EnumSet<org.jvirt.flags.DomainMigrateFlag> f =
                Flags.setOf(org.jvirt.flags.DomainMigrateFlag.class, flags);
        MigrationChecks.check(connect, null, f, fn);
        if (!f.contains(org.jvirt.flags.DomainMigrateFlag.PEER2PEER)) {
            // libvirt's "direct" migration: no hypervisor driver of libvirt 9.0 other than Xen's does it
            throw VirtException.noSupport(ErrorDomain.DOMAIN, fn);
        }
        ArgChecks.nonNull(dconnuri, "dconnuri", ErrorDomain.DOMAIN, fn);
        connect.domains.migrateToURI3(ref, dconnuri, params == null ? Map.of() : params, f);
    }

    /**
     * The older forms of {@link #migrateToURI3}: destination connection URI, migration URI, destination XML, name
     * and bandwidth (MiB/s) as arguments, each null or 0 when not wanted.
     */
    @Libvirt({"virDomainMigrateToURI2", "virDomainMigrateToURI"})
    public void migrateToURI(String dconnuri, String miguri, String dxml, String dname, long bandwidth,
            org.jvirt.flags.DomainMigrateFlag... flags) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        if (miguri != null) {
            params.put(MigrateParam.URI.key(), miguri);
        }
        if (dxml != null) {
            params.put(MigrateParam.DEST_XML.key(), dxml);
        }
        if (dname != null) {
            params.put(MigrateParam.DEST_NAME.key(), dname);
        }
        if (bandwidth != 0) {
            params.put(MigrateParam.BANDWIDTH.key(), bandwidth);
        }
        migrateToURI3(dconnuri, params, flags);
    }

    @Libvirt("virDomainGetJobInfo")
    public DomainJobInfo getJobInfo() {
        return connect.domains.getJobInfo(ref);
    }

    /** Launch security (AMD SEV) information: measurement, policy ... (write access needed, as libvirt asks). */
    @Libvirt("virDomainGetLaunchSecurityInfo")
    public List<TypedParameter> getLaunchSecurityInfo() {
        writable("virDomainGetLaunchSecurityInfo");
        return connect.domains.getLaunchSecurityInfo(ref);
    }

    /** The running (or with COMPLETED, the last completed) job's statistics. */
    @Libvirt("virDomainGetJobStats")
    public DomainJobStats getJobStats(org.jvirt.flags.DomainGetJobStatsFlag... flags) {
        Set<org.jvirt.flags.DomainGetJobStatsFlag> f = Flags.setOf(org.jvirt.flags.DomainGetJobStatsFlag.class, flags);
        ArgChecks.requireFlag(f, org.jvirt.flags.DomainGetJobStatsFlag.KEEP_COMPLETED,
                "VIR_DOMAIN_JOB_STATS_KEEP_COMPLETED", org.jvirt.flags.DomainGetJobStatsFlag.COMPLETED,
                "VIR_DOMAIN_JOB_STATS_COMPLETED", ErrorDomain.DOMAIN, "virDomainGetJobStats");
        return connect.domains.getJobStats(ref, f);
    }

    @Libvirt("virDomainAbortJob")
    public void abortJob() {
        writable("virDomainAbortJob");
        connect.domains.abortJob(ref);
    }

    // ---- console, keys, screenshots ---------------------------------------------------------------------------

    @Libvirt("virDomainInjectNMI")
    public void injectNMI() {
        writable("virDomainInjectNMI");
        connect.domains.injectNMI(ref);
    }

    /** Sends key codes in libvirt's codeset numbering (virKeycodeSet), held for {@code holdtime} ms. */
    @Libvirt("virDomainSendKey")
    public void sendKey(int codeset, int holdtime, int... keycodes) {
        writable("virDomainSendKey");
        ArgChecks.nonNull(keycodes, "keycodes", ErrorDomain.DOMAIN, "virDomainSendKey");
        ArgChecks.positive(keycodes.length, "nkeycodes", ErrorDomain.DOMAIN, "virDomainSendKey");
        if (org.jvirt.keycode.KeycodeSet.fromCode(codeset) == null) {
            throw ArgChecks.invalid(ErrorDomain.DOMAIN, "virDomainSendKey", "codeset",
                    String.format("Unsupported codeset '%d'", codeset));
        }
        if (keycodes.length > org.jvirt.keycode.Keycodes.MAX_KEYS) {
            throw ArgChecks.invalid(ErrorDomain.DOMAIN, "virDomainSendKey", "nkeycodes",
                    String.format("nkeycodes must be <= %d", org.jvirt.keycode.Keycodes.MAX_KEYS));
        }
        connect.domains.sendKey(ref, codeset, holdtime, keycodes);
    }

    /** Starts a screenshot into the stream; returns the image's MIME type. */
    @Libvirt("virDomainScreenshot")
    public String screenshot(Stream stream, int screen) {
        writable("virDomainScreenshot");
        return connect.domains.screenshot(ref, stream, screen);
    }

    @Libvirt("virDomainOpenConsole")
    public void openConsole(String devName, Stream stream, boolean force) {
        writable("virDomainOpenConsole");
        connect.domains.openConsole(ref, devName, stream, force ? 1 : 0);
    }

    /** The guest's vCPUs as its agent sees them: "vcpus", "online" and "offlinable", each a list such as "0-3". */
    @Libvirt("virDomainGetGuestVcpus")
    public Map<String, Object> getGuestVcpus() {
        writable("virDomainGetGuestVcpus");
        return connect.domains.getGuestVcpus(ref, 0);
    }

    /** Onlines ({@code enable}) or offlines the guest's vCPUs in {@code cpumap} (e.g. "1-3") through its agent. */
    @Libvirt("virDomainSetGuestVcpus")
    public void setGuestVcpus(String cpumap, boolean enable) {
        writable("virDomainSetGuestVcpus");
        connect.domains.setGuestVcpus(ref, cpumap, enable ? 1 : 0, 0);
    }

    /** Facts about the guest from its agent, as libvirt's typed parameters ("os.id", "hostname", ...). */
    @Libvirt("virDomainGetGuestInfo")
    public Map<String, Object> getGuestInfo(org.jvirt.flags.DomainGuestInfoType... types) {
        writable("virDomainGetGuestInfo");
        return connect.domains.getGuestInfo(ref, Flags.toBits(types), 0);
    }

    /** The guest's network interfaces and their addresses, from DHCP leases, the guest agent or the ARP table. */
    @Libvirt("virDomainInterfaceAddresses")
    public List<DomainInterface> interfaceAddresses(DomainInterfaceAddressesSource source) {
        if (source == DomainInterfaceAddressesSource.AGENT) {
            writable("virDomainInterfaceAddresses"); // libvirt: the agent needs a read-write connection
        }
        return connect.domains.interfaceAddresses(ref, source);
    }

    /** Freezes the guest's filesystems through its agent: all of them, or those mounted at {@code mountpoints}. */
    @Libvirt("virDomainFSFreeze")
    public int fsFreeze(List<String> mountpoints) {
        writable("virDomainFSFreeze");
        return connect.domains.fsFreeze(ref, mountpoints == null ? List.of() : mountpoints, 0);
    }

    /** Thaws what {@link #fsFreeze} froze; returns how many filesystems. */
    @Libvirt("virDomainFSThaw")
    public int fsThaw(List<String> mountpoints) {
        writable("virDomainFSThaw");
        return connect.domains.fsThaw(ref, mountpoints == null ? List.of() : mountpoints, 0);
    }

    /** Discards unused blocks of the guest's filesystems (at least {@code minimum} bytes contiguous). */
    @Libvirt("virDomainFSTrim")
    public void fsTrim(String mountPoint, long minimum) {
        writable("virDomainFSTrim");
        connect.domains.fsTrim(ref, mountPoint, minimum, 0);
    }

    /** The guest's mounted filesystems, as its agent reports them. */
    @Libvirt("virDomainGetFSInfo")
    public List<DomainFSInfo> getFSInfo() {
        writable("virDomainGetFSInfo");
        return connect.domains.getFSInfo(ref, 0);
    }

    /** Sets a guest user's password through the agent; {@code encrypted}: already crypt(3)ed. */
    @Libvirt("virDomainSetUserPassword")
    public void setUserPassword(String user, String password, boolean encrypted) {
        writable("virDomainSetUserPassword");
        connect.domains.setUserPassword(ref, user, password, encrypted ? 1 : 0);
    }

    /** A guest user's authorized SSH keys, read by the agent. */
    @Libvirt("virDomainAuthorizedSSHKeysGet")
    public List<String> authorizedSSHKeysGet(String user) {
        writable("virDomainAuthorizedSSHKeysGet");
        return connect.domains.authorizedSSHKeysGet(ref, user, 0);
    }

    /** Replaces, adds to ({@code APPEND}) or removes from ({@code REMOVE}) a guest user's authorized SSH keys. */
    @Libvirt("virDomainAuthorizedSSHKeysSet")
    public void authorizedSSHKeysSet(String user, List<String> keys,
            org.jvirt.flags.DomainAuthorizedSSHKeysSetFlag... flags) {
        writable("virDomainAuthorizedSSHKeysSet");
        connect.domains.authorizedSSHKeysSet(ref, user, keys, Flags.toBits(flags));
    }

    /** The guest's clock, read by its agent (write access needed, as libvirt asks). */
    @Libvirt("virDomainGetTime")
    public java.time.Instant getTime() {
        writable("virDomainGetTime");
        long[] t = connect.domains.getTime(ref);
        return java.time.Instant.ofEpochSecond(t[0], t[1]);
    }

    /** Sets the guest's clock through its agent; with {@code SYNC} from its RTC, and {@code time} may be null. */
    @Libvirt("virDomainSetTime")
    public void setTime(java.time.Instant time, org.jvirt.flags.DomainSetTimeFlag... flags) {
        writable("virDomainSetTime");
        connect.domains.setTime(ref, time == null ? 0 : time.getEpochSecond(), time == null ? 0 : time.getNano(),
                Flags.toBits(flags));
    }

    /**
     * libvirt-qemu's guest agent passthrough: sends a JSON command to the guest's qemu-ga and returns its reply.
     *
     * @param timeout seconds to wait, or {@link #AGENT_COMMAND_BLOCK}, {@link #AGENT_COMMAND_DEFAULT},
     *                {@link #AGENT_COMMAND_NOWAIT}
     */
    @Libvirt("virDomainQemuAgentCommand")
    public String qemuAgentCommand(String command, int timeout) {
        writable("virDomainQemuAgentCommand");
        return connect.domains.qemuAgentCommand(ref, command, timeout, 0);
    }

    /** VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK: wait for the agent's reply without limit. */
    public static final int AGENT_COMMAND_BLOCK = -2;
    /** VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT: the driver's default wait. */
    public static final int AGENT_COMMAND_DEFAULT = -1;
    /** VIR_DOMAIN_QEMU_AGENT_COMMAND_NOWAIT */
    public static final int AGENT_COMMAND_NOWAIT = 0;

    /**
     * libvirt-qemu's passthrough: sends a command to the guest's QEMU monitor and returns QEMU's answer. For
     * debugging; the driver's view of the guest may go stale if the command changes it.
     */
    @Libvirt("virDomainQemuMonitorCommand")
    public String qemuMonitorCommand(String command, QemuMonitorCommandFlag... flags) {
        writable("virDomainQemuMonitorCommand");
        return connect.domains.qemuMonitorCommand(ref, command, Flags.toBits(flags));
    }

    // ---- snapshots --------------------------------------------------------------------------------------------

    @Libvirt("virDomainSnapshotCreateXML")
    public DomainSnapshot snapshotCreateXML(String xml, SnapshotCreateFlag... flags) {
        connect.checkWritable("virDomainSnapshotCreateXML", ErrorDomain.DOMAIN_SNAPSHOT);
        return new DomainSnapshot(this,
                connect.snapshots.snapshotCreateXML(ref, xml, Flags.setOf(SnapshotCreateFlag.class, flags)));
    }

    @Libvirt({"virDomainListAllSnapshots", "virDomainSnapshotNum", "virDomainSnapshotListNames"})
    public List<DomainSnapshot> listAllSnapshots(SnapshotListFlag... flags) {
        return Connect.wrapAll(connect.snapshots.listAllSnapshots(ref, Flags.setOf(SnapshotListFlag.class, flags)),
                r -> new DomainSnapshot(this, r));
    }

    @Libvirt("virDomainSnapshotLookupByName")
    public DomainSnapshot snapshotLookupByName(String name) {
        return new DomainSnapshot(this, connect.snapshots.snapshotLookupByName(ref, name));
    }

    @Libvirt("virDomainHasCurrentSnapshot")
    public boolean hasCurrentSnapshot() {
        return connect.snapshots.hasCurrentSnapshot(ref);
    }

    @Libvirt("virDomainSnapshotCurrent")
    public DomainSnapshot snapshotCurrent() {
        return new DomainSnapshot(this, connect.snapshots.snapshotCurrent(ref));
    }

    // ---- checkpoints and backup (DomainCheckpointDriver) -------------------------------------------------------

    @Libvirt("virDomainCheckpointCreateXML")
    public DomainCheckpoint checkpointCreateXML(String xml, CheckpointCreateFlag... flags) {
        String fn = "virDomainCheckpointCreateXML";
        ArgChecks.nonNull(xml, "xmlDesc", ErrorDomain.DOMAIN_CHECKPOINT, fn);
        connect.checkWritable(fn, ErrorDomain.DOMAIN_CHECKPOINT);
        Set<CheckpointCreateFlag> set = Flags.setOf(CheckpointCreateFlag.class, flags);
        ArgChecks.exclusiveFlags(set, CheckpointCreateFlag.REDEFINE, "VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE",
                CheckpointCreateFlag.QUIESCE, "VIR_DOMAIN_CHECKPOINT_CREATE_QUIESCE", ErrorDomain.DOMAIN_CHECKPOINT,
                fn);
        ArgChecks.requireFlag(set, CheckpointCreateFlag.REDEFINE_VALIDATE,
                "VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE_VALIDATE", CheckpointCreateFlag.REDEFINE,
                "VIR_DOMAIN_CHECKPOINT_CREATE_REDEFINE", ErrorDomain.DOMAIN_CHECKPOINT, fn);
        return new DomainCheckpoint(this, connect.checkpoints.checkpointCreateXML(ref, xml, set));
    }

    @Libvirt("virDomainListAllCheckpoints")
    public List<DomainCheckpoint> listAllCheckpoints(CheckpointListFlag... flags) {
        return Connect.wrapAll(connect.checkpoints.listAllCheckpoints(ref,
                Flags.setOf(CheckpointListFlag.class, flags)), r -> new DomainCheckpoint(this, r));
    }

    @Libvirt("virDomainCheckpointLookupByName")
    public DomainCheckpoint checkpointLookupByName(String name) {
        ArgChecks.nonNull(name, "name", ErrorDomain.DOMAIN_CHECKPOINT, "virDomainCheckpointLookupByName");
        return new DomainCheckpoint(this, connect.checkpoints.checkpointLookupByName(ref, name));
    }

    /** Starts a push-mode or pull-mode backup job described by {@code backupXml}; checkpointXml may be null. */
    @Libvirt("virDomainBackupBegin")
    public void backupBegin(String backupXml, String checkpointXml, BackupBeginFlag... flags) {
        ArgChecks.nonNull(backupXml, "backupXML", ErrorDomain.DOMAIN, "virDomainBackupBegin");
        writable("virDomainBackupBegin");
        connect.checkpoints.backupBegin(ref, backupXml, checkpointXml, Flags.setOf(BackupBeginFlag.class, flags));
    }

    @Libvirt("virDomainBackupGetXMLDesc")
    public String backupGetXMLDesc() {
        return connect.checkpoints.backupGetXMLDesc(ref);
    }

    // ---- tuning: scheduler, memory, block I/O, NUMA, perf events (typed parameters in libvirt's order) -------

    /** The scheduler's name ("fair", "posix", ...). */
    @Libvirt("virDomainGetSchedulerType")
    public String getSchedulerType() {
        return connect.tuning.getSchedulerType(ref);
    }

    @Libvirt({"virDomainGetSchedulerParameters", "virDomainGetSchedulerParametersFlags"})
    public List<TypedParameter> getSchedulerParameters(DomainModificationImpact... flags) {
        return connect.tuning.getSchedulerParameters(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt({"virDomainSetSchedulerParameters", "virDomainSetSchedulerParametersFlags"})
    public void setSchedulerParameters(List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetSchedulerParametersFlags");
        connect.tuning.setSchedulerParameters(ref, List.copyOf(params),
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    /** hard_limit, soft_limit, swap_hard_limit in KiB (ULLONG; VIR_DOMAIN_MEMORY_PARAM_UNLIMITED when unset). */
    @Libvirt("virDomainGetMemoryParameters")
    public List<TypedParameter> getMemoryParameters(DomainModificationImpact... flags) {
        return connect.tuning.getMemoryParameters(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainSetMemoryParameters")
    public void setMemoryParameters(List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetMemoryParameters");
        connect.tuning.setMemoryParameters(ref, List.copyOf(params), Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainGetBlkioParameters")
    public List<TypedParameter> getBlkioParameters(DomainModificationImpact... flags) {
        return connect.tuning.getBlkioParameters(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainSetBlkioParameters")
    public void setBlkioParameters(List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetBlkioParameters");
        connect.tuning.setBlkioParameters(ref, List.copyOf(params), Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainGetNumaParameters")
    public List<TypedParameter> getNumaParameters(DomainModificationImpact... flags) {
        return connect.tuning.getNumaParameters(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainSetNumaParameters")
    public void setNumaParameters(List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetNumaParameters");
        connect.tuning.setNumaParameters(ref, List.copyOf(params), Flags.setOf(DomainModificationImpact.class, flags));
    }

    /** Every perf event libvirt knows, BOOLEAN enabled or not. */
    @Libvirt("virDomainGetPerfEvents")
    public List<TypedParameter> getPerfEvents(DomainModificationImpact... flags) {
        return connect.tuning.getPerfEvents(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainSetPerfEvents")
    public void setPerfEvents(List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetPerfEvents");
        connect.tuning.setPerfEvents(ref, List.copyOf(params), Flags.setOf(DomainModificationImpact.class, flags));
    }

    /** An interface's bandwidth (by MAC address or target device): inbound.average ... outbound.burst, UINT. */
    @Libvirt("virDomainGetInterfaceParameters")
    public List<TypedParameter> getInterfaceParameters(String device, DomainModificationImpact... flags) {
        ArgChecks.nonNull(device, "device", ErrorDomain.DOMAIN, "virDomainGetInterfaceParameters");
        return connect.tuning.getInterfaceParameters(ref, device, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainSetInterfaceParameters")
    public void setInterfaceParameters(String device, List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetInterfaceParameters");
        ArgChecks.nonNull(device, "device", ErrorDomain.DOMAIN, "virDomainSetInterfaceParameters");
        connect.tuning.setInterfaceParameters(ref, device, List.copyOf(params),
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    // ---- IOThreads (iothreadinfo, iothreadpin, iothreadadd, iothreaddel, iothreadset) ---------------------

    /** The IOThreads of the definition the flags pick, in definition order, each with its host CPU affinity. */
    @Libvirt("virDomainGetIOThreadInfo")
    public List<DomainIOThreadInfo> getIOThreadInfo(DomainModificationImpact... flags) {
        java.util.EnumSet<DomainModificationImpact> set = Flags.setOf(DomainModificationImpact.class, flags);
        ArgChecks.exclusiveFlags(set, DomainModificationImpact.LIVE, "VIR_DOMAIN_AFFECT_LIVE",
                DomainModificationImpact.CONFIG, "VIR_DOMAIN_AFFECT_CONFIG", ErrorDomain.DOMAIN,
                "virDomainGetIOThreadInfo");
        return List.copyOf(connect.tuning.getIOThreadInfo(ref, set));
    }

    @Libvirt("virDomainPinIOThread")
    public void pinIOThread(int iothreadId, java.util.BitSet cpus, DomainModificationImpact... flags) {
        writable("virDomainPinIOThread");
        ArgChecks.nonNull(cpus, "cpumap", ErrorDomain.DOMAIN, "virDomainPinIOThread");
        connect.tuning.pinIOThread(ref, iothreadId, (java.util.BitSet) cpus.clone(),
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainAddIOThread")
    public void addIOThread(int iothreadId, DomainModificationImpact... flags) {
        writable("virDomainAddIOThread");
        connect.tuning.addIOThread(ref, iothreadId, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainDelIOThread")
    public void delIOThread(int iothreadId, DomainModificationImpact... flags) {
        writable("virDomainDelIOThread");
        ArgChecks.nonZero(iothreadId, "iothread_id", ErrorDomain.DOMAIN, "virDomainDelIOThread");
        connect.tuning.delIOThread(ref, iothreadId, Flags.setOf(DomainModificationImpact.class, flags));
    }

    /** poll-max-ns (ULLONG), poll-grow, poll-shrink (UINT), thread-pool-min, thread-pool-max (INT). */
    @Libvirt("virDomainSetIOThreadParams")
    public void setIOThreadParams(int iothreadId, List<TypedParameter> params, DomainModificationImpact... flags) {
        writable("virDomainSetIOThreadParams");
        ArgChecks.nonNull(params, "params", ErrorDomain.DOMAIN, "virDomainSetIOThreadParams");
        ArgChecks.positive(params.size(), "nparams", ErrorDomain.DOMAIN, "virDomainSetIOThreadParams");
        connect.tuning.setIOThreadParams(ref, iothreadId, List.copyOf(params),
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    // ---- pinning (host CPU bitmaps, bit i = host CPU i) --------------------------------------------------

    /** Each vCPU's affinity, one bitmap per vCPU up to the maximum. */
    @Libvirt("virDomainGetVcpuPinInfo")
    public List<java.util.BitSet> getVcpuPinInfo(DomainModificationImpact... flags) {
        return connect.tuning.getVcpuPinInfo(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt({"virDomainPinVcpu", "virDomainPinVcpuFlags"})
    public void pinVcpu(int vcpu, java.util.BitSet cpus, DomainModificationImpact... flags) {
        writable("virDomainPinVcpuFlags");
        connect.tuning.pinVcpu(ref, vcpu, (java.util.BitSet) cpus.clone(),
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainGetEmulatorPinInfo")
    public java.util.BitSet getEmulatorPinInfo(DomainModificationImpact... flags) {
        return connect.tuning.getEmulatorPinInfo(ref, Flags.setOf(DomainModificationImpact.class, flags));
    }

    @Libvirt("virDomainPinEmulator")
    public void pinEmulator(java.util.BitSet cpus, DomainModificationImpact... flags) {
        writable("virDomainPinEmulator");
        connect.tuning.pinEmulator(ref, (java.util.BitSet) cpus.clone(),
                Flags.setOf(DomainModificationImpact.class, flags));
    }

    // ---- block jobs, resize, peeks, core dump (disks named by target or source path) ------------------------

    /** Starts pulling the whole backing chain into the disk's top image; bandwidth in MiB/s (0 = unlimited). */
    @Libvirt("virDomainBlockPull")
    public void blockPull(String disk, long bandwidth, DomainBlockPullFlag... flags) {
        writable("virDomainBlockPull");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockPull");
        connect.blocks.blockPull(ref, disk, bandwidth, Flags.setOf(DomainBlockPullFlag.class, flags));
    }

    /**
     * Pulls the chain above {@code base} (null: all of it) into the top image; with COPY, starts copying the disk
     * to the file {@code base} instead.
     */
    @Libvirt("virDomainBlockRebase")
    public void blockRebase(String disk, String base, long bandwidth, DomainBlockRebaseFlag... flags) {
        writable("virDomainBlockRebase");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockRebase");
        java.util.EnumSet<DomainBlockRebaseFlag> set = Flags.setOf(DomainBlockRebaseFlag.class, flags);
        if (set.contains(DomainBlockRebaseFlag.COPY)) {
            ArgChecks.nonNull(base, "base", ErrorDomain.DOMAIN, "virDomainBlockRebase");
        } else if (set.contains(DomainBlockRebaseFlag.SHALLOW) || set.contains(DomainBlockRebaseFlag.REUSE_EXT)
                || set.contains(DomainBlockRebaseFlag.COPY_RAW) || set.contains(DomainBlockRebaseFlag.COPY_DEV)) {
            throw ArgChecks.invalid(ErrorDomain.DOMAIN, "virDomainBlockRebase", "flags",
                    "use of flags requires a copy job");
        }
        connect.blocks.blockRebase(ref, disk, base, bandwidth, set);
    }

    /**
     * Starts copying the disk to the destination {@code destXml} describes (a {@code <disk>} element); params:
     * bandwidth (ULLONG bytes/s), granularity (UINT), buf-size (ULLONG).
     */
    @Libvirt("virDomainBlockCopy")
    public void blockCopy(String disk, String destXml, List<TypedParameter> params, DomainBlockCopyFlag... flags) {
        writable("virDomainBlockCopy");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockCopy");
        ArgChecks.nonNull(destXml, "destxml", ErrorDomain.DOMAIN, "virDomainBlockCopy");
        connect.blocks.blockCopy(ref, disk, destXml, params == null ? List.of() : List.copyOf(params),
                Flags.setOf(DomainBlockCopyFlag.class, flags));
    }

    /** Starts committing {@code top} (null: the active image needs ACTIVE) down into {@code base} (null: the bottom). */
    @Libvirt("virDomainBlockCommit")
    public void blockCommit(String disk, String base, String top, long bandwidth, DomainBlockCommitFlag... flags) {
        writable("virDomainBlockCommit");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockCommit");
        connect.blocks.blockCommit(ref, disk, base, top, bandwidth, Flags.setOf(DomainBlockCommitFlag.class, flags));
    }

    /** The disk's running block job, or empty when it has none. */
    @Libvirt("virDomainGetBlockJobInfo")
    public java.util.Optional<DomainBlockJobInfo> getBlockJobInfo(String disk, DomainBlockJobInfoFlag... flags) {
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainGetBlockJobInfo");
        return connect.blocks.getBlockJobInfo(ref, disk, Flags.setOf(DomainBlockJobInfoFlag.class, flags));
    }

    /** Cancels the disk's job; with PIVOT, ends a synchronised copy or active commit by switching to its image. */
    @Libvirt("virDomainBlockJobAbort")
    public void blockJobAbort(String disk, DomainBlockJobAbortFlag... flags) {
        writable("virDomainBlockJobAbort");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockJobAbort");
        connect.blocks.blockJobAbort(ref, disk, Flags.setOf(DomainBlockJobAbortFlag.class, flags));
    }

    @Libvirt("virDomainBlockJobSetSpeed")
    public void blockJobSetSpeed(String disk, long bandwidth, DomainBlockJobSetSpeedFlag... flags) {
        writable("virDomainBlockJobSetSpeed");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockJobSetSpeed");
        connect.blocks.blockJobSetSpeed(ref, disk, bandwidth, Flags.setOf(DomainBlockJobSetSpeedFlag.class, flags));
    }

    /** Grows (or shrinks) the disk's image to {@code size} KiB, or bytes with BYTES, while the guest runs. */
    @Libvirt("virDomainBlockResize")
    public void blockResize(String disk, long size, DomainBlockResizeFlag... flags) {
        writable("virDomainBlockResize");
        ArgChecks.nonNull(disk, "disk", ErrorDomain.DOMAIN, "virDomainBlockResize");
        connect.blocks.blockResize(ref, disk, size, Flags.setOf(DomainBlockResizeFlag.class, flags));
    }

    /** {@code size} bytes of the disk as the guest sees it, from {@code offset}. */
    @Libvirt("virDomainBlockPeek")
    public byte[] blockPeek(String disk, long offset, int size) {
        writable("virDomainBlockPeek");
        if (disk == null || disk.isEmpty()) {
            throw ArgChecks.invalid(ErrorDomain.DOMAIN, "virDomainBlockPeek", "disk",
                    "disk in virDomainBlockPeek must not be empty");
        }
        return connect.blocks.blockPeek(ref, disk, offset, size);
    }

    /** {@code size} bytes of guest memory from {@code start}, by VIRTUAL (vCPU 0's view) or PHYSICAL address. */
    @Libvirt("virDomainMemoryPeek")
    public byte[] memoryPeek(long start, int size, DomainMemoryPeekFlag... flags) {
        writable("virDomainMemoryPeek");
        java.util.EnumSet<DomainMemoryPeekFlag> set = Flags.setOf(DomainMemoryPeekFlag.class, flags);
        ArgChecks.exclusiveFlags(set, DomainMemoryPeekFlag.VIRTUAL, "VIR_MEMORY_VIRTUAL",
                DomainMemoryPeekFlag.PHYSICAL, "VIR_MEMORY_PHYSICAL", ErrorDomain.DOMAIN, "virDomainMemoryPeek");
        return connect.blocks.memoryPeek(ref, start, size, set);
    }

    /** Dumps the guest's core to {@code to} (made absolute here, as libvirt does: the dump is written elsewhere). */
    @Libvirt("virDomainCoreDump")
    public void coreDump(String to, DomainCoreDumpFlag... flags) {
        coreDump("virDomainCoreDump", to, DomainCoreDumpFormat.RAW, flags);
    }

    @Libvirt("virDomainCoreDumpWithFormat")
    public void coreDumpWithFormat(String to, DomainCoreDumpFormat format, DomainCoreDumpFlag... flags) {
        coreDump("virDomainCoreDumpWithFormat", to, format, flags);
    }

    private void coreDump(String function, String to, DomainCoreDumpFormat format, DomainCoreDumpFlag... flags) {
        writable(function);
        ArgChecks.nonNull(to, "to", ErrorDomain.DOMAIN, function);
        ArgChecks.nonNull(format, "dumpformat", ErrorDomain.DOMAIN, function);
        java.util.EnumSet<DomainCoreDumpFlag> set = Flags.setOf(DomainCoreDumpFlag.class, flags);
        ArgChecks.exclusiveFlags(set, DomainCoreDumpFlag.CRASH, "VIR_DUMP_CRASH", DomainCoreDumpFlag.LIVE,
                "VIR_DUMP_LIVE", ErrorDomain.DOMAIN, function);
        ArgChecks.exclusiveFlags(set, DomainCoreDumpFlag.CRASH, "VIR_DUMP_CRASH", DomainCoreDumpFlag.RESET,
                "VIR_DUMP_RESET", ErrorDomain.DOMAIN, function);
        ArgChecks.exclusiveFlags(set, DomainCoreDumpFlag.LIVE, "VIR_DUMP_LIVE", DomainCoreDumpFlag.RESET,
                "VIR_DUMP_RESET", ErrorDomain.DOMAIN, function);
        String absolute = java.nio.file.Path.of(to).toAbsolutePath().normalize().toString();
        connect.blocks.coreDump(ref, absolute, format, set);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && d.connect == connect && d.ref.uuid().equals(ref.uuid());
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(connect), ref.uuid());
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + ", " + ref.uuid() + ", id " + ref.id() + "]";
    }
}
