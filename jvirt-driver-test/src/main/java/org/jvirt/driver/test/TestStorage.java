package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StoragePoolState;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolType;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.Stream;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventType;
import org.jvirt.flags.ListStoragePoolsFlag;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StoragePoolDefineFlag;
import org.jvirt.flags.StoragePoolDeleteFlag;
import org.jvirt.flags.StorageVolCreateFlag;
import org.jvirt.flags.StorageVolDeleteFlag;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.flags.StorageXMLFlag;
import org.jvirt.spi.StorageDriver;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;
import org.w3c.dom.Document;

/**
 * testStoragePool* and testStorageVol*: pools that claim 100 GiB and volumes whose metadata follows libvirt's
 * test driver; their content (upload, download, resize, wipe) is jvirt's extension, see the package doc.
 */
final class TestStorage implements StorageDriver {

    private final TestState st;

    TestStorage(TestState st) {
        this.st = st;
    }

    private StorageStore.Pool byName(String name) {
        StorageStore.Pool p = st.pools.get(name);
        if (p == null) {
            throw Errors.test(ErrorNumber.NO_STORAGE_POOL, "no storage pool with matching name '%s'", name);
        }
        return p;
    }

    private StorageStore.Pool active(String name) {
        StorageStore.Pool p = byName(name);
        if (!p.active) {
            throw Errors.test(ErrorNumber.OPERATION_INVALID, "storage pool '%s' is not active", name);
        }
        return p;
    }

    private StorageStore.Pool inactive(String name) {
        StorageStore.Pool p = byName(name);
        if (p.active) {
            throw Errors.test(ErrorNumber.OPERATION_INVALID, "storage pool '%s' is active", name);
        }
        return p;
    }

    private void event(StorageStore.Pool p, StoragePoolEventType t) {
        st.poolEvent(p.ref(), new StoragePoolEvent.Lifecycle(t, 0));
    }

    @Override
    public List<StoragePoolRef> listAllStoragePools(Set<ListStoragePoolsFlag> f) {
        synchronized (st) {
            List<StoragePoolRef> out = new ArrayList<>();
            EnumSet<ListStoragePoolsFlag> types = EnumSet.range(ListStoragePoolsFlag.DIR,
                    ListStoragePoolsFlag.ISCSI_DIRECT);
            types.retainAll(f);
            for (StorageStore.Pool p : st.pools.values()) {
                boolean typeOk = types.isEmpty() || types.stream()
                        .anyMatch(t -> t.name().replace("_", "-").equalsIgnoreCase(p.type));
                if (typeOk && TestNetworks.pick(f, ListStoragePoolsFlag.ACTIVE, p.active, ListStoragePoolsFlag.INACTIVE,
                        !p.active)
                        && TestNetworks.pick(f, ListStoragePoolsFlag.PERSISTENT, p.persistent,
                        ListStoragePoolsFlag.TRANSIENT, !p.persistent)
                        && TestNetworks.pick(f, ListStoragePoolsFlag.AUTOSTART, p.autostart,
                        ListStoragePoolsFlag.NO_AUTOSTART, !p.autostart)) {
                    out.add(p.ref());
                }
            }
            return out;
        }
    }

    @Override
    public int numOfStoragePools() {
        return listStoragePools().size();
    }

    @Override
    public List<String> listStoragePools() {
        return names(true);
    }

    @Override
    public int numOfDefinedStoragePools() {
        return listDefinedStoragePools().size();
    }

    @Override
    public List<String> listDefinedStoragePools() {
        return names(false);
    }

    private List<String> names(boolean active) {
        synchronized (st) {
            List<String> out = new ArrayList<>();
            for (StorageStore.Pool p : st.pools.values()) {
                if (p.active == active) {
                    out.add(p.name);
                }
            }
            return out;
        }
    }

    @Override
    public StoragePoolRef poolLookupByName(String name) {
        synchronized (st) {
            return byName(name).ref();
        }
    }

    @Override
    public StoragePoolRef poolLookupByUUID(UUID uuid) {
        synchronized (st) {
            return byUuid(uuid).ref();
        }
    }

    private StorageStore.Pool byUuid(UUID uuid) {
        for (StorageStore.Pool p : st.pools.values()) {
            if (p.uuid.equals(uuid)) {
                return p;
            }
        }
        throw Errors.test(ErrorNumber.NO_STORAGE_POOL, "no storage pool with matching uuid '%s'", uuid);
    }

    @Override
    public StoragePoolRef poolLookupByVolume(StorageVolRef vol) {
        synchronized (st) {
            return byName(vol.pool()).ref();
        }
    }

    /**
     * virStoragePoolObjListAdd's checks, in libvirt's order: first a pool of another name using the same source
     * (virStoragePoolObjSourceFindDuplicate), then the UUID and name checks (virStoragePoolObjIsDuplicate).
     */
    private StorageStore.Pool add(Document def, boolean live) {
        StorageStore.Pool fresh = new StorageStore.Pool(def);
        for (StorageStore.Pool p : st.pools.values()) {
            if (!p.name.equals(fresh.name) && PoolSources.conflict(p.def.getDocumentElement(),
                    def.getDocumentElement())) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                        "Storage source conflict with pool: '%s'", p.name);
            }
        }
        StorageStore.Pool old = null;
        for (StorageStore.Pool p : st.pools.values()) {
            if (p.uuid.equals(fresh.uuid)) {
                old = p;
            }
        }
        if (old != null) {
            if (!old.name.equals(fresh.name)) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                        "pool '%s' is already defined with uuid %s", old.name, old.uuid);
            }
            if (live && old.active) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                        "pool is already active as '%s'", old.name);
            }
            old.def = def;
            return old;
        }
        StorageStore.Pool byName = st.pools.get(fresh.name);
        if (byName != null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                    "pool '%s' already exists with uuid %s", fresh.name, byName.uuid);
        }
        st.pools.put(fresh.name, fresh);
        return fresh;
    }

    @Override
    public StoragePoolRef poolCreateXML(String xml, Set<StoragePoolCreateFlag> flags) {
        synchronized (st) {
            StorageStore.Pool p = add(StorageStore.parsePool(xml), true);
            p.active = true;
            event(p, StoragePoolEventType.STARTED);
            return p.ref();
        }
    }

    @Override
    public StoragePoolRef poolDefineXML(String xml, Set<StoragePoolDefineFlag> flags) {
        synchronized (st) {
            StorageStore.Pool p = add(StorageStore.parsePool(xml), false);
            p.persistent = true;
            event(p, StoragePoolEventType.DEFINED);
            return p.ref();
        }
    }

    @Override
    public void poolBuild(StoragePoolRef pool, Set<StoragePoolBuildFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StoragePoolBuildFlag.class), "testStoragePoolBuild");
        synchronized (st) {
            event(inactive(pool.name()), StoragePoolEventType.CREATED);
        }
    }

    @Override
    public void poolUndefine(StoragePoolRef pool) {
        synchronized (st) {
            StorageStore.Pool p = inactive(pool.name());
            event(p, StoragePoolEventType.UNDEFINED);
            st.pools.remove(p.name);
        }
    }

    @Override
    public void poolCreate(StoragePoolRef pool, Set<StoragePoolCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StoragePoolCreateFlag.class), "testStoragePoolCreate");
        synchronized (st) {
            StorageStore.Pool p = inactive(pool.name());
            p.active = true;
            event(p, StoragePoolEventType.STARTED);
        }
    }

    @Override
    public void poolDestroy(StoragePoolRef pool) {
        synchronized (st) {
            StorageStore.Pool p = active(pool.name());
            p.active = false;
            event(p, StoragePoolEventType.STOPPED);
            if (!p.persistent) {
                st.pools.remove(p.name);
            }
        }
    }

    @Override
    public void poolDelete(StoragePoolRef pool, Set<StoragePoolDeleteFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StoragePoolDeleteFlag.class), "testStoragePoolDelete");
        synchronized (st) {
            event(inactive(pool.name()), StoragePoolEventType.DELETED);
        }
    }

    @Override
    public void poolRefresh(StoragePoolRef pool) {
        synchronized (st) {
            st.poolEvent(active(pool.name()).ref(), new StoragePoolEvent.Refresh());
        }
    }

    @Override
    public StoragePoolInfo poolGetInfo(StoragePoolRef pool) {
        synchronized (st) {
            StorageStore.Pool p = byName(pool.name());
            return new StoragePoolInfo(p.active ? StoragePoolState.RUNNING : StoragePoolState.INACTIVE,
                    p.capacity, p.allocation, p.available());
        }
    }

    @Override
    public String poolGetXMLDesc(StoragePoolRef pool, Set<StorageXMLFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StorageXMLFlag.class), "testStoragePoolGetXMLDesc");
        synchronized (st) {
            return byName(pool.name()).format();
        }
    }

    @Override
    public boolean poolGetAutostart(StoragePoolRef pool) {
        synchronized (st) {
            return byName(pool.name()).autostart;
        }
    }

    @Override
    public void poolSetAutostart(StoragePoolRef pool, boolean autostart) {
        synchronized (st) {
            StorageStore.Pool p = byName(pool.name());
            if (!p.persistent) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "pool has no config file");
            }
            p.autostart = autostart;
        }
    }

    @Override
    public boolean poolIsActive(StoragePoolRef pool) {
        synchronized (st) {
            return byUuid(pool.uuid()).active;
        }
    }

    @Override
    public boolean poolIsPersistent(StoragePoolRef pool) {
        synchronized (st) {
            return byUuid(pool.uuid()).persistent;
        }
    }

    @Override
    public int poolNumOfVolumes(StoragePoolRef pool) {
        return poolListVolumes(pool).size();
    }

    @Override
    public List<String> poolListVolumes(StoragePoolRef pool) {
        synchronized (st) {
            return new ArrayList<>(active(pool.name()).vols.keySet());
        }
    }

    /** Pool types in libvirt's virStoragePoolType order; the index is the type's number. */
    private static final List<String> POOL_TYPES = List.of("dir", "fs", "netfs", "logical", "disk", "iscsi",
            "iscsi-direct", "scsi", "mpath", "rbd", "sheepdog", "gluster", "zfs", "vstorage");

    /**
     * testConnectFindStoragePoolSources: fixed answers for logical and netfs. libvirt tests the type's number
     * for zero, so "dir" (number 0) is refused as unknown; that quirk is kept, since clients see it.
     */
    @Override
    public String findStoragePoolSources(String type, String srcSpec) {
        int t = POOL_TYPES.indexOf(type);
        if (t == 0) {
            throw Errors.test(ErrorNumber.INTERNAL_ERROR, "unknown storage pool type %s", type);
        }
        String host = null;
        if (srcSpec != null) {
            org.w3c.dom.Element source = org.jvirt.xml.XmlParser.defaults().parse(srcSpec).getDocumentElement();
            org.w3c.dom.NodeList hosts = source.getElementsByTagName("host");
            if (hosts.getLength() > 0) {
                String name = ((org.w3c.dom.Element) hosts.item(0)).getAttribute("name");
                host = name.isEmpty() ? null : name;
            }
        }
        if ("logical".equals(type)) {
            return LOGICAL_SOURCES;
        }
        if ("netfs".equals(type)) {
            if (host == null) {
                throw Errors.test(ErrorNumber.INVALID_ARG, "hostname must be specified for netfs sources");
            }
            return NETFS_SOURCES.formatted(host);
        }
        throw Errors.test(ErrorNumber.NO_SUPPORT, "pool type '%s' does not support source discovery", type);
    }

    private static final String LOGICAL_SOURCES = """
            <sources>
              <source>
                <device path='/dev/sda20'/>
                <name>testvg1</name>
                <format type='lvm2'/>
              </source>
              <source>
                <device path='/dev/sda21'/>
                <name>testvg2</name>
                <format type='lvm2'/>
              </source>
            </sources>
            """;

    private static final String NETFS_SOURCES = """
            <sources>
              <source>
                <host name='%s'/>
                <dir path='/testshare'/>
                <format type='nfs'/>
              </source>
            </sources>
            """;

    @Override
    public List<StorageVolRef> poolListAllVolumes(StoragePoolRef pool) {
        synchronized (st) {
            StorageStore.Pool p = byName(pool.name());
            if (!p.active) {
                // testStoragePoolListAllVolumes words it without the name, unlike every other check.
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "storage pool is not active");
            }
            List<StorageVolRef> out = new ArrayList<>();
            for (StorageStore.Vol v : p.vols.values()) {
                out.add(v.ref());
            }
            return out;
        }
    }

    @Override
    public StorageVolRef volLookupByName(StoragePoolRef pool, String name) {
        synchronized (st) {
            StorageStore.Vol v = active(pool.name()).vols.get(name);
            if (v == null) {
                throw Errors.test(ErrorNumber.NO_STORAGE_VOL, "no storage vol with matching name '%s'", name);
            }
            return v.ref();
        }
    }

    @Override
    public StorageVolRef volLookupByKey(String key) {
        synchronized (st) {
            for (StorageStore.Pool p : st.pools.values()) {
                for (StorageStore.Vol v : p.vols.values()) {
                    if (p.active && v.key.equals(key)) {
                        return v.ref();
                    }
                }
            }
            throw Errors.test(ErrorNumber.NO_STORAGE_VOL, "no storage vol with matching key '%s'", key);
        }
    }

    @Override
    public StorageVolRef volLookupByPath(String path) {
        synchronized (st) {
            for (StorageStore.Pool p : st.pools.values()) {
                for (StorageStore.Vol v : p.vols.values()) {
                    if (p.active && v.path.equals(path)) {
                        return v.ref();
                    }
                }
            }
            throw Errors.test(ErrorNumber.NO_STORAGE_VOL, "no storage vol with matching path '%s'", path);
        }
    }

    @Override
    public StorageVolRef volCreateXML(StoragePoolRef pool, String xml, Set<StorageVolCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StorageVolCreateFlag.class), "testStorageVolCreateXML");
        synchronized (st) {
            StorageStore.Pool p = active(pool.name());
            return addVol(p, StorageStore.parseNewVol(p, xml));
        }
    }

    @Override
    public StorageVolRef volCreateXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clonevol,
                                          Set<StorageVolCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StorageVolCreateFlag.class), "testStorageVolCreateXMLFrom");
        synchronized (st) {
            StorageStore.Pool p = active(pool.name());
            StorageStore.Vol v = StorageStore.parseNewVol(p, xml);
            if (p.vols.containsKey(v.name)) {
                throw Errors.test(ErrorNumber.OPERATION_FAILED, "storage vol already exists");
            }
            if (p.vols.get(clonevol.name()) == null) {
                throw Errors.test(ErrorNumber.NO_STORAGE_VOL, "no storage vol with matching name '%s'",
                        clonevol.name());
            }
            v.content = p.vols.get(clonevol.name()).content.copy(); // jvirt: the clone has the content too
            v.content.truncate(v.capacity);
            return addVol(p, v);
        }
    }

    private StorageVolRef addVol(StorageStore.Pool p, StorageStore.Vol v) {
        if (p.vols.containsKey(v.name)) {
            throw Errors.test(ErrorNumber.OPERATION_FAILED, "storage vol already exists");
        }
        if (p.allocation + v.allocation > p.capacity) {
            throw Errors.test(ErrorNumber.INTERNAL_ERROR, "Not enough free space in pool for volume '%s'", v.name);
        }
        p.allocation += v.allocation;
        p.vols.put(v.name, v);
        return v.ref();
    }

    private StorageStore.Vol vol(StorageVolRef ref) {
        StorageStore.Pool p = byName(ref.pool());
        if (!p.active) {
            throw Errors.test(ErrorNumber.OPERATION_INVALID, "storage pool '%s' is not active", p.name);
        }
        StorageStore.Vol v = p.vols.get(ref.name());
        if (v == null) {
            throw Errors.test(ErrorNumber.NO_STORAGE_VOL, "no storage vol with matching name '%s'", ref.name());
        }
        return v;
    }

    @Override
    public void volDelete(StorageVolRef ref, Set<StorageVolDeleteFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(StorageVolDeleteFlag.class), "testStorageVolDelete");
        synchronized (st) {
            StorageStore.Vol v = vol(ref);
            StorageStore.Pool p = st.pools.get(v.pool);
            p.allocation -= v.allocation;
            p.vols.remove(v.name);
        }
    }

    @Override
    public StorageVolInfo volGetInfo(StorageVolRef ref) {
        synchronized (st) {
            StorageStore.Vol v = vol(ref);
            String type = st.pools.get(v.pool).type;
            StorageVolType t = switch (type) {
                case "logical", "disk", "iscsi", "scsi", "mpath", "iscsi-direct" -> StorageVolType.BLOCK;
                case "rbd", "sheepdog", "gluster" -> StorageVolType.NETWORK;
                default -> StorageVolType.FILE;
            };
            return new StorageVolInfo(t, v.capacity, v.allocation);
        }
    }

    @Override
    public String volGetXMLDesc(StorageVolRef ref) {
        synchronized (st) {
            return vol(ref).format();
        }
    }

    @Override
    public String volGetPath(StorageVolRef ref) {
        synchronized (st) {
            return vol(ref).path;
        }
    }

    // ---- content: a jvirt extension, with the semantics of libvirt's storage driver (storage_driver.c) -------

    @Override
    public void volUpload(StorageVolRef ref, Stream stream, long offset, long length,
                          Set<StorageVolUploadFlag> flags) {
        synchronized (st) {
            StorageStore.Vol v = vol(ref);
            stream.attach(new ContentStreams.Writer(st, v.content, offset,
                    ContentStreams.end(offset, length, v.capacity), flags.contains(StorageVolUploadFlag.SPARSE_STREAM)));
        }
    }

    @Override
    public void volDownload(StorageVolRef ref, Stream stream, long offset, long length,
                            Set<StorageVolDownloadFlag> flags) {
        synchronized (st) {
            StorageStore.Vol v = vol(ref);
            stream.attach(new ContentStreams.Reader(st, v.content, offset,
                    ContentStreams.end(offset, length, v.capacity),
                    flags.contains(StorageVolDownloadFlag.SPARSE_STREAM)));
        }
    }

    /** storageVolResize's checks, in its order; shrinking drops the content past the new end. */
    @Override
    public void volResize(StorageVolRef ref, long capacity, Set<StorageVolResizeFlag> flags) {
        synchronized (st) {
            StorageStore.Vol v = vol(ref);
            StorageStore.Pool p = st.pools.get(v.pool);
            boolean shrink = flags.contains(StorageVolResizeFlag.SHRINK);
            long abs = !flags.contains(StorageVolResizeFlag.DELTA) ? capacity
                    : shrink ? v.capacity - Math.min(capacity, v.capacity) : v.capacity + capacity;
            if (abs < v.allocation) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "can't shrink capacity below existing allocation");
            }
            if (abs < v.capacity && !shrink) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
            }
            long delta = flags.contains(StorageVolResizeFlag.ALLOCATE) ? abs - v.allocation : 0;
            if (delta > p.available()) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                        "Not enough space left in storage pool");
            }
            v.capacity = abs;
            v.content.truncate(abs);
            if (flags.contains(StorageVolResizeFlag.ALLOCATE)) {
                v.allocation = abs;
                p.allocation += delta;
            }
        }
    }

    /**
     * storageBackendVolWipeLocal: zeroes the content. The scrub(1) algorithms end with the volume wiped too; their
     * patterns are not reproduced (the content reads as zeros). TRIM is refused as libvirt refuses it for files.
     */
    @Override
    public void volWipe(StorageVolRef ref, StorageVolWipeAlgorithm algorithm) {
        synchronized (st) {
            StorageStore.Vol v = vol(ref);
            if (algorithm == StorageVolWipeAlgorithm.TRIM) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.ARGUMENT_UNSUPPORTED,
                        "'trim' algorithm not supported");
            }
            v.content.clear();
        }
    }
}
