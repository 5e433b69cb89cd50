package org.jvirt.driver.storage;

import java.nio.file.Path;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.backend.Backend;
import org.jvirt.driver.storage.backend.Backends;
import org.jvirt.driver.storage.pool.PoolObj;
import org.jvirt.driver.storage.vol.VolDef;
import org.jvirt.driver.storage.vol.VolStreams;
import org.jvirt.driver.storage.vol.VolXml;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.flags.StorageVolCreateFlag;
import org.jvirt.flags.StorageVolDeleteFlag;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;

/**
 * storage_driver.c's storageVol* entry points. A volume's storage is made with the state lock released (libvirt
 * drops the pool lock during allocation): the name is reserved first, so a second create of it fails, and the
 * pool counts the job, so it cannot stop meanwhile.
 */
final class VolOps {

    private final StorageState st;
    /** Volumes being built, by path (shared by the scope's connections): they may not be used until done. */
    private final Set<String> building;

    VolOps(StorageState st) {
        this.st = st;
        this.building = st.building;
    }

    private static VirtException noVol(String name) {
        return VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_VOL,
                "no storage vol with matching name '%s'", name);
    }

    /** virStorageVolDefFromVol: the volume's pool, running, and the volume in it. */
    private Volume vol(StorageVolRef ref) {
        PoolObj p = st.pools.get(ref.pool());
        if (p == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                    "no storage pool with matching name '%s'", ref.pool());
        }
        if (!p.active) {
            throw StorageState.notActive(p);
        }
        Volume v = p.volumes.get(ref.name());
        if (v == null) {
            throw noVol(ref.name());
        }
        return v;
    }

    private void notBuilding(Volume v) {
        if (building.contains(v.path())) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "volume '%s' is still being allocated.", v.name());
        }
    }

    StorageVolRef lookupByName(StoragePoolRef pool, String name) {
        synchronized (st) {
            Volume v = st.active(pool).volumes.get(name);
            if (v == null) {
                throw noVol(name);
            }
            return v.ref();
        }
    }

    StorageVolRef lookupByKey(String key) {
        synchronized (st) {
            for (PoolObj p : st.pools.values()) {
                if (p.active) {
                    for (Volume v : p.volumes.values()) {
                        if (v.key().equals(key)) {
                            return v.ref();
                        }
                    }
                }
            }
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_VOL,
                    "no storage vol with matching key %s", key);
        }
    }

    StorageVolRef lookupByPath(String path) {
        String clean = path.replaceAll("/+", "/");
        synchronized (st) {
            for (PoolObj p : st.pools.values()) {
                if (p.active) {
                    for (Volume v : p.volumes.values()) {
                        if (v.path().equals(clean)) {
                            return v.ref();
                        }
                    }
                }
            }
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_VOL,
                    "no storage vol with matching path '%s'", path);
        }
    }

    StorageVolRef createXML(StoragePoolRef pool, String xml, Set<StorageVolCreateFlag> flags) {
        checkCreateFlags(flags, false);
        return create(pool, xml, null, flags);
    }

    StorageVolRef createXMLFrom(StoragePoolRef pool, String xml, StorageVolRef clone,
                                Set<StorageVolCreateFlag> flags) {
        checkCreateFlags(flags, true);
        return create(pool, xml, clone, flags);
    }

    private static void checkCreateFlags(Set<StorageVolCreateFlag> flags, boolean from) {
        for (StorageVolCreateFlag f : flags) {
            boolean ok = f == StorageVolCreateFlag.PREALLOC_METADATA
                    || (from ? f == StorageVolCreateFlag.REFLINK : f == StorageVolCreateFlag.VALIDATE);
            if (!ok) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "unsupported flags (0x%x) in function %s", f.bit(),
                        from ? "storageVolCreateXMLFrom" : "storageVolCreateXML");
            }
        }
    }

    private StorageVolRef create(StoragePoolRef poolRef, String xml, StorageVolRef cloneRef,
                                 Set<StorageVolCreateFlag> flags) {
        PoolObj p;
        VolDef def;
        Volume input = null;
        PoolObj inputPool = null;
        String path;
        Backend b;
        synchronized (st) {
            p = st.byRef(poolRef);
            if (cloneRef != null) {
                inputPool = st.pools.get(cloneRef.pool());
                if (inputPool == null) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                            "no storage pool with matching name '%s'", cloneRef.pool());
                }
            }
            if (!p.active) {
                throw StorageState.notActive(p);
            }
            if (inputPool != null && !inputPool.active) {
                throw StorageState.notActive(inputPool);
            }
            b = Backends.of(p.def.type());
            def = VolDef.parse(xml, "raw", cloneRef == null ? VolDef.Capacity.REQUIRED_UNLESS_BACKING
                    : VolDef.Capacity.NOT_NEEDED);
            if (cloneRef != null) {
                input = inputPool.volumes.get(cloneRef.name());
                if (input == null) {
                    throw noVol(cloneRef.name());
                }
                if (p.volumes.containsKey(def.name())) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                            "storage volume name '%s' already in use.", def.name());
                }
                long cap = Math.max(def.capacityOrZero(), input.capacity());
                def = def.withCapacity(cap, def.hasAllocation() ? def.allocation() : cap);
                notBuilding(input);
            } else if (p.volumes.containsKey(def.name())) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_VOL_EXIST, "'%s'", def.name());
            }
            path = b.createVol(p.def, def);
            if (building.contains(path)) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_VOL_EXIST, "'%s'", def.name());
            }
            building.add(path);
            p.asyncJobs++;
            if (inputPool != null) {
                inputPool.asyncJobs++;
            }
        }
        try {
            org.jvirt.driver.storage.vol.LuksVolume.build(st.scope, xml, p.def, def, path, input,
                    flags.contains(StorageVolCreateFlag.PREALLOC_METADATA), b);
        } finally {
            synchronized (st) {
                building.remove(path);
                p.asyncJobs--;
                if (inputPool != null) {
                    inputPool.asyncJobs--;
                }
            }
        }
        synchronized (st) {
            Volume found = b.refreshVol(p.def, def.name(), path);
            Volume v = found == null ? null : found.keeping(def.clusterSize());
            if (v == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                        "volume '%s' vanished after it was created", def.name());
            }
            p.volumes.put(v.name(), v);
            p.allocation += v.allocation();
            p.available = Math.max(0, p.available - v.allocation());
            return v.ref();
        }
    }

    void delete(StorageVolRef ref, Set<StorageVolDeleteFlag> flags) {
        synchronized (st) {
            for (StorageVolDeleteFlag f : flags) {
                if (f != StorageVolDeleteFlag.ZEROED) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                            "unsupported flags (0x%x) in function virStorageBackendVolDeleteLocal", f.bit());
                }
            }
            Volume v = vol(ref);
            notBuilding(v);
            PoolObj p = st.pools.get(ref.pool());
            Backends.of(p.def.type()).deleteVol(p.def, v);
            p.volumes.remove(v.name());
            p.allocation = Math.max(0, p.allocation - v.allocation());
            p.available += v.allocation();
        }
    }

    /** A volume refreshed from disk (storageVolGetInfo and GetXMLDesc refresh first, as libvirt does). */
    private Volume fresh(StorageVolRef ref) {
        Volume v = vol(ref);
        if (building.contains(v.path())) {
            return v;
        }
        PoolObj p = st.pools.get(ref.pool());
        Volume now = Backends.of(p.def.type()).refreshVol(p.def, v.name(), v.path());
        if (now != null) {
            now = now.keeping(v.target().clusterSize());
            p.volumes.put(now.name(), now);
            return now;
        }
        return v;
    }

    /** storageVolGetInfoFlags: refreshed first; GET_PHYSICAL reports the physical size as the allocation. */
    StorageVolInfo info(StorageVolRef ref, Set<org.jvirt.flags.StorageVolInfoFlag> flags) {
        synchronized (st) {
            Volume v = fresh(ref);
            return new StorageVolInfo(v.type(), v.capacity(),
                    flags.contains(org.jvirt.flags.StorageVolInfoFlag.GET_PHYSICAL) ? v.physical() : v.allocation());
        }
    }

    String xmlDesc(StorageVolRef ref) {
        synchronized (st) {
            return VolXml.format(fresh(ref));
        }
    }

    String path(StorageVolRef ref) {
        synchronized (st) {
            return vol(ref).path();
        }
    }

    /** storageVolResize: libvirt's checks in its order, then the backend, then the volume refreshed. */
    void resize(StorageVolRef ref, long capacity, Set<StorageVolResizeFlag> flags) {
        synchronized (st) {
            Volume v = vol(ref);
            notBuilding(v);
            PoolObj p = st.pools.get(ref.pool());
            boolean shrink = flags.contains(StorageVolResizeFlag.SHRINK);
            boolean allocate = flags.contains(StorageVolResizeFlag.ALLOCATE);
            long abs = !flags.contains(StorageVolResizeFlag.DELTA) ? capacity
                    : shrink ? v.capacity() - Math.min(capacity, v.capacity()) : v.capacity() + capacity;
            if (Long.compareUnsigned(abs, v.allocation()) < 0) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "can't shrink capacity below existing allocation");
            }
            if (Long.compareUnsigned(abs, v.capacity()) < 0 && !shrink) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "Can't shrink capacity below current capacity unless shrink flag explicitly specified");
            }
            long delta = allocate ? abs - v.allocation() : 0;
            if (delta > p.available) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                        "Not enough space left in storage pool");
            }
            Backends.of(p.def.type()).resizeVol(p.def, v, abs, allocate);
            Volume now = Backends.of(p.def.type()).refreshVol(p.def, v.name(), v.path());
            if (now != null) {
                p.volumes.put(now.name(), now);
                long grew = now.allocation() - v.allocation();
                p.allocation += grew;
                p.available -= grew;
            }
        }
    }

    void wipe(StorageVolRef ref, StorageVolWipeAlgorithm alg) {
        synchronized (st) {
            Volume v = vol(ref);
            notBuilding(v);
            PoolObj p = st.pools.get(ref.pool());
            Backends.of(p.def.type()).wipeVol(p.def, v, alg);
            fresh(ref);
        }
    }

    /** A volume whose bytes can be streamed now: not being built, in a pool whose backend streams. */
    private Volume streamable(StorageVolRef ref, String what) {
        Volume v = vol(ref);
        notBuilding(v);
        PoolObj p = st.pools.get(ref.pool());
        if (!Backends.of(p.def.type()).streams()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT,
                    "storage pool doesn't support volume %s", what);
        }
        return v;
    }

    void upload(StorageVolRef ref, Stream stream, long offset, long length, Set<StorageVolUploadFlag> flags) {
        synchronized (st) {
            Volume v = streamable(ref, "upload");
            PoolObj p = st.pools.get(ref.pool());
            stream.attach(VolStreams.upload(Path.of(v.path()), offset, length,
                    flags.contains(StorageVolUploadFlag.SPARSE_STREAM), v.capacity(), () -> {
                        synchronized (st) {
                            if (st.pools.get(ref.pool()) == p && p.active) {
                                fresh(ref);
                            }
                        }
                    }));
        }
    }

    void download(StorageVolRef ref, Stream stream, long offset, long length, Set<StorageVolDownloadFlag> flags) {
        synchronized (st) {
            Volume v = streamable(ref, "download");
            stream.attach(VolStreams.download(Path.of(v.path()), offset, length,
                    flags.contains(StorageVolDownloadFlag.SPARSE_STREAM), v.capacity()));
        }
    }
}
