package org.jvirt.driver.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.DomainBlockInfo;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInfo;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainMetadataType;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VcpuInfo;
import org.jvirt.VcpuState;
import org.jvirt.SecurityLabel;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainDestroyFlag;
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
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainStats;

/**
 * The test driver's domains: lifecycle, definitions and tunables, following testDomain* in libvirt's
 * test_driver.c call by call (including its quirks, such as INTERNAL_ERROR for starting a running domain).
 */
final class TestDomains implements DomainDriver {

    // libvirt's reason and event detail numbers (virDomain*Reason, virDomainEvent*DetailType)
    static final int RUNNING_BOOTED = 1;
    static final int RUNNING_RESTORED = 3;
    static final int RUNNING_FROM_SNAPSHOT = 4;
    static final int RUNNING_UNPAUSED = 5;
    static final int PAUSED_USER = 1;
    static final int PAUSED_FROM_SNAPSHOT = 7;
    static final int SHUTOFF_SHUTDOWN = 1;
    static final int SHUTOFF_DESTROYED = 2;
    static final int SHUTOFF_SAVED = 5;
    static final int SHUTOFF_FROM_SNAPSHOT = 7;
    static final int MAX_VCPUS = 32;

    private final TestState st;
    private final DomainLifecycle life;
    private final DomainQueries queries;

    TestDomains(TestState st) {
        this.st = st;
        this.life = new DomainLifecycle(st);
        this.queries = new DomainQueries(st);
    }

    /** testDomObjFromDomain: the object behind a handle, by UUID. */
    static DomainObj obj(TestState st, DomainRef ref) {
        DomainObj d = st.domains.get(ref.uuid());
        if (d == null) {
            throw Errors.test(ErrorNumber.NO_DOMAIN, "no domain with matching uuid '%s' (%s)", ref.uuid(),
                    ref.name());
        }
        return d;
    }

    private DomainObj obj(DomainRef ref) {
        return obj(st, ref);
    }

    // ---- listing and lookup -----------------------------------------------------------------------------------

    @Override
    public List<DomainRef> listAllDomains(Set<ListDomainsFlag> flags) {
        synchronized (st) {
            List<DomainRef> out = new ArrayList<>();
            for (DomainObj d : st.domains.values()) {
                if (DomainFilter.matches(d, flags)) {
                    out.add(d.ref());
                }
            }
            return out;
        }
    }

    @Override
    public int numOfDomains() {
        return listDomains().size();
    }

    @Override
    public List<Integer> listDomains() {
        synchronized (st) {
            List<Integer> ids = new ArrayList<>();
            for (DomainObj d : st.domains.values()) {
                if (d.isActive()) {
                    ids.add(d.id);
                }
            }
            return ids;
        }
    }

    @Override
    public int numOfDefinedDomains() {
        return listDefinedDomains().size();
    }

    @Override
    public List<String> listDefinedDomains() {
        synchronized (st) {
            List<String> names = new ArrayList<>();
            for (DomainObj d : st.domains.values()) {
                if (!d.isActive()) {
                    names.add(d.name());
                }
            }
            return names;
        }
    }

    @Override
    public DomainRef lookupById(int id) {
        synchronized (st) {
            return found(st.findById(id));
        }
    }

    @Override
    public DomainRef lookupByUUID(UUID uuid) {
        synchronized (st) {
            return found(st.domains.get(uuid));
        }
    }

    @Override
    public DomainRef lookupByName(String name) {
        synchronized (st) {
            return found(st.findByName(name));
        }
    }

    private static DomainRef found(DomainObj d) {
        if (d == null) {
            throw VirtException.of(ErrorDomain.TEST, ErrorNumber.NO_DOMAIN, (String) null);
        }
        return d.ref();
    }

    // ---- lifecycle (delegated) --------------------------------------------------------------------------------

    @Override
    public DomainRef createXML(String xml, Set<DomainCreateFlag> flags) {
        return life.createXML(xml, flags);
    }

    @Override
    public DomainRef defineXML(String xml, Set<DomainDefineFlag> flags) {
        return life.defineXML(xml, flags);
    }

    @Override
    public void undefine(DomainRef dom, Set<DomainUndefineFlag> flags) {
        life.undefine(dom, flags);
    }

    @Override
    public DomainRef create(DomainRef dom, Set<DomainCreateFlag> flags) {
        return life.create(dom, flags);
    }

    @Override
    public void destroy(DomainRef dom, Set<DomainDestroyFlag> flags) {
        life.destroy(dom, flags);
    }

    @Override
    public void shutdown(DomainRef dom, Set<DomainShutdownFlag> flags) {
        life.shutdown(dom, flags);
    }

    @Override
    public void reboot(DomainRef dom, Set<DomainRebootFlag> flags) {
        life.reboot(dom, flags);
    }

    @Override
    public void reset(DomainRef dom) {
        synchronized (st) {
            if (!obj(dom).isActive()) {
                throw Errors.domainNotRunning();
            }
        }
    }

    @Override
    public void suspend(DomainRef dom) {
        life.suspend(dom);
    }

    @Override
    public void resume(DomainRef dom) {
        life.resume(dom);
    }

    @Override
    public void save(DomainRef dom, String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        life.save(dom, path, dxml, flags);
    }

    @Override
    public DomainRef restore(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        return life.restore(path, dxml, flags);
    }

    @Override
    public String saveImageGetXMLDesc(String path, Set<DomainSaveRestoreFlag> flags) {
        return SaveImage.read(path).format(DomainRef.NO_ID, true);
    }

    @Override
    public void saveImageDefineXML(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainSaveRestoreFlag.RUNNING, DomainSaveRestoreFlag.PAUSED),
                "testDomainSaveImageDefineXML");
        SaveImage.read(path);
        DomainDef def = DomainDef.parse(dxml);
        SaveImage.write(path, def, DomainRef.NO_ID);
    }

    @Override
    public void managedSave(DomainRef dom, Set<DomainSaveRestoreFlag> flags) {
        life.managedSave(dom, flags);
    }

    @Override
    public boolean hasManagedSaveImage(DomainRef dom) {
        synchronized (st) {
            return obj(dom).hasManagedSave;
        }
    }

    @Override
    public void managedSaveRemove(DomainRef dom) {
        synchronized (st) {
            obj(dom).hasManagedSave = false;
        }
    }

    @Override
    public DomainRef rename(DomainRef dom, String newName) {
        return life.rename(dom, newName);
    }

    // ---- state and definition ---------------------------------------------------------------------------------

    @Override
    public DomainInfo getInfo(DomainRef dom) {
        synchronized (st) {
            DomainObj d = obj(dom);
            return new DomainInfo(d.state, d.def.memoryKiB(), d.def.currentMemoryKiB(), d.def.vcpusCurrent(),
                    System.currentTimeMillis() * 1_000_000L);
        }
    }

    @Override
    public DomainStateInfo getState(DomainRef dom) {
        synchronized (st) {
            DomainObj d = obj(dom);
            return new DomainStateInfo(d.state, d.reason);
        }
    }

    @Override
    public String getXMLDesc(DomainRef dom, Set<DomainXMLFlag> flags) {
        synchronized (st) {
            DomainObj d = obj(dom);
            boolean inactive = flags.contains(DomainXMLFlag.INACTIVE);
            DomainDef def = inactive && d.newDef != null ? d.newDef : d.def;
            int id = inactive ? DomainRef.NO_ID : d.id;
            return def.format(id, flags.contains(DomainXMLFlag.SECURE));
        }
    }

    @Override
    public boolean getAutostart(DomainRef dom) {
        synchronized (st) {
            return obj(dom).autostart;
        }
    }

    @Override
    public void setAutostart(DomainRef dom, boolean autostart) {
        synchronized (st) {
            obj(dom).autostart = autostart;
        }
    }

    @Override
    public boolean isActive(DomainRef dom) {
        synchronized (st) {
            return obj(dom).isActive();
        }
    }

    @Override
    public boolean isPersistent(DomainRef dom) {
        synchronized (st) {
            return obj(dom).persistent;
        }
    }

    @Override
    public boolean isUpdated(DomainRef dom) {
        return false;
    }

    /** testDomainGetSecurityLabel: a fixed enforcing label while the domain runs, none otherwise. */
    @Override
    public SecurityLabel getSecurityLabel(DomainRef dom) {
        synchronized (st) {
            return obj(dom).isActive() ? new SecurityLabel("libvirt-test", true) : new SecurityLabel("", false);
        }
    }

    @Override
    public String getOSType(DomainRef dom) {
        return "linux";
    }

    @Override
    public String getHostname(DomainRef dom) {
        synchronized (st) {
            if (!obj(dom).isActive()) {
                throw Errors.domainNotRunning();
            }
            return dom.name() + "host";
        }
    }

    // ---- memory and vcpus -------------------------------------------------------------------------------------

    @Override
    public long getMaxMemory(DomainRef dom) {
        synchronized (st) {
            return obj(dom).def.memoryKiB();
        }
    }

    @Override
    public void setMaxMemory(DomainRef dom, long memoryKiB) {
        setMemory(dom, memoryKiB, EnumSet.of(DomainMemoryModFlag.MAXIMUM));
    }

    @Override
    public void setMemory(DomainRef dom, long memoryKiB, Set<DomainMemoryModFlag> flags) {
        synchronized (st) {
            DomainObj d = obj(dom);
            Impact impact = Impact.one(d, flags.contains(DomainMemoryModFlag.LIVE),
                    flags.contains(DomainMemoryModFlag.CONFIG));
            DomainDef def = impact.single();
            if (flags.contains(DomainMemoryModFlag.MAXIMUM)) {
                if (impact.isLive()) {
                    throw Errors.test(ErrorNumber.OPERATION_INVALID,
                            "cannot resize the maximum memory on an active domain");
                }
                def.setMemoryKiB(memoryKiB);
                if (def.currentMemoryKiB() > memoryKiB) {
                    def.setCurrentMemoryKiB(memoryKiB);
                }
            } else {
                if (memoryKiB > def.memoryKiB()) {
                    throw Errors.test(ErrorNumber.INVALID_ARG, "cannot set memory higher than max memory");
                }
                def.setCurrentMemoryKiB(memoryKiB);
            }
        }
    }

    @Override
    public int getMaxVcpus(DomainRef dom) {
        return getVcpusFlags(dom, EnumSet.of(DomainVcpuFlag.LIVE, DomainVcpuFlag.MAXIMUM));
    }

    @Override
    public int getVcpusFlags(DomainRef dom, Set<DomainVcpuFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainVcpuFlag.LIVE, DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM),
                "testDomainGetVcpusFlags");
        synchronized (st) {
            DomainDef def = Impact.one(obj(dom), flags.contains(DomainVcpuFlag.LIVE),
                    flags.contains(DomainVcpuFlag.CONFIG)).single();
            return flags.contains(DomainVcpuFlag.MAXIMUM) ? def.vcpusMax() : def.vcpusCurrent();
        }
    }

    @Override
    public void setVcpus(DomainRef dom, int count, Set<DomainVcpuFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainVcpuFlag.LIVE, DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM),
                "testDomainSetVcpusFlags");
        if (count > MAX_VCPUS) {
            throw Errors.test(ErrorNumber.INVALID_ARG,
                    "requested cpu amount exceeds maximum supported amount (%d > %d)", count, MAX_VCPUS);
        }
        synchronized (st) {
            Impact impact = Impact.of(obj(dom), flags.contains(DomainVcpuFlag.LIVE),
                    flags.contains(DomainVcpuFlag.CONFIG));
            boolean maximum = flags.contains(DomainVcpuFlag.MAXIMUM);
            if (impact.live() != null && impact.live().vcpusMax() < count) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "requested cpu amount exceeds maximum (%d > %d)",
                        count, impact.live().vcpusMax());
            }
            if (impact.config() != null && !maximum && impact.config().vcpusMax() < count) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "requested cpu amount exceeds maximum (%d > %d)",
                        count, impact.config().vcpusMax());
            }
            if (impact.live() != null) {
                impact.live().setVcpus(count);
            }
            if (impact.config() != null) {
                if (maximum) {
                    impact.config().setVcpusMax(count);
                } else {
                    impact.config().setVcpus(count);
                }
            }
        }
    }

    @Override
    public List<VcpuInfo> getVcpus(DomainRef dom) {
        synchronized (st) {
            DomainObj d = obj(dom);
            if (!d.isActive()) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "cannot list vcpus for an inactive domain");
            }
            long cpuTime = System.currentTimeMillis() * 1000L / 10;
            int hostCpus = st.nodeInfo.nodes() * st.nodeInfo.sockets() * st.nodeInfo.cores()
                    * st.nodeInfo.threads();
            List<VcpuInfo> out = new ArrayList<>();
            List<java.util.BitSet> affinity = TestDomainTuning.affinities(d.def, st);
            for (int i = 0; i < d.def.vcpusCurrent(); i++) {
                // testDomainGetVcpus: the CPU is the last one the vCPU may run on
                int cpu = affinity.get(i).isEmpty() ? hostCpus - 1 : affinity.get(i).length() - 1;
                out.add(new VcpuInfo(i, VcpuState.RUNNING, cpuTime, cpu));
            }
            return out;
        }
    }

    // ---- metadata ---------------------------------------------------------------------------------------------

    @Override
    public String getMetadata(DomainRef dom, DomainMetadataType type, String uri,
                              Set<DomainModificationImpact> flags) {
        synchronized (st) {
            DomainDef def = Impact.one(obj(dom), flags.contains(DomainModificationImpact.LIVE),
                    flags.contains(DomainModificationImpact.CONFIG)).single();
            return Metadata.get(def, type, uri);
        }
    }

    @Override
    public void setMetadata(DomainRef dom, DomainMetadataType type, String metadata, String key, String uri,
                            Set<DomainModificationImpact> flags) {
        synchronized (st) {
            DomainObj d = obj(dom);
            Impact impact = Impact.of(d, flags.contains(DomainModificationImpact.LIVE),
                    flags.contains(DomainModificationImpact.CONFIG));
            if (impact.live() != null) {
                Metadata.set(impact.live(), type, metadata, key, uri);
            }
            if (impact.config() != null) {
                Metadata.set(impact.config(), type, metadata, key, uri);
            }
            st.domainEvent(d.ref(), new DomainEvent.MetadataChange(type, uri));
        }
    }

    // ---- statistics and guest queries (delegated) ---------------------------------------------------------------

    @Override
    public List<DomainStats> getAllDomainStats(List<DomainRef> doms, Set<DomainStatsType> stats,
                                               Set<DomainStatsFlag> flags) {
        return queries.getAllDomainStats(doms, stats, flags);
    }

    @Override
    public DomainBlockStats blockStats(DomainRef dom, String disk) {
        return queries.blockStats(dom, disk);
    }

    @Override
    public DomainInterfaceStats interfaceStats(DomainRef dom, String device) {
        return queries.interfaceStats(dom, device);
    }

    @Override
    public Map<String, Long> memoryStats(DomainRef dom) {
        return queries.memoryStats(dom);
    }

    @Override
    public DomainBlockInfo getBlockInfo(DomainRef dom, String disk) {
        return queries.getBlockInfo(dom, disk);
    }

    @Override
    public long[] getTime(DomainRef dom) {
        return queries.getTime(dom);
    }

    @Override
    public void setTime(DomainRef dom, long seconds, int nseconds, int flags) {
        queries.setTime(dom, seconds, nseconds, flags);
    }

    @Override
    public void injectNMI(DomainRef dom) {
        queries.injectNMI(dom);
    }

    /** testDomainSendKey: nothing is sent anywhere; each code must be a key of its code set. */
    @Override
    public void sendKey(DomainRef dom, int codeset, int holdtime, int[] keycodes) {
        synchronized (st) {
            if (!obj(st, dom).isActive()) {
                throw Errors.domainNotRunning();
            }
        }
        org.jvirt.keycode.KeycodeSet set = org.jvirt.keycode.KeycodeSet.fromCode(codeset);
        for (int k : keycodes) {
            if (set == null || !org.jvirt.keycode.Keycodes.isValid(set, k)) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "invalid keycode %s of %s codeset",
                        Integer.toUnsignedString(k), set == null ? "(null)" : set.libvirtName());
            }
        }
    }

    static DomainState stateOf(int code) {
        return DomainState.fromCode(code, DomainState.NOSTATE);
    }

    // ---- screenshot -------------------------------------------------------------------------------------------

    /**
     * The screen every test domain shows: a PNG of our own, drawn once on first use (libvirt's test driver serves
     * a fixed image too; ours is not a copy of it). {@link #SCREENSHOT_WIDTH} x {@link #SCREENSHOT_HEIGHT}.
     */
    private static final class Screenshot {
        static final SparseBytes PNG = new SparseBytes();
        static final long LENGTH;

        static {
            byte[] b = draw();
            PNG.write(0, b, 0, b.length);
            LENGTH = b.length;
        }

        private static byte[] draw() {
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < SCREENSHOT_HEIGHT; y++) {
                for (int x = 0; x < SCREENSHOT_WIDTH; x++) {
                    int shade = 40 + (x + y) % 64;
                    img.setRGB(x, y, (shade << 16) | (shade << 8) | (shade + 60));
                }
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try {
                javax.imageio.ImageIO.write(img, "png", out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    static final int SCREENSHOT_WIDTH = 160;
    static final int SCREENSHOT_HEIGHT = 120;

    /** The bytes a screenshot stream carries, for tests. */
    static byte[] screenshotPng() {
        byte[] b = new byte[(int) Screenshot.LENGTH];
        Screenshot.PNG.read(0, b, 0, b.length);
        return b;
    }

    /** testDomainScreenshot: neither the domain nor the screen is looked at; always the same PNG. */
    @Override
    public String screenshot(DomainRef dom, Stream stream, int screen) {
        stream.attach(new ContentStreams.Reader(new Object(), Screenshot.PNG, 0, Screenshot.LENGTH, false));
        return "image/png";
    }

    /**
     * testDomainGetLaunchSecurityInfo takes no flags, and libvirt's public API hands every driver with the
     * TYPED_PARAM_STRING feature VIR_TYPED_PARAM_STRING_OKAY (0x4): so it always fails, as here.
     */
    @Override
    public List<org.jvirt.TypedParameter> getLaunchSecurityInfo(DomainRef dom) {
        org.jvirt.Flags.checkBits(4, 0, org.jvirt.ErrorDomain.TEST, "testDomainGetLaunchSecurityInfo");
        return List.of();
    }
}
