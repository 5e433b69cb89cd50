package org.jvirt.driver.storage;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StoragePoolState;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.backend.Backend;
import org.jvirt.driver.storage.backend.Backends;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.pool.PoolObj;
import org.jvirt.driver.storage.pool.PoolType;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventType;
import org.jvirt.flags.ListStoragePoolsFlag;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StoragePoolDefineFlag;
import org.jvirt.flags.StoragePoolDeleteFlag;
import org.jvirt.flags.StorageXMLFlag;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;

/** storage_driver.c's storagePool* and storageConnect*StoragePool* entry points over one scope's state. */
final class PoolOps {

    private final StorageState st;

    PoolOps(StorageState st) {
        this.st = st;
    }

    List<StoragePoolRef> listAll(Set<ListStoragePoolsFlag> f) {
        EnumSet<ListStoragePoolsFlag> types = EnumSet.range(ListStoragePoolsFlag.DIR, ListStoragePoolsFlag.ISCSI_DIRECT);
        types.retainAll(f);
        synchronized (st) {
            List<StoragePoolRef> out = new ArrayList<>();
            for (PoolObj p : st.all()) {
                boolean typeOk = types.isEmpty() || types.contains(p.def.type().listFlag());
                if (typeOk && pick(f, ListStoragePoolsFlag.ACTIVE, ListStoragePoolsFlag.INACTIVE, p.active)
                        && pick(f, ListStoragePoolsFlag.PERSISTENT, ListStoragePoolsFlag.TRANSIENT, p.persistent)
                        && pick(f, ListStoragePoolsFlag.AUTOSTART, ListStoragePoolsFlag.NO_AUTOSTART, p.autostart)) {
                    out.add(p.ref());
                }
            }
            return out;
        }
    }

    /** A pair of filter flags: neither or both set keep everything; one keeps what has (or lacks) the property. */
    private static boolean pick(Set<ListStoragePoolsFlag> f, ListStoragePoolsFlag yes, ListStoragePoolsFlag no,
                                boolean value) {
        boolean y = f.contains(yes);
        boolean n = f.contains(no);
        return y == n || (y ? value : !value);
    }

    List<String> names(boolean active) {
        synchronized (st) {
            return st.all().stream().filter(p -> p.active == active).map(PoolObj::name).toList();
        }
    }

    StoragePoolRef lookupByName(String name) {
        synchronized (st) {
            return st.byName(name).ref();
        }
    }

    StoragePoolRef lookupByUUID(UUID uuid) {
        synchronized (st) {
            return st.byUuid(uuid).ref();
        }
    }

    StoragePoolRef lookupByVolume(StorageVolRef vol) {
        synchronized (st) {
            PoolObj p = st.pools.get(vol.pool());
            if (p == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                        "no storage pool with matching name '%s'", vol.pool());
            }
            return p.ref();
        }
    }

    StoragePoolRef createXML(String xml, Set<StoragePoolCreateFlag> flags) {
        Set<StoragePoolBuildFlag> build = buildFlags(flags);
        PoolDef def = PoolDef.parse(xml);
        synchronized (st) {
            Backend b = Backends.of(def.type());
            PoolObj p = st.add(def, true);
            boolean fresh = !p.persistent && !p.active;
            try {
                if (build != null) {
                    b.build(def, build);
                }
                p.def = def;
                start(p, b);
            } catch (RuntimeException e) {
                if (fresh) {
                    st.pools.remove(def.name());
                }
                throw e;
            }
            st.lifecycle(p, StoragePoolEventType.STARTED);
            return p.ref();
        }
    }

    /** The build flags a create asks for, or null when it asks for no build. */
    private static Set<StoragePoolBuildFlag> buildFlags(Set<StoragePoolCreateFlag> flags) {
        boolean overwrite = flags.contains(StoragePoolCreateFlag.WITH_BUILD_OVERWRITE);
        boolean noOverwrite = flags.contains(StoragePoolCreateFlag.WITH_BUILD_NO_OVERWRITE);
        if (overwrite && noOverwrite) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                    "Flags '%s' and '%s' are mutually exclusive", "VIR_STORAGE_POOL_CREATE_WITH_BUILD_OVERWRITE",
                    "VIR_STORAGE_POOL_CREATE_WITH_BUILD_NO_OVERWRITE");
        }
        if (overwrite) {
            return EnumSet.of(StoragePoolBuildFlag.OVERWRITE);
        }
        if (noOverwrite) {
            return EnumSet.of(StoragePoolBuildFlag.NO_OVERWRITE);
        }
        return flags.contains(StoragePoolCreateFlag.WITH_BUILD) ? EnumSet.noneOf(StoragePoolBuildFlag.class) : null;
    }

    /** storagePoolCreate's core: start, refresh (a failed refresh stops it again), record the status. */
    private void start(PoolObj p, Backend b) {
        b.start(p.def);
        try {
            p.active = true;
            st.refreshInto(p);
        } catch (RuntimeException e) {
            p.active = false;
            p.clearVolumes();
            b.stop(p.def);
            throw e;
        }
        st.files.saveStatus(p.def);
    }

    StoragePoolRef defineXML(String xml, Set<StoragePoolDefineFlag> flags) {
        PoolDef def = PoolDef.parse(xml);
        synchronized (st) {
            Backends.of(def.type());
            PoolObj p = st.add(def, false);
            boolean wasPersistent = p.persistent;
            PoolDef oldNew = p.newDef;
            PoolDef oldDef = p.def;
            if (p.active) {
                p.newDef = def;
            } else {
                p.def = def;
            }
            try {
                st.files.saveConfig(def);
            } catch (RuntimeException e) {
                p.newDef = oldNew;
                p.def = oldDef;
                if (!wasPersistent && !p.active) {
                    st.pools.remove(def.name());
                }
                throw e;
            }
            p.persistent = true;
            st.lifecycle(p, StoragePoolEventType.DEFINED);
            return p.ref();
        }
    }

    void build(StoragePoolRef ref, Set<StoragePoolBuildFlag> flags) {
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            notActive(p);
            Backends.of(p.def.type()).build(p.def, flags);
            st.lifecycle(p, StoragePoolEventType.CREATED);
        }
    }

    void undefine(StoragePoolRef ref) {
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            inactiveAndIdle(p);
            st.files.deleteConfig(p.name());
            p.persistent = false;
            p.autostart = false;
            st.lifecycle(p, StoragePoolEventType.UNDEFINED);
            st.pools.remove(p.name());
        }
    }

    void create(StoragePoolRef ref, Set<StoragePoolCreateFlag> flags) {
        Set<StoragePoolBuildFlag> build = buildFlags(flags);
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            notActive(p);
            Backend b = Backends.of(p.def.type());
            if (build != null) {
                b.build(p.def, build);
            }
            start(p, b);
            st.lifecycle(p, StoragePoolEventType.STARTED);
        }
    }

    void destroy(StoragePoolRef ref) {
        synchronized (st) {
            PoolObj p = st.active(ref);
            if (p.asyncJobs > 0) {
                throw asyncJobs(p);
            }
            Backends.of(p.def.type()).stop(p.def);
            st.lifecycle(p, StoragePoolEventType.STOPPED);
            st.deactivate(p);
        }
    }

    void delete(StoragePoolRef ref, Set<StoragePoolDeleteFlag> flags) {
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            inactiveAndIdle(p);
            Backends.of(p.def.type()).delete(p.def);
            st.lifecycle(p, StoragePoolEventType.DELETED);
        }
    }

    /** storagePoolRefresh: a pool whose refresh fails is stopped, as libvirt stops it. */
    void refresh(StoragePoolRef ref) {
        synchronized (st) {
            PoolObj p = st.active(ref);
            if (p.asyncJobs > 0) {
                throw asyncJobs(p);
            }
            try {
                st.refreshInto(p);
            } catch (RuntimeException e) {
                Backends.of(p.def.type()).stop(p.def);
                st.lifecycle(p, StoragePoolEventType.STOPPED);
                st.deactivate(p);
                throw e;
            }
            st.emit(p.ref(), new StoragePoolEvent.Refresh());
        }
    }

    StoragePoolInfo info(StoragePoolRef ref) {
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            return new StoragePoolInfo(p.active ? StoragePoolState.RUNNING : StoragePoolState.INACTIVE,
                    p.capacity, p.allocation, p.available);
        }
    }

    String xmlDesc(StoragePoolRef ref, Set<StorageXMLFlag> flags) {
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            if (flags.contains(StorageXMLFlag.INACTIVE) && p.newDef != null) {
                return p.newDef.format(0, 0, 0);
            }
            PoolDef shown = p.active && p.livePerms != null ? p.def.withPerms(p.livePerms) : p.def;
            return shown.format(p.capacity, p.allocation, p.available);
        }
    }

    boolean autostart(StoragePoolRef ref) {
        synchronized (st) {
            return st.byRef(ref).autostart;
        }
    }

    void setAutostart(StoragePoolRef ref, boolean on) {
        synchronized (st) {
            PoolObj p = st.byRef(ref);
            if (!p.persistent) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "pool has no config file");
            }
            if (p.autostart != on) {
                st.files.setAutostart(p.name(), on);
                p.autostart = on;
            }
        }
    }

    boolean isActive(StoragePoolRef ref) {
        synchronized (st) {
            return st.byRef(ref).active;
        }
    }

    boolean isPersistent(StoragePoolRef ref) {
        synchronized (st) {
            return st.byRef(ref).persistent;
        }
    }

    List<String> volumeNames(StoragePoolRef ref) {
        synchronized (st) {
            return new ArrayList<>(st.active(ref).volumes.keySet());
        }
    }

    List<StorageVolRef> volumes(StoragePoolRef ref) {
        synchronized (st) {
            return st.active(ref).volumes.values().stream().map(v -> v.ref()).toList();
        }
    }

    /** storageConnectFindStoragePoolSources: the types that can discover answer; the others say they cannot. */
    String findSources(String type, String srcSpec) {
        PoolType t = PoolType.of(type);
        if (t == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "unknown storage pool type %s",
                    type);
        }
        String out = Backends.of(t).findSources(srcSpec);
        if (out == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT,
                    "pool type '%s' does not support source discovery", type);
        }
        return out;
    }

    /** Undefine and delete: the pool must be stopped and have no volume job running. */
    private static void inactiveAndIdle(PoolObj p) {
        if (p.active) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "storage pool '%s' is still active", p.name());
        }
        if (p.asyncJobs > 0) {
            throw asyncJobs(p);
        }
    }

    /** Build and start: the pool must not run. */
    private static void notActive(PoolObj p) {
        if (p.active) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "storage pool '%s' is already active", p.name());
        }
    }

    static VirtException asyncJobs(PoolObj p) {
        return VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                "pool '%s' has asynchronous jobs running.", p.name());
    }
}
