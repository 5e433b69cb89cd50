package org.jvirt;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jvirt.conf.ConfFile;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventListener;
import org.jvirt.event.EventRegistration;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NetworkEventId;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.NodeDeviceEventId;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.SecretEventId;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventId;
import org.jvirt.flags.ConnectFlag;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainStatsFlag;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.flags.ListDomainsFlag;
import org.jvirt.flags.ListInterfacesFlag;
import org.jvirt.flags.ListNetworksFlag;
import org.jvirt.flags.ListNodeDevicesFlag;
import org.jvirt.flags.ListSecretsFlag;
import org.jvirt.flags.ListStoragePoolsFlag;
import org.jvirt.flags.NetworkCreateFlag;
import org.jvirt.flags.NetworkDefineFlag;
import org.jvirt.flags.SecretDefineFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StoragePoolDefineFlag;
import org.jvirt.spi.DomainCheckpointDriver;
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainSnapshotDriver;
import org.jvirt.spi.DomainTuningDriver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverRegistry;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.NWFilterDriver;
import org.jvirt.spi.NetworkDriver;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.SecretDriver;
import org.jvirt.spi.StorageDriver;
import org.jvirt.uri.ClientConfig;
import org.jvirt.uri.ConnectURI;

/**
 * A connection to a hypervisor and the host resources around it, opened by URI (libvirt's virConnect). The
 * driver is chosen by the URI among those registered; every object (Domain, Network, ...) belongs to one
 * connection. Thread-safe. Closing it ends its event subscriptions.
 */
public final class Connect implements AutoCloseable {

    /** The libvirt version whose API and behaviour jvirt follows, as virConnectGetLibVersion reports it. */
    public static final long LIBVIRT_VERSION = 9_000_000L;

    private final ConnectURI uri;
    private final boolean readOnly;
    private final ConnectEvents events;
    private final DriverConnection driver;
    final HostDriver host;
    final DomainDriver domains;
    final DomainTuningDriver tuning;
    final org.jvirt.spi.DomainBlockDriver blocks;
    final DomainSnapshotDriver snapshots;
    final DomainCheckpointDriver checkpoints;
    final NetworkDriver networks;
    final StorageDriver storage;
    final NodeDeviceDriver nodeDevices;
    final InterfaceDriver interfaces;
    final SecretDriver secrets;
    final NWFilterDriver nwfilters;
    private final AtomicReference<ConnectCloseCallback> closeCallback = new AtomicReference<>();
    private volatile boolean closed;

    private Connect(ConnectURI uri, ConnectAuth auth, boolean readOnly, ConfFile config) {
        this.uri = uri;
        this.readOnly = readOnly;
        this.events = new ConnectEvents(this);
        this.driver = DriverRegistry.open(new OpenRequest(uri, auth, readOnly, config, events));
        events.attach(driver);
        this.host = orNone(driver.host(), new HostDriver() { });
        this.domains = orNone(driver.domains(), new DomainDriver() { });
        this.tuning = orNone(driver.domainTuning(), new DomainTuningDriver() { });
        this.blocks = orNone(driver.domainBlocks(), new org.jvirt.spi.DomainBlockDriver() { });
        this.snapshots = orNone(driver.snapshots(), new DomainSnapshotDriver() { });
        this.checkpoints = orNone(driver.checkpoints(), new DomainCheckpointDriver() { });
        this.networks = orNone(driver.networks(), new NetworkDriver() { });
        this.storage = orNone(driver.storage(), new StorageDriver() { });
        this.nodeDevices = orNone(driver.nodeDevices(), new NodeDeviceDriver() { });
        this.interfaces = orNone(driver.interfaces(), new InterfaceDriver() { });
        this.secrets = orNone(driver.secrets(), new SecretDriver() { });
        this.nwfilters = orNone(driver.nwfilters(), new NWFilterDriver() { });
    }

    private static <T> T orNone(T given, T none) {
        return given != null ? given : none;
    }

    // ---- opening -------------------------------------------------------------------------------------------

    /** Opens a read-write connection; a null or empty URI means the default one, as libvirt finds it. */
    @Libvirt("virConnectOpen")
    public static Connect open(String uri) {
        return open(uri, null);
    }

    @Libvirt("virConnectOpenReadOnly")
    public static Connect openReadOnly(String uri) {
        return open(uri, null, ConnectFlag.RO);
    }

    /** Opens with a credential callback and flags ({@link ConnectFlag#RO}, {@link ConnectFlag#NO_ALIASES}). */
    @Libvirt({"virConnectOpenAuth"})
    public static Connect open(String uri, ConnectAuth auth, ConnectFlag... flags) {
        EnumSet<ConnectFlag> set = Flags.setOf(ConnectFlag.class, flags);
        ConfFile config = ClientConfig.load();
        String text = uri == null || uri.isEmpty()
                ? ClientConfig.defaultURI(config).or(DriverRegistry::probeDefaultURI).orElse(null)
                : uri;
        if (text == null) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.NO_CONNECT, (String) null);
        }
        if (!set.contains(ConnectFlag.NO_ALIASES)) {
            text = ClientConfig.resolveAlias(config, text).orElse(text);
        }
        if (!text.contains(":")) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.NO_CONNECT,
                    "URI '%s' does not include a driver name", text);
        }
        return new Connect(ConnectURI.parse(text), auth, set.contains(ConnectFlag.RO), config);
    }

    @Libvirt({"virConnectClose"})
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            events.closeAll();
            driver.close();
        }
    }

    // ---- the connection and the host --------------------------------------------------------------------------

    @Libvirt("virConnectGetURI")
    public String getURI() {
        return uri.text();
    }

    public ConnectURI uri() {
        return uri;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    @Libvirt("virConnectGetType")
    public String getType() {
        return host.getType();
    }

    @Libvirt("virConnectGetVersion")
    public long getVersion() {
        return host.getVersion();
    }

    @Libvirt("virConnectGetLibVersion")
    public long getLibVersion() {
        return LIBVIRT_VERSION;
    }

    @Libvirt("virConnectGetHostname")
    public String getHostname() {
        return host.getHostname();
    }

    @Libvirt("virConnectGetCapabilities")
    public String getCapabilities() {
        return host.getCapabilities();
    }

    @Libvirt("virConnectGetDomainCapabilities")
    public String getDomainCapabilities(String emulatorbin, String arch, String machine, String virttype) {
        return host.getDomainCapabilities(emulatorbin, arch, machine, virttype);
    }

    @Libvirt("virConnectGetSysinfo")
    public String getSysinfo() {
        return host.getSysinfo();
    }

    @Libvirt("virConnectGetMaxVcpus")
    public int getMaxVcpus(String type) {
        return host.getMaxVcpus(type);
    }

    @Libvirt("virNodeGetInfo")
    public NodeInfo nodeGetInfo() {
        return host.nodeGetInfo();
    }

    @Libvirt("virNodeGetFreeMemory")
    public long nodeGetFreeMemory() {
        return host.nodeGetFreeMemory();
    }

    @Libvirt("virNodeGetCellsFreeMemory")
    public List<Long> nodeGetCellsFreeMemory(int startCell, int maxCells) {
        return host.nodeGetCellsFreeMemory(startCell, maxCells);
    }

    @Libvirt("virNodeGetSecurityModel")
    public SecurityModel nodeGetSecurityModel() {
        return host.nodeGetSecurityModel();
    }

    /** virNodeGetCPUStats's cpuNum for the whole host. */
    public static final int NODE_CPU_STATS_ALL_CPUS = -1;
    /** virNodeGetMemoryStats's cellNum for the whole host. */
    public static final int NODE_MEMORY_STATS_ALL_CELLS = -1;

    /** CPU time counters (ns) of one CPU or of all ({@link #NODE_CPU_STATS_ALL_CPUS}), in the driver's order. */
    @Libvirt("virNodeGetCPUStats")
    public Map<String, Long> nodeGetCPUStats(int cpuNum) {
        if (cpuNum < 0 && cpuNum != NODE_CPU_STATS_ALL_CPUS) {
            throw ArgChecks.invalid(ErrorDomain.NONE, "virNodeGetCPUStats", "cpuNum", String.format(
                    "cpuNum in virNodeGetCPUStats only accepts %d as a negative value", NODE_CPU_STATS_ALL_CPUS));
        }
        return host.nodeGetCPUStats(cpuNum);
    }

    /** Memory figures (KiB) of one NUMA cell or of all ({@link #NODE_MEMORY_STATS_ALL_CELLS}). */
    @Libvirt("virNodeGetMemoryStats")
    public Map<String, Long> nodeGetMemoryStats(int cellNum) {
        if (cellNum < 0 && cellNum != NODE_MEMORY_STATS_ALL_CELLS) {
            throw ArgChecks.invalid(ErrorDomain.NONE, "virNodeGetMemoryStats", "cellNum", String.format(
                    "cellNum in virNodeGetMemoryStats only accepts %d as a negative value",
                    NODE_MEMORY_STATS_ALL_CELLS));
        }
        return host.nodeGetMemoryStats(cellNum);
    }

    @Libvirt("virNodeGetCPUMap")
    public NodeCPUMap nodeGetCPUMap() {
        return host.nodeGetCPUMap();
    }

    /**
     * Free pages of each size in KiB, for {@code cellCount} NUMA cells from {@code startCell}: the count of page
     * size j in cell i is at {@code i * pageSizesKiB.length + j}.
     */
    @Libvirt("virNodeGetFreePages")
    public long[] nodeGetFreePages(int[] pageSizesKiB, int startCell, int cellCount) {
        ArgChecks.nonZero(pageSizesKiB.length, "npages", ErrorDomain.NONE, "virNodeGetFreePages");
        ArgChecks.nonZero(cellCount, "cellCount", ErrorDomain.NONE, "virNodeGetFreePages");
        return host.nodeGetFreePages(pageSizesKiB.clone(), startCell, cellCount);
    }

    /** Allocates (or with SET, sets the size of) huge page pools; answers how many pools changed. */
    @Libvirt("virNodeAllocPages")
    public int nodeAllocPages(int[] pageSizesKiB, long[] pageCounts, int startCell, int cellCount,
                              org.jvirt.flags.NodeAllocPagesFlag... flags) {
        checkWritable("virNodeAllocPages", ErrorDomain.NONE);
        if (pageSizesKiB.length != pageCounts.length) {
            throw new IllegalArgumentException("one count per page size");
        }
        return host.nodeAllocPages(pageSizesKiB.clone(), pageCounts.clone(), startCell, cellCount,
                Flags.setOf(org.jvirt.flags.NodeAllocPagesFlag.class, flags));
    }

    @Libvirt("virNodeGetMemoryParameters")
    public List<TypedParameter> nodeGetMemoryParameters() {
        return host.nodeGetMemoryParameters();
    }

    @Libvirt("virNodeSetMemoryParameters")
    public void nodeSetMemoryParameters(List<TypedParameter> params) {
        checkWritable("virNodeSetMemoryParameters", ErrorDomain.NONE);
        host.nodeSetMemoryParameters(List.copyOf(params));
    }

    @Libvirt("virConnectGetCPUModelNames")
    public List<String> getCPUModelNames(String arch) {
        return host.getCPUModelNames(arch);
    }

    // ---- CPU models: compare and baseline (cpu-compare, cpu-baseline, hypervisor-cpu-*) --------------------

    /** How the CPU described by {@code xmlDesc} (a {@code <cpu>} element) compares with the host's CPU. */
    @Libvirt("virConnectCompareCPU")
    public CPUCompareResult compareCPU(String xmlDesc, org.jvirt.flags.ConnectCompareCPUFlag... flags) {
        ArgChecks.nonNull(xmlDesc, "xmlDesc", ErrorDomain.DOMAIN, "virConnectCompareCPU");
        return host.compareCPU(xmlDesc, Flags.setOf(org.jvirt.flags.ConnectCompareCPUFlag.class, flags));
    }

    /**
     * How a CPU compares with the CPU the hypervisor can give guests on this host; null arguments choose the
     * hypervisor's defaults.
     */
    @Libvirt("virConnectCompareHypervisorCPU")
    public CPUCompareResult compareHypervisorCPU(String emulator, String arch, String machine, String virttype,
                                                 String xmlCPU, org.jvirt.flags.ConnectCompareCPUFlag... flags) {
        ArgChecks.nonNull(xmlCPU, "xmlCPU", ErrorDomain.DOMAIN, "virConnectCompareHypervisorCPU");
        checkWritable("virConnectCompareHypervisorCPU", ErrorDomain.DOMAIN);
        return host.compareHypervisorCPU(emulator, arch, machine, virttype, xmlCPU,
                Flags.setOf(org.jvirt.flags.ConnectCompareCPUFlag.class, flags));
    }

    /** The most capable CPU (a {@code <cpu>} document) that every one of {@code xmlCPUs} can provide. */
    @Libvirt("virConnectBaselineCPU")
    public String baselineCPU(List<String> xmlCPUs, org.jvirt.flags.ConnectBaselineCPUFlag... flags) {
        ArgChecks.nonNull(xmlCPUs, "xmlCPUs", ErrorDomain.DOMAIN, "virConnectBaselineCPU");
        return host.baselineCPU(List.copyOf(xmlCPUs),
                Flags.setOf(org.jvirt.flags.ConnectBaselineCPUFlag.class, flags));
    }

    /** As {@link #baselineCPU}, tailored to what the hypervisor can give guests on this host. */
    @Libvirt("virConnectBaselineHypervisorCPU")
    public String baselineHypervisorCPU(String emulator, String arch, String machine, String virttype,
                                        List<String> xmlCPUs, org.jvirt.flags.ConnectBaselineCPUFlag... flags) {
        ArgChecks.nonNull(xmlCPUs, "xmlCPUs", ErrorDomain.DOMAIN, "virConnectBaselineHypervisorCPU");
        checkWritable("virConnectBaselineHypervisorCPU", ErrorDomain.DOMAIN);
        return host.baselineHypervisorCPU(emulator, arch, machine, virttype, List.copyOf(xmlCPUs),
                Flags.setOf(org.jvirt.flags.ConnectBaselineCPUFlag.class, flags));
    }

    @Libvirt("virConnectIsEncrypted")
    public boolean isEncrypted() {
        return host.isEncrypted();
    }

    @Libvirt("virConnectIsSecure")
    public boolean isSecure() {
        return host.isSecure();
    }

    @Libvirt("virConnectIsAlive")
    public boolean isAlive() {
        return !closed && host.isAlive();
    }

    // ---- domains ----------------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllDomains")
    public List<Domain> listAllDomains(ListDomainsFlag... flags) {
        return wrap(domains.listAllDomains(Flags.setOf(ListDomainsFlag.class, flags)), r -> new Domain(this, r));
    }

    @Libvirt("virConnectNumOfDomains")
    public int numOfDomains() {
        return domains.numOfDomains();
    }

    @Libvirt("virConnectListDomains")
    public List<Integer> listDomains() {
        return domains.listDomains();
    }

    @Libvirt("virConnectNumOfDefinedDomains")
    public int numOfDefinedDomains() {
        return domains.numOfDefinedDomains();
    }

    @Libvirt("virConnectListDefinedDomains")
    public List<String> listDefinedDomains() {
        return domains.listDefinedDomains();
    }

    @Libvirt("virDomainLookupByID")
    public Domain domainLookupByID(int id) {
        ArgChecks.nonNegative(id, "id", ErrorDomain.DOMAIN, "virDomainLookupByID");
        return new Domain(this, domains.lookupById(id));
    }

    @Libvirt("virDomainLookupByUUID")
    public Domain domainLookupByUUID(UUID uuid) {
        return new Domain(this, domains.lookupByUUID(uuid));
    }

    @Libvirt("virDomainLookupByUUIDString")
    public Domain domainLookupByUUIDString(String uuid) {
        return domainLookupByUUID(ArgChecks.uuid(uuid, ErrorDomain.DOMAIN, "virDomainLookupByUUIDString"));
    }

    @Libvirt("virDomainLookupByName")
    public Domain domainLookupByName(String name) {
        return new Domain(this, domains.lookupByName(name));
    }

    /** Starts a transient domain from its XML. */
    @Libvirt({"virDomainCreateXML", "virDomainCreateLinux"})
    public Domain domainCreateXML(String xml, DomainCreateFlag... flags) {
        checkWritable("virDomainCreateXML", ErrorDomain.DOMAIN);
        return new Domain(this, domains.createXML(xml, Flags.setOf(DomainCreateFlag.class, flags)));
    }

    /** Defines a persistent domain, or updates the persistent config of an existing one. */
    @Libvirt({"virDomainDefineXML", "virDomainDefineXMLFlags"})
    public Domain domainDefineXML(String xml, DomainDefineFlag... flags) {
        checkWritable("virDomainDefineXMLFlags", ErrorDomain.DOMAIN);
        return new Domain(this, domains.defineXML(xml, Flags.setOf(DomainDefineFlag.class, flags)));
    }

    @Libvirt({"virDomainRestore", "virDomainRestoreFlags"})
    public Domain domainRestore(String path, String dxml, DomainSaveRestoreFlag... flags) {
        checkWritable("virDomainRestoreFlags", ErrorDomain.DOMAIN);
        return new Domain(this, domains.restore(path, dxml, Flags.setOf(DomainSaveRestoreFlag.class, flags)));
    }

    @Libvirt("virDomainSaveImageGetXMLDesc")
    public String domainSaveImageGetXMLDesc(String path, DomainSaveRestoreFlag... flags) {
        return domains.saveImageGetXMLDesc(path, Flags.setOf(DomainSaveRestoreFlag.class, flags));
    }

    @Libvirt("virDomainSaveImageDefineXML")
    public void domainSaveImageDefineXML(String path, String dxml, DomainSaveRestoreFlag... flags) {
        checkWritable("virDomainSaveImageDefineXML", ErrorDomain.DOMAIN);
        domains.saveImageDefineXML(path, dxml, Flags.setOf(DomainSaveRestoreFlag.class, flags));
    }

    /**
     * A domain XML in a hypervisor's own configuration format: for QEMU, {@code "qemu-argv"}, the environment and
     * command line the domain would be started with, as one shell-quoted line.
     */
    @Libvirt("virConnectDomainXMLToNative")
    public String domainXMLToNative(String nativeFormat, String domainXml) {
        checkWritable("virConnectDomainXMLToNative", ErrorDomain.DOMAIN);
        ArgChecks.nonNull(nativeFormat, "nativeFormat", ErrorDomain.DOMAIN, "virConnectDomainXMLToNative");
        ArgChecks.nonNull(domainXml, "domainXml", ErrorDomain.DOMAIN, "virConnectDomainXMLToNative");
        return domains.domainXMLToNative(nativeFormat, domainXml);
    }

    /** A hypervisor's own configuration turned into domain XML. */
    @Libvirt("virConnectDomainXMLFromNative")
    public String domainXMLFromNative(String nativeFormat, String nativeConfig) {
        checkWritable("virConnectDomainXMLFromNative", ErrorDomain.DOMAIN);
        ArgChecks.nonNull(nativeFormat, "nativeFormat", ErrorDomain.DOMAIN, "virConnectDomainXMLFromNative");
        ArgChecks.nonNull(nativeConfig, "nativeConfig", ErrorDomain.DOMAIN, "virConnectDomainXMLFromNative");
        return domains.domainXMLFromNative(nativeFormat, nativeConfig);
    }

    /** Bulk statistics of every domain the flags select. */
    @Libvirt("virConnectGetAllDomainStats")
    public List<DomainStatsRecord> getAllDomainStats(EnumSet<DomainStatsType> stats, DomainStatsFlag... flags) {
        return wrap(domains.getAllDomainStats(List.of(), stats, Flags.setOf(DomainStatsFlag.class, flags)),
                s -> new DomainStatsRecord(new Domain(this, s.domain()), s.params()));
    }

    /**
     * Bulk statistics of the given domains, which must all belong to this connection (virDomainListGetStats takes
     * the connection from its first domain; here it is the receiver).
     */
    @Libvirt("virDomainListGetStats")
    public List<DomainStatsRecord> domainListGetStats(List<Domain> doms, EnumSet<DomainStatsType> stats,
                                                      DomainStatsFlag... flags) {
        ArgChecks.nonNull(doms, "doms", ErrorDomain.DOMAIN, "virDomainListGetStats");
        if (doms.isEmpty()) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                    "doms array in virDomainListGetStats must contain at least one domain");
        }
        List<DomainRef> refs = new ArrayList<>(doms.size());
        for (Domain d : doms) {
            if (d.getConnect() != this) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "domains in 'doms' array must belong to a single connection");
            }
            refs.add(d.ref());
        }
        return wrap(domains.getAllDomainStats(refs, stats, Flags.setOf(DomainStatsFlag.class, flags)),
                s -> new DomainStatsRecord(new Domain(this, s.domain()), s.params()));
    }

    // ---- networks ---------------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllNetworks")
    public List<Network> listAllNetworks(ListNetworksFlag... flags) {
        return wrap(networks.listAllNetworks(Flags.setOf(ListNetworksFlag.class, flags)), r -> new Network(this, r));
    }

    @Libvirt("virConnectNumOfNetworks")
    public int numOfNetworks() {
        return networks.numOfNetworks();
    }

    @Libvirt("virConnectListNetworks")
    public List<String> listNetworks() {
        return networks.listNetworks();
    }

    @Libvirt("virConnectNumOfDefinedNetworks")
    public int numOfDefinedNetworks() {
        return networks.numOfDefinedNetworks();
    }

    @Libvirt("virConnectListDefinedNetworks")
    public List<String> listDefinedNetworks() {
        return networks.listDefinedNetworks();
    }

    @Libvirt("virNetworkLookupByName")
    public Network networkLookupByName(String name) {
        return new Network(this, networks.lookupByName(name));
    }

    @Libvirt("virNetworkLookupByUUID")
    public Network networkLookupByUUID(UUID uuid) {
        return new Network(this, networks.lookupByUUID(uuid));
    }

    @Libvirt("virNetworkLookupByUUIDString")
    public Network networkLookupByUUIDString(String uuid) {
        return networkLookupByUUID(ArgChecks.uuid(uuid, ErrorDomain.NETWORK, "virNetworkLookupByUUIDString"));
    }

    @Libvirt({"virNetworkCreateXML", "virNetworkCreateXMLFlags"})
    public Network networkCreateXML(String xml, NetworkCreateFlag... flags) {
        checkWritable("virNetworkCreateXMLFlags", ErrorDomain.NETWORK);
        return new Network(this, networks.createXML(xml, Flags.setOf(NetworkCreateFlag.class, flags)));
    }

    @Libvirt({"virNetworkDefineXML", "virNetworkDefineXMLFlags"})
    public Network networkDefineXML(String xml, NetworkDefineFlag... flags) {
        checkWritable("virNetworkDefineXMLFlags", ErrorDomain.NETWORK);
        return new Network(this, networks.defineXML(xml, Flags.setOf(NetworkDefineFlag.class, flags)));
    }

    // ---- storage ----------------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllStoragePools")
    public List<StoragePool> listAllStoragePools(ListStoragePoolsFlag... flags) {
        return wrap(storage.listAllStoragePools(Flags.setOf(ListStoragePoolsFlag.class, flags)),
                r -> new StoragePool(this, r));
    }

    @Libvirt("virConnectNumOfStoragePools")
    public int numOfStoragePools() {
        return storage.numOfStoragePools();
    }

    @Libvirt("virConnectListStoragePools")
    public List<String> listStoragePools() {
        return storage.listStoragePools();
    }

    @Libvirt("virConnectNumOfDefinedStoragePools")
    public int numOfDefinedStoragePools() {
        return storage.numOfDefinedStoragePools();
    }

    @Libvirt("virConnectListDefinedStoragePools")
    public List<String> listDefinedStoragePools() {
        return storage.listDefinedStoragePools();
    }

    @Libvirt("virConnectFindStoragePoolSources")
    public String findStoragePoolSources(String type, String srcSpec) {
        return storage.findStoragePoolSources(type, srcSpec);
    }

    @Libvirt("virConnectGetStoragePoolCapabilities")
    public String getStoragePoolCapabilities() {
        return storage.getStoragePoolCapabilities();
    }

    @Libvirt("virStoragePoolLookupByName")
    public StoragePool storagePoolLookupByName(String name) {
        return new StoragePool(this, storage.poolLookupByName(name));
    }

    @Libvirt("virStoragePoolLookupByUUID")
    public StoragePool storagePoolLookupByUUID(UUID uuid) {
        return new StoragePool(this, storage.poolLookupByUUID(uuid));
    }

    @Libvirt("virStoragePoolLookupByUUIDString")
    public StoragePool storagePoolLookupByUUIDString(String uuid) {
        return storagePoolLookupByUUID(ArgChecks.uuid(uuid, ErrorDomain.STORAGE, "virStoragePoolLookupByUUIDString"));
    }

    @Libvirt("virStoragePoolCreateXML")
    public StoragePool storagePoolCreateXML(String xml, StoragePoolCreateFlag... flags) {
        checkWritable("virStoragePoolCreateXML", ErrorDomain.STORAGE);
        return new StoragePool(this, storage.poolCreateXML(xml, Flags.setOf(StoragePoolCreateFlag.class, flags)));
    }

    @Libvirt("virStoragePoolDefineXML")
    public StoragePool storagePoolDefineXML(String xml, StoragePoolDefineFlag... flags) {
        checkWritable("virStoragePoolDefineXML", ErrorDomain.STORAGE);
        return new StoragePool(this, storage.poolDefineXML(xml, Flags.setOf(StoragePoolDefineFlag.class, flags)));
    }

    @Libvirt("virStorageVolLookupByKey")
    public StorageVol storageVolLookupByKey(String key) {
        return new StorageVol(this, storage.volLookupByKey(key));
    }

    @Libvirt("virStorageVolLookupByPath")
    public StorageVol storageVolLookupByPath(String path) {
        return new StorageVol(this, storage.volLookupByPath(path));
    }

    // ---- node devices -----------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllNodeDevices")
    public List<NodeDevice> listAllNodeDevices(ListNodeDevicesFlag... flags) {
        return wrap(nodeDevices.listAllNodeDevices(Flags.setOf(ListNodeDevicesFlag.class, flags)),
                r -> new NodeDevice(this, r));
    }

    @Libvirt("virNodeNumOfDevices")
    public int nodeNumOfDevices(String cap) {
        return nodeDevices.numOfDevices(cap);
    }

    @Libvirt("virNodeListDevices")
    public List<String> nodeListDevices(String cap) {
        return nodeDevices.listDevices(cap);
    }

    @Libvirt("virNodeDeviceLookupByName")
    public NodeDevice nodeDeviceLookupByName(String name) {
        return new NodeDevice(this, nodeDevices.lookupByName(name));
    }

    @Libvirt("virNodeDeviceLookupSCSIHostByWWN")
    public NodeDevice nodeDeviceLookupSCSIHostByWWN(String wwnn, String wwpn) {
        return new NodeDevice(this, nodeDevices.lookupSCSIHostByWWN(wwnn, wwpn));
    }

    @Libvirt("virNodeDeviceCreateXML")
    public NodeDevice nodeDeviceCreateXML(String xml) {
        checkWritable("virNodeDeviceCreateXML", ErrorDomain.NODEDEV);
        return new NodeDevice(this, nodeDevices.createXML(xml));
    }

    @Libvirt("virNodeDeviceDefineXML")
    public NodeDevice nodeDeviceDefineXML(String xml) {
        checkWritable("virNodeDeviceDefineXML", ErrorDomain.NODEDEV);
        return new NodeDevice(this, nodeDevices.defineXML(xml));
    }

    // ---- host interfaces --------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllInterfaces")
    public List<Interface> listAllInterfaces(ListInterfacesFlag... flags) {
        return wrap(interfaces.listAllInterfaces(Flags.setOf(ListInterfacesFlag.class, flags)),
                r -> new Interface(this, r));
    }

    @Libvirt("virConnectNumOfInterfaces")
    public int numOfInterfaces() {
        return interfaces.numOfInterfaces();
    }

    @Libvirt("virConnectListInterfaces")
    public List<String> listInterfaces() {
        return interfaces.listInterfaces();
    }

    @Libvirt("virConnectNumOfDefinedInterfaces")
    public int numOfDefinedInterfaces() {
        return interfaces.numOfDefinedInterfaces();
    }

    @Libvirt("virConnectListDefinedInterfaces")
    public List<String> listDefinedInterfaces() {
        return interfaces.listDefinedInterfaces();
    }

    @Libvirt("virInterfaceLookupByName")
    public Interface interfaceLookupByName(String name) {
        return new Interface(this, interfaces.lookupByName(name));
    }

    @Libvirt("virInterfaceLookupByMACString")
    public Interface interfaceLookupByMACString(String mac) {
        return new Interface(this, interfaces.lookupByMACString(mac));
    }

    @Libvirt("virInterfaceDefineXML")
    public Interface interfaceDefineXML(String xml) {
        checkWritable("virInterfaceDefineXML", ErrorDomain.INTERFACE);
        return new Interface(this, interfaces.defineXML(xml));
    }

    @Libvirt("virInterfaceChangeBegin")
    public void interfaceChangeBegin() {
        checkWritable("virInterfaceChangeBegin", ErrorDomain.INTERFACE);
        interfaces.changeBegin();
    }

    @Libvirt("virInterfaceChangeCommit")
    public void interfaceChangeCommit() {
        checkWritable("virInterfaceChangeCommit", ErrorDomain.INTERFACE);
        interfaces.changeCommit();
    }

    @Libvirt("virInterfaceChangeRollback")
    public void interfaceChangeRollback() {
        checkWritable("virInterfaceChangeRollback", ErrorDomain.INTERFACE);
        interfaces.changeRollback();
    }

    // ---- secrets ----------------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllSecrets")
    public List<Secret> listAllSecrets(ListSecretsFlag... flags) {
        return wrap(secrets.listAllSecrets(Flags.setOf(ListSecretsFlag.class, flags)), r -> new Secret(this, r));
    }

    @Libvirt("virConnectNumOfSecrets")
    public int numOfSecrets() {
        return secrets.numOfSecrets();
    }

    @Libvirt("virConnectListSecrets")
    public List<String> listSecrets() {
        return secrets.listSecrets();
    }

    @Libvirt("virSecretLookupByUUID")
    public Secret secretLookupByUUID(UUID uuid) {
        return new Secret(this, secrets.lookupByUUID(uuid));
    }

    @Libvirt("virSecretLookupByUUIDString")
    public Secret secretLookupByUUIDString(String uuid) {
        return secretLookupByUUID(ArgChecks.uuid(uuid, ErrorDomain.SECRET, "virSecretLookupByUUIDString"));
    }

    @Libvirt("virSecretLookupByUsage")
    public Secret secretLookupByUsage(SecretUsageType usageType, String usageId) {
        return new Secret(this, secrets.lookupByUsage(usageType, usageId));
    }

    @Libvirt("virSecretDefineXML")
    public Secret secretDefineXML(String xml, SecretDefineFlag... flags) {
        checkWritable("virSecretDefineXML", ErrorDomain.SECRET);
        return new Secret(this, secrets.defineXML(xml, Flags.setOf(SecretDefineFlag.class, flags)));
    }

    // ---- network filters --------------------------------------------------------------------------------------

    @Libvirt("virConnectListAllNWFilters")
    public List<NWFilter> listAllNWFilters() {
        return wrap(nwfilters.listAllNWFilters(), r -> new NWFilter(this, r));
    }

    @Libvirt("virConnectNumOfNWFilters")
    public int numOfNWFilters() {
        return nwfilters.numOfNWFilters();
    }

    @Libvirt("virConnectListNWFilters")
    public List<String> listNWFilters() {
        return nwfilters.listNWFilters();
    }

    @Libvirt("virNWFilterLookupByName")
    public NWFilter nwfilterLookupByName(String name) {
        return new NWFilter(this, nwfilters.lookupByName(name));
    }

    @Libvirt("virNWFilterLookupByUUID")
    public NWFilter nwfilterLookupByUUID(UUID uuid) {
        return new NWFilter(this, nwfilters.lookupByUUID(uuid));
    }

    @Libvirt("virNWFilterLookupByUUIDString")
    public NWFilter nwfilterLookupByUUIDString(String uuid) {
        return nwfilterLookupByUUID(ArgChecks.uuid(uuid, ErrorDomain.NWFILTER, "virNWFilterLookupByUUIDString"));
    }

    @Libvirt({"virNWFilterDefineXML", "virNWFilterDefineXMLFlags"})
    public NWFilter nwfilterDefineXML(String xml) {
        checkWritable("virNWFilterDefineXML", ErrorDomain.NWFILTER);
        return new NWFilter(this, nwfilters.defineXML(xml));
    }

    @Libvirt("virConnectListAllNWFilterBindings")
    public List<NWFilterBinding> listAllNWFilterBindings() {
        return wrap(nwfilters.listAllBindings(), r -> new NWFilterBinding(this, r));
    }

    @Libvirt("virNWFilterBindingLookupByPortDev")
    public NWFilterBinding nwfilterBindingLookupByPortDev(String portdev) {
        return new NWFilterBinding(this, nwfilters.bindingLookupByPortDev(portdev));
    }

    @Libvirt("virNWFilterBindingCreateXML")
    public NWFilterBinding nwfilterBindingCreateXML(String xml) {
        checkWritable("virNWFilterBindingCreateXML", ErrorDomain.NWFILTER);
        return new NWFilterBinding(this, nwfilters.bindingCreateXML(xml));
    }

    // ---- streams and events -----------------------------------------------------------------------------------

    @Libvirt("virStreamNew")
    public Stream newStream() {
        return new Stream(this);
    }

    /** Subscribes to one kind of domain event, for one domain or (with a null domain) for all. */
    @Libvirt({"virConnectDomainEventRegisterAny", "virConnectDomainEventDeregisterAny"})
    public EventRegistration domainEventRegister(DomainEventId id, Domain domain,
                                                 EventListener<Domain, DomainEvent> listener) {
        served(driver.domains(), ErrorDomain.DOMAIN, "virConnectDomainEventRegisterAny");
        return events.subscribe(ConnectEvents.DOMAIN, id.code(), domain == null ? null : domain.getUUIDString(),
                listener);
    }

    /** libvirt's old lifecycle-only registration: every domain's lifecycle events. */
    @Libvirt({"virConnectDomainEventRegister", "virConnectDomainEventDeregister"})
    public EventRegistration domainEventRegister(EventListener<Domain, DomainEvent> listener) {
        return domainEventRegister(DomainEventId.LIFECYCLE, null, listener);
    }

    @Libvirt({"virConnectNetworkEventRegisterAny", "virConnectNetworkEventDeregisterAny"})
    public EventRegistration networkEventRegister(NetworkEventId id, Network network,
                                                  EventListener<Network, NetworkEvent> listener) {
        served(driver.networks(), ErrorDomain.NETWORK, "virConnectNetworkEventRegisterAny");
        return events.subscribe(ConnectEvents.NETWORK, id.code(),
                network == null ? null : network.getUUIDString(), listener);
    }

    @Libvirt({"virConnectStoragePoolEventRegisterAny", "virConnectStoragePoolEventDeregisterAny"})
    public EventRegistration storagePoolEventRegister(StoragePoolEventId id, StoragePool pool,
                                                      EventListener<StoragePool, StoragePoolEvent> listener) {
        served(driver.storage(), ErrorDomain.STORAGE, "virConnectStoragePoolEventRegisterAny");
        return events.subscribe(ConnectEvents.STORAGE_POOL, id.code(),
                pool == null ? null : pool.getUUIDString(), listener);
    }

    @Libvirt({"virConnectNodeDeviceEventRegisterAny", "virConnectNodeDeviceEventDeregisterAny"})
    public EventRegistration nodeDeviceEventRegister(NodeDeviceEventId id, NodeDevice device,
                                                     EventListener<NodeDevice, NodeDeviceEvent> listener) {
        served(driver.nodeDevices(), ErrorDomain.NODEDEV, "virConnectNodeDeviceEventRegisterAny");
        return events.subscribe(ConnectEvents.NODE_DEVICE, id.code(), device == null ? null : device.getName(),
                listener);
    }

    @Libvirt({"virConnectSecretEventRegisterAny", "virConnectSecretEventDeregisterAny"})
    public EventRegistration secretEventRegister(SecretEventId id, Secret secret,
                                                 EventListener<Secret, SecretEvent> listener) {
        served(driver.secrets(), ErrorDomain.SECRET, "virConnectSecretEventRegisterAny");
        return events.subscribe(ConnectEvents.SECRET, id.code(), secret == null ? null : secret.getUUIDString(),
                listener);
    }

    /**
     * Registers the one close callback this connection may have; it is told at most once, then forgotten, as
     * libvirt's is. Drivers whose connections cannot break (test, qemu) accept it and never call it.
     */
    @Libvirt("virConnectRegisterCloseCallback")
    public void registerCloseCallback(ConnectCloseCallback callback) {
        ArgChecks.nonNull(callback, "cb", ErrorDomain.NONE, "virConnectRegisterCloseCallback");
        if (!closeCallback.compareAndSet(null, callback)) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.OPERATION_INVALID,
                    "A close callback is already registered");
        }
    }

    @Libvirt("virConnectUnregisterCloseCallback")
    public void unregisterCloseCallback(ConnectCloseCallback callback) {
        ArgChecks.nonNull(callback, "cb", ErrorDomain.NONE, "virConnectUnregisterCloseCallback");
        if (!closeCallback.compareAndSet(callback, null)) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.OPERATION_INVALID,
                    "A different callback was requested");
        }
    }

    /** The driver saw the connection break: the callback runs once, off the driver's thread. */
    void fireClosed(ConnectCloseReason reason) {
        ConnectCloseCallback cb = closeCallback.getAndSet(null);
        if (cb != null && !closed) {
            Thread.ofVirtual().name("jvirt-close-callback").start(() -> cb.closed(this, reason));
        }
    }

    // ---- internals --------------------------------------------------------------------------------------------

    /** virConnectSupportsFeature (internal): for {@link MigrationInternals}. */
    boolean supportsFeature(int feature) {
        return driver.supportsFeature(feature);
    }

    /**
     * libvirt's read-only check, made in the public API before the driver is reached: "operation forbidden:
     * read only access prevents virDomainSuspend", from the error domain of the function's API file.
     */
    void checkWritable(String function, ErrorDomain domain) {
        if (readOnly) {
            throw VirtException.of(domain, ErrorNumber.OPERATION_DENIED, "read only access prevents %s", function);
        }
    }

    /** Event registration for a kind of object the driver does not serve fails as libvirt's does. */
    private static void served(Object table, ErrorDomain domain, String function) {
        if (table == null) {
            throw VirtException.noSupport(domain, function);
        }
    }

    private static <R, O> List<O> wrap(List<R> refs, Function<R, O> wrap) {
        List<O> out = new ArrayList<>(refs.size());
        for (R r : refs) {
            out.add(wrap.apply(r));
        }
        return out;
    }

    static <R, O> List<O> wrapAll(List<R> refs, Function<R, O> wrap) {
        return wrap(refs, wrap);
    }
}
