package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInfo;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VcpuInfo;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.QemuCommandBuilder;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.driver.qemu.domain.DomainFilter;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.domain.DomainStore;
import org.jvirt.driver.qemu.lifecycle.SaveImage;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.ListDomainsFlag;
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;
import org.jvirt.xml.value.Uuids;

/**
 * The domain table of a qemu connection: lookups, definitions and the persistent config, and the hand-off to
 * the lifecycle and query code. Error wording follows libvirt's qemu_driver.c.
 */
final class QemuDomains implements DomainDriver {

    private final QemuDriverState st;
    private final DomainStore store;

    QemuDomains(QemuDriverState st) {
        this.st = st;
        this.store = st.ctx.store();
    }

    private DomainObj get(DomainRef ref) {
        return store.get(ref);
    }

    // ---- lists and lookups ------------------------------------------------------------------------------------

    @Override
    public List<DomainRef> listAllDomains(Set<ListDomainsFlag> flags) {
        List<DomainRef> out = new ArrayList<>();
        for (DomainObj d : store.all()) {
            if (DomainFilter.matches(d, store.hasManagedSave(d.name()), st.lifecycle.snapshots().hasAny(d),
                    new org.jvirt.driver.qemu.checkpoint.Checkpoints(st.ctx.stateDir()).hasAny(d), flags)) {
                out.add(d.ref());
            }
        }
        return out;
    }

    @Override
    public int numOfDomains() {
        return listDomains().size();
    }

    @Override
    public List<Integer> listDomains() {
        return store.all().stream().filter(DomainObj::isActive).map(d -> d.ref().id()).toList();
    }

    @Override
    public int numOfDefinedDomains() {
        return listDefinedDomains().size();
    }

    @Override
    public List<String> listDefinedDomains() {
        return store.all().stream().filter(d -> !d.isActive() && d.persistent()).map(DomainObj::name).toList();
    }

    @Override
    public DomainRef lookupById(int id) {
        DomainObj d = store.byId(id);
        if (d == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN, "no domain with matching id %d", id);
        }
        return d.ref();
    }

    @Override
    public DomainRef lookupByUUID(UUID uuid) {
        DomainObj d = store.byUuid(uuid);
        if (d == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN, "no domain with matching uuid '%s'",
                    uuid);
        }
        return d.ref();
    }

    @Override
    public DomainRef lookupByName(String name) {
        DomainObj d = store.byName(name);
        if (d == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN, "no domain with matching name '%s'",
                    name);
        }
        return d.ref();
    }

    // ---- definitions ------------------------------------------------------------------------------------------

    /** Parses and checks a definition as libvirt's parser and the QEMU validator would. */
    private DomainXml parse(String xml) {
        DomainXml def = DomainXml.parse(xml);
        QemuCommandBuilder.validate(def);
        if (def.uuid() == null) {
            def.uuid(Uuids.generate());
        }
        def.id(null);
        for (org.jvirt.xml.domain.NetInterfaceXml nic : def.devices().interfaces()) {
            if (nic.mac() == null) {
                nic.mac(org.jvirt.xml.value.MacAddress.generateQemu()); // libvirt fills it in at parse time
            }
        }
        st.lifecycle.validate(def);
        return def;
    }

    @Override
    public DomainRef defineXML(String xml, Set<DomainDefineFlag> flags) {
        DomainXml def = parse(xml);
        DomainObj dom;
        boolean added;
        synchronized (store) {
            dom = store.checkUnique(def);
            added = dom == null;
            store.writeConfig(def); // the file first: a failure leaves memory as it was
            if (added) {
                dom = new DomainObj(def, true);
                store.add(dom);
            } else {
                synchronized (dom) {
                    if (dom.isActive()) {
                        dom.newDef(def);
                    } else {
                        dom.def(def);
                    }
                    dom.persistent(true);
                }
            }
        }
        st.ctx.events().lifecycle(dom.ref(), DomainEventType.DEFINED, added ? 0 : 1);
        return dom.ref();
    }

    @Override
    public void undefine(DomainRef ref, Set<DomainUndefineFlag> flags) {
        DomainObj dom = get(ref);
        dom.beginJob("undefine");
        try {
            if (!dom.persistent()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "cannot undefine transient domain");
            }
            // first, so that a refusal leaves everything as it was (libvirt checks it last)
            DomainXml persistentDef = dom.newDef() != null ? dom.newDef() : dom.def();
            org.jvirt.driver.qemu.firmware.Nvram.undefine(persistentDef, st.ctx.nvramDir(), flags);
            if (store.hasManagedSave(dom.name())) {
                if (!flags.contains(DomainUndefineFlag.MANAGED_SAVE)) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                            "Refusing to undefine while domain managed save image exists");
                }
                AtomicFiles.delete(store.managedSavePath(dom.name()));
            }
            if (st.lifecycle.snapshots().hasAny(dom)) {
                if (!flags.contains(DomainUndefineFlag.SNAPSHOTS_METADATA)) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                            "cannot delete inactive domain with %d snapshots",
                            st.lifecycle.snapshots().list(dom, Set.of()).size());
                }
                st.lifecycle.snapshots().forget(dom);
            }
            org.jvirt.driver.qemu.checkpoint.Checkpoints chks =
                    new org.jvirt.driver.qemu.checkpoint.Checkpoints(st.ctx.stateDir());
            if (!dom.isActive() && chks.hasAny(dom)) {
                if (!flags.contains(DomainUndefineFlag.CHECKPOINTS_METADATA)) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                            "cannot delete inactive domain with %d checkpoints", chks.count(dom));
                }
                chks.forget(dom);
            }
            if (!dom.isActive()) {
                // a running guest keeps its TPM state until it stops (then it is transient and goes)
                org.jvirt.driver.qemu.device.TpmEmulators.removeState(persistentDef, st.ctx.stateDir(), flags);
            }
            store.deleteConfig(dom.name());
            DomainRef r = dom.ref();
            synchronized (dom) {
                dom.persistent(false);
                dom.newDef(null);
                dom.autostart(false);
                if (!dom.isActive()) {
                    store.remove(dom);
                }
            }
            st.ctx.writeStatus(dom);
            st.ctx.events().lifecycle(r, DomainEventType.UNDEFINED, 0);
        } finally {
            dom.endJob();
        }
    }

    @Override
    public DomainRef createXML(String xml, Set<DomainCreateFlag> flags) {
        DomainXml def = parse(xml);
        DomainObj dom;
        synchronized (store) {
            dom = store.checkUnique(def);
            if (dom == null) {
                dom = new DomainObj(def, false);
                store.add(dom);
            } else {
                synchronized (dom) {
                    if (dom.isActive()) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                                "domain '%s' is already active", dom.name());
                    }
                    // the persistent config comes back when this run ends
                    dom.newDef(dom.def());
                    dom.def(def);
                }
            }
        }
        return st.lifecycle.createNew(dom, flags);
    }

    @Override
    public String getXMLDesc(DomainRef ref, Set<DomainXMLFlag> flags) {
        DomainObj dom = get(ref);
        DomainXml x;
        synchronized (dom) {
            DomainRun run = dom.run();
            if (run != null && !flags.contains(DomainXMLFlag.INACTIVE)) {
                x = DomainXml.parse(run.liveDef().toXml());
            } else {
                x = DomainXml.parse((dom.newDef() != null ? dom.newDef() : dom.def()).toXml());
                x.id(null);
            }
        }
        if (!flags.contains(DomainXMLFlag.SECURE)) {
            for (GraphicsXml g : x.devices().graphics()) {
                g.passwd(null);
            }
        }
        return x.toXml();
    }

    @Override
    public boolean getAutostart(DomainRef ref) {
        return get(ref).autostart();
    }

    @Override
    public void setAutostart(DomainRef ref, boolean autostart) {
        DomainObj dom = get(ref);
        if (!dom.persistent()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "cannot set autostart for transient domain");
        }
        store.setAutostart(dom.name(), autostart);
        dom.autostart(autostart);
    }

    @Override
    public boolean isActive(DomainRef ref) {
        return get(ref).isActive();
    }

    @Override
    public boolean isPersistent(DomainRef ref) {
        return get(ref).persistent();
    }

    @Override
    public boolean isUpdated(DomainRef ref) {
        DomainObj d = get(ref);
        return d.isActive() && d.newDef() != null;
    }

    @Override
    public String getOSType(DomainRef ref) {
        String t = get(ref).def().os().type();
        return t == null ? "hvm" : t;
    }

    @Override
    public long getMaxMemory(DomainRef ref) {
        return get(ref).def().memoryKiB();
    }

    @Override
    public int getMaxVcpus(DomainRef ref) {
        return get(ref).def().vcpus();
    }

    @Override
    public int getVcpusFlags(DomainRef ref, Set<DomainVcpuFlag> flags) {
        DomainObj d = get(ref);
        if (flags.contains(DomainVcpuFlag.LIVE) && flags.contains(DomainVcpuFlag.CONFIG)) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                    "Flags 'VIR_DOMAIN_AFFECT_LIVE' and 'VIR_DOMAIN_AFFECT_CONFIG' are mutually exclusive");
        }
        org.jvirt.driver.qemu.device.Impact imp = org.jvirt.driver.qemu.device.Impact.of(d,
                flags.contains(DomainVcpuFlag.LIVE), flags.contains(DomainVcpuFlag.CONFIG));
        DomainXml def = imp.live() ? d.requireRun().liveDef() : org.jvirt.driver.qemu.device.Impact.persistentCopy(d);
        if (flags.contains(DomainVcpuFlag.MAXIMUM)) {
            return def.vcpus();
        }
        return def.vcpu().current() != null ? def.vcpu().current() : def.vcpus();
    }

    // ---- lifecycle --------------------------------------------------------------------------------------------

    @Override
    public DomainRef create(DomainRef ref, Set<DomainCreateFlag> flags) {
        return st.lifecycle.create(get(ref), flags);
    }

    @Override
    public void destroy(DomainRef ref, Set<DomainDestroyFlag> flags) {
        st.lifecycle.destroy(get(ref), flags);
    }

    @Override
    public void shutdown(DomainRef ref, Set<DomainShutdownFlag> flags) {
        st.lifecycle.shutdown(get(ref), flags);
    }

    @Override
    public void reboot(DomainRef ref, Set<DomainRebootFlag> flags) {
        st.lifecycle.reboot(get(ref), flags);
    }

    @Override
    public void reset(DomainRef ref) {
        st.lifecycle.reset(get(ref));
    }

    @Override
    public void suspend(DomainRef ref) {
        st.lifecycle.suspend(get(ref));
    }

    @Override
    public void resume(DomainRef ref) {
        st.lifecycle.resume(get(ref));
    }

    // ---- runtime queries --------------------------------------------------------------------------------------

    @Override
    public DomainInfo getInfo(DomainRef ref) {
        return st.queries.info(get(ref));
    }

    @Override
    public DomainStateInfo getState(DomainRef ref) {
        return get(ref).state();
    }

    @Override
    public List<VcpuInfo> getVcpus(DomainRef ref) {
        return st.queries.vcpus(get(ref));
    }

    @Override
    public Map<String, Long> memoryStats(DomainRef ref) {
        return st.queries.memoryStats(get(ref));
    }

    @Override
    public List<org.jvirt.spi.DomainStats> getAllDomainStats(List<DomainRef> doms,
            Set<org.jvirt.flags.DomainStatsType> stats, Set<org.jvirt.flags.DomainStatsFlag> flags) {
        List<DomainObj> selected = new ArrayList<>();
        if (doms.isEmpty()) {
            for (DomainObj d : store.all()) {
                if (statsFilter(d, flags)) {
                    selected.add(d);
                }
            }
        } else {
            doms.forEach(r -> selected.add(get(r)));
        }
        List<org.jvirt.spi.DomainStats> out = new ArrayList<>();
        for (DomainObj d : selected) {
            out.add(new org.jvirt.spi.DomainStats(d.ref(), st.queries.stats(d, stats)));
        }
        return out;
    }

    private static boolean statsFilter(DomainObj d, Set<org.jvirt.flags.DomainStatsFlag> f) {
        Set<ListDomainsFlag> l = java.util.EnumSet.noneOf(ListDomainsFlag.class);
        for (org.jvirt.flags.DomainStatsFlag x : f) {
            switch (x) {
                case ACTIVE -> l.add(ListDomainsFlag.ACTIVE);
                case INACTIVE -> l.add(ListDomainsFlag.INACTIVE);
                case PERSISTENT -> l.add(ListDomainsFlag.PERSISTENT);
                case TRANSIENT -> l.add(ListDomainsFlag.TRANSIENT);
                case RUNNING -> l.add(ListDomainsFlag.RUNNING);
                case PAUSED -> l.add(ListDomainsFlag.PAUSED);
                case SHUTOFF -> l.add(ListDomainsFlag.SHUTOFF);
                case OTHER -> l.add(ListDomainsFlag.OTHER);
                default -> { }
            }
        }
        return DomainFilter.matches(d, false, false, l);
    }

    @Override
    public void injectNMI(DomainRef ref) {
        get(ref).requireRun().process().monitor().execute("inject-nmi");
    }

    @Override
    public void setMemory(DomainRef ref, long memoryKiB, Set<DomainMemoryModFlag> flags) {
        st.memory.set(get(ref), memoryKiB, flags);
    }

    @Override
    public void setMaxMemory(DomainRef ref, long memoryKiB) {
        st.memory.set(get(ref), memoryKiB, Set.of(DomainMemoryModFlag.MAXIMUM));
    }

    @Override
    public void setVcpus(DomainRef ref, int count, Set<DomainVcpuFlag> flags) {
        st.vcpus.set(get(ref), count, flags);
    }

    @Override
    public org.jvirt.DomainInterfaceStats interfaceStats(DomainRef ref, String device) {
        return org.jvirt.driver.qemu.device.NetStats.of(get(ref), device);
    }

    @Override
    public List<org.jvirt.DomainInterface> interfaceAddresses(DomainRef ref,
                                                             org.jvirt.DomainInterfaceAddressesSource source) {
        return switch (source) {
            case LEASE -> org.jvirt.driver.qemu.device.LeaseAddresses.of(get(ref), st.ctx.networkUri());
            case AGENT -> st.agentCalls.interfaceAddresses(get(ref));
            // the host's neighbour table: not read yet
            case ARP -> throw org.jvirt.VirtException.noSupport(org.jvirt.ErrorDomain.DOMAIN,
                    "virDomainInterfaceAddresses with source arp");
        };
    }

    @Override
    public DomainBlockStats blockStats(DomainRef ref, String disk) {
        return st.queries.blockStats(get(ref), disk);
    }

    @Override
    public Map<String, Object> getGuestVcpus(DomainRef ref, int flags) {
        return st.agentCalls.info().getGuestVcpus(get(ref), flags);
    }

    @Override
    public void setGuestVcpus(DomainRef ref, String cpumap, int state, int flags) {
        st.agentCalls.info().setGuestVcpus(get(ref), cpumap, state, flags);
    }

    @Override
    public Map<String, Object> getGuestInfo(DomainRef ref, int types, int flags) {
        return st.agentCalls.info().getGuestInfo(get(ref), types, flags);
    }


    @Override
    public int fsFreeze(DomainRef ref, List<String> mountpoints, int flags) {
        return st.agentCalls.fsFreeze(get(ref), mountpoints, flags);
    }

    @Override
    public int fsThaw(DomainRef ref, List<String> mountpoints, int flags) {
        return st.agentCalls.fsThaw(get(ref), mountpoints, flags);
    }

    @Override
    public void fsTrim(DomainRef ref, String mountPoint, long minimum, int flags) {
        st.agentCalls.fsTrim(get(ref), mountPoint, minimum, flags);
    }

    @Override
    public List<org.jvirt.DomainFSInfo> getFSInfo(DomainRef ref, int flags) {
        return st.agentCalls.getFSInfo(get(ref), flags);
    }

    @Override
    public void setUserPassword(DomainRef ref, String user, String password, int flags) {
        st.agentCalls.setUserPassword(get(ref), user, password, flags);
    }

    @Override
    public List<String> authorizedSSHKeysGet(DomainRef ref, String user, int flags) {
        return st.agentCalls.authorizedSSHKeysGet(get(ref), user, flags);
    }

    @Override
    public void authorizedSSHKeysSet(DomainRef ref, String user, List<String> keys, int flags) {
        st.agentCalls.authorizedSSHKeysSet(get(ref), user, keys, flags);
    }

    @Override
    public long[] getTime(DomainRef ref) {
        return st.lifecycle.agent().getTime(get(ref));
    }

    @Override
    public void setTime(DomainRef ref, long seconds, int nseconds, int flags) {
        st.lifecycle.agent().setTime(get(ref), seconds, nseconds, flags);
    }

    @Override
    public String qemuAgentCommand(DomainRef ref, String cmd, int timeout, int flags) {
        if (flags != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainQemuAgentCommand", flags);
        }
        DomainObj dom = get(ref);
        dom.requireRun();
        return st.lifecycle.agent().passthrough(dom, cmd, timeout);
    }

    @Override
    public String qemuMonitorCommand(DomainRef ref, String cmd, int flags) {
        return st.queries.monitorCommand(get(ref), cmd, flags);
    }

    // ---- devices and console ---------------------------------------------------------------------------------

    @Override
    public void attachDevice(DomainRef ref, String xml, Set<org.jvirt.flags.DomainDeviceModifyFlag> flags) {
        st.hotplug.attach(get(ref), xml, flags);
    }

    @Override
    public void detachDevice(DomainRef ref, String xml, Set<org.jvirt.flags.DomainDeviceModifyFlag> flags) {
        st.hotplug.detach(get(ref), xml, flags);
    }

    @Override
    public void updateDevice(DomainRef ref, String xml, Set<org.jvirt.flags.DomainDeviceModifyFlag> flags) {
        st.hotplug.update(get(ref), xml, flags);
    }

    @Override
    public void detachDeviceAlias(DomainRef ref, String alias, Set<org.jvirt.flags.DomainDeviceModifyFlag> flags) {
        st.hotplug.detachAlias(get(ref), alias, flags);
    }

    @Override
    public void openConsole(DomainRef ref, String devName, org.jvirt.Stream stream, int flags) {
        st.console.open(get(ref), devName, stream, flags);
    }

    // ---- screen, keyboard, native config ----------------------------------------------------------------------

    @Override
    public String screenshot(DomainRef ref, org.jvirt.Stream stream, int screen) {
        return org.jvirt.driver.qemu.display.Screenshot.take(get(ref), stream, screen);
    }

    @Override
    public void sendKey(DomainRef ref, int codeset, int holdtime, int[] keycodes) {
        org.jvirt.driver.qemu.display.KeySender.send(get(ref), codeset, holdtime, keycodes);
    }

    @Override
    public String domainXMLToNative(String nativeFormat, String domainXml) {
        if (!org.jvirt.driver.qemu.command.NativeArgv.FORMAT.equals(nativeFormat)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "unsupported config type %s",
                    nativeFormat);
        }
        DomainXml def = DomainXml.parse(domainXml);
        QemuCommandBuilder.validate(def);
        if (def.uuid() == null) {
            def.uuid(Uuids.generate());
        }
        org.jvirt.driver.qemu.command.NativeArgv.prepare(def);
        return org.jvirt.driver.qemu.command.NativeArgv.format(st.lifecycle.pretend(def));
    }

    // ---- save and restore -------------------------------------------------------------------------------------

    @Override
    public void save(DomainRef ref, String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        st.lifecycle.saves().save(get(ref), Path.of(path), dxml, flags);
    }

    @Override
    public DomainRef restore(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        return st.lifecycle.saves().restore(Path.of(path), dxml, flags);
    }

    @Override
    public String saveImageGetXMLDesc(String path, Set<DomainSaveRestoreFlag> flags) {
        return SaveImage.read(Path.of(path)).xml();
    }

    @Override
    public void managedSave(DomainRef ref, Set<DomainSaveRestoreFlag> flags) {
        st.lifecycle.saves().managedSave(get(ref), flags);
    }

    @Override
    public boolean hasManagedSaveImage(DomainRef ref) {
        return store.hasManagedSave(get(ref).name());
    }

    @Override
    public void managedSaveRemove(DomainRef ref) {
        DomainObj d = get(ref);
        AtomicFiles.delete(store.managedSavePath(d.name()));
    }

    // ---- migration (lifecycle/Migration*) ----------------------------------------------------------------------

    @Override
    public org.jvirt.spi.Migration.Begun migrateBegin3(DomainRef ref, Map<String, Object> params,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        return st.lifecycle.migrations().begin(get(ref), params, flags, this);
    }

    @Override
    public org.jvirt.spi.Migration.Prepared migratePrepare3(Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        return st.lifecycle.migrations().prepare(params, cookie, flags, this);
    }

    @Override
    public byte[] migratePerform3(DomainRef ref, String dconnuri, Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags) {
        return st.lifecycle.migrations().perform(get(ref), dconnuri, params, cookie, flags);
    }

    @Override
    public org.jvirt.spi.Migration.Finished migrateFinish3(Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags, boolean cancelled) {
        DomainRef r = st.lifecycle.migrations().finish(params, cookie, flags, cancelled);
        return r == null ? null : new org.jvirt.spi.Migration.Finished(r, null);
    }

    @Override
    public void migrateConfirm3(DomainRef ref, Map<String, Object> params, byte[] cookie,
            Set<org.jvirt.flags.DomainMigrateFlag> flags, boolean cancelled) {
        st.lifecycle.migrations().confirm(get(ref), flags, cancelled);
    }

    @Override
    public org.jvirt.DomainJobInfo getJobInfo(DomainRef ref) {
        return st.lifecycle.migrations().jobInfo(get(ref));
    }

    /**
     * The running job's figures as statistics. Completed jobs are not kept here, so COMPLETED is refused as
     * qemuDomainGetJobStats refuses flags it does not know, rather than answering "no job".
     */
    @Override
    public org.jvirt.DomainJobStats getJobStats(DomainRef ref, Set<org.jvirt.flags.DomainGetJobStatsFlag> flags) {
        org.jvirt.Flags.check(flags, Set.of(), ErrorDomain.QEMU, "qemuDomainGetJobStats");
        return org.jvirt.DomainJobStats.of(getJobInfo(ref));
    }

    @Override
    public void abortJob(DomainRef ref) {
        st.lifecycle.migrations().abort(get(ref));
    }
}
