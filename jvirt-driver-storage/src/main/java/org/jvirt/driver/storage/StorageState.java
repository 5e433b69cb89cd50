package org.jvirt.driver.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.backend.Backend;
import org.jvirt.driver.storage.backend.Backends;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.pool.PoolFiles;
import org.jvirt.driver.storage.pool.PoolObj;
import org.jvirt.driver.storage.pool.PoolSourceConflict;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventType;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.StoragePoolRef;

/**
 * The storage driver of one scope (libvirt's virStorageDriverState): the pools by name, their files, the event
 * sinks of the connections that use it. One per {@link HostScope#key()}, shared by every connection of the scope.
 * Every change holds this object's monitor; slow volume work releases it (see {@link VolOps}).
 */
final class StorageState {

    private static final System.Logger LOG = System.getLogger(StorageState.class.getName());

    final HostScope scope;
    final PoolFiles files;
    final Map<String, PoolObj> pools = new TreeMap<>();
    /** Paths of volumes whose storage is being made (guarded by this object's monitor). */
    final java.util.Set<String> building = new java.util.HashSet<>();
    /** The event sinks of the scope's open connections. */
    private final CopyOnWriteArraySet<EventSink> sinks;
    final PoolOps poolOps;
    final VolOps volOps;

    StorageState(HostScope scope) {
        this(scope, new CopyOnWriteArraySet<>());
    }

    StorageState(HostScope scope, CopyOnWriteArraySet<EventSink> sinks) {
        this.scope = scope;
        this.sinks = sinks;
        this.poolOps = new PoolOps(this);
        this.volOps = new VolOps(this);
        this.files = new PoolFiles(scope.configDir().resolve("storage"), scope.runDir().resolve("storage"));
        synchronized (this) {
            boolean first = !Files.isDirectory(files.configDir());
            if (first) {
                defineDefaultPool();
            }
            loadConfigs();
            loadStatus();
            autostart();
        }
    }

    void lifecycle(PoolObj p, StoragePoolEventType type) {
        emit(p.ref(), new StoragePoolEvent.Lifecycle(type, 0));
    }

    void emit(StoragePoolRef ref, StoragePoolEvent ev) {
        for (EventSink s : sinks) {
            s.storagePoolEvent(ref, ev);
        }
    }

    // ---- start-up ---------------------------------------------------------------------------------------------

    /** The pool virt-install and virt-manager expect: "default", a directory under the state dir, autostarted. */
    private void defineDefaultPool() {
        Path images = scope.stateDir().resolve("images");
        PoolDef def = PoolDef.parse("<pool type='dir'><name>default</name><target><path>" + images
                .toString().replace("&", "&amp;").replace("<", "&lt;") + "</path></target></pool>");
        try {
            Files.createDirectories(files.configDir());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot create " + files.configDir() + ": " + e.getMessage());
            return;
        }
        try {
            Backends.of(def.type()).build(def, java.util.Set.of());
            files.saveConfig(def);
            files.setAutostart(def.name(), true);
        } catch (VirtException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot define the default pool: " + e.getMessage());
        }
    }

    /** virStoragePoolObjLoadAllConfigs: every config whose file name matches its pool's name. */
    private void loadConfigs() {
        for (Path f : files.configs()) {
            String fileName = f.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - 4);
            try {
                PoolDef def = PoolDef.parse(PoolFiles.read(f));
                if (!def.name().equals(name)) {
                    LOG.log(System.Logger.Level.WARNING, String.format(
                            "Storage pool config filename '%s' does not match pool name '%s'", f, def.name()));
                    continue;
                }
                PoolObj p = new PoolObj(def);
                p.persistent = true;
                p.autostart = files.autostart(name);
                pools.put(name, p);
            } catch (IOException | VirtException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring pool config " + f + ": " + e.getMessage());
            }
        }
    }

    /** virStoragePoolObjLoadAllState + storagePoolUpdateState: pools that ran and still run are active again. */
    private void loadStatus() {
        for (Path f : files.statuses()) {
            String fileName = f.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - 4);
            try {
                PoolDef live = PoolDef.parse(PoolFiles.read(f));
                PoolObj p = pools.get(name);
                if (p == null) {
                    p = new PoolObj(live);
                    pools.put(name, p);
                } else if (!p.def.equals(live)) {
                    p.newDef = p.def;
                    p.def = live;
                }
                Backend b = Backends.of(live.type());
                if (b.isActive(live)) {
                    p.active = true;
                    refreshInto(p);
                } else {
                    deactivate(p);
                }
            } catch (IOException | VirtException e) {
                LOG.log(System.Logger.Level.WARNING, "Failed to restart storage pool '" + name + "': "
                        + e.getMessage());
                files.deleteStatus(name);
                PoolObj p = pools.get(name);
                if (p != null) {
                    deactivate(p);
                }
            }
        }
    }

    /** storageDriverAutostart: start what should run and does not. */
    private void autostart() {
        for (PoolObj p : new ArrayList<>(pools.values())) {
            if (p.autostart && !p.active) {
                try {
                    Backend b = Backends.of(p.def.type());
                    b.start(p.def);
                    p.active = true;
                    try {
                        refreshInto(p);
                    } catch (VirtException e) {
                        b.stop(p.def);
                        p.active = false;
                        throw e;
                    }
                    files.saveStatus(p.def);
                } catch (VirtException e) {
                    LOG.log(System.Logger.Level.WARNING, "Failed to autostart storage pool '" + p.name() + "': "
                            + e.getMessage());
                }
            }
        }
    }

    // ---- shared helpers -------------------------------------------------------------------------------------

    /** Refreshes a running pool's sizes and volumes from its backend. */
    void refreshInto(PoolObj p) {
        p.clearVolumes();
        Backend.Refreshed r = Backends.of(p.def.type()).refresh(p.def);
        p.capacity = r.capacity();
        p.allocation = r.allocation();
        p.available = r.available();
        p.livePerms = r.targetPerms();
        for (Volume v : r.volumes()) {
            p.volumes.put(v.name(), v);
        }
    }

    /** A pool that stopped: volumes gone, the pending definition taken, a transient one forgotten. */
    void deactivate(PoolObj p) {
        p.active = false;
        p.volumes.clear();
        files.deleteStatus(p.name());
        if (p.newDef != null) {
            p.def = p.newDef;
            p.newDef = null;
        }
        if (!p.persistent) {
            pools.remove(p.name());
        }
    }

    PoolObj byName(String name) {
        PoolObj p = pools.get(name);
        if (p == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                    "no storage pool with matching name '%s'", name);
        }
        return p;
    }

    /** virStoragePoolObjFromStoragePool: by UUID, naming the pool in the error. */
    PoolObj byRef(StoragePoolRef ref) {
        for (PoolObj p : pools.values()) {
            if (p.def.uuid().equals(ref.uuid())) {
                return p;
            }
        }
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                "no storage pool with matching uuid '%s' (%s)", ref.uuid(), ref.name());
    }

    PoolObj byUuid(UUID uuid) {
        for (PoolObj p : pools.values()) {
            if (p.def.uuid().equals(uuid)) {
                return p;
            }
        }
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                "no storage pool with matching uuid '%s'", uuid);
    }

    PoolObj active(StoragePoolRef ref) {
        PoolObj p = byRef(ref);
        if (!p.active) {
            throw notActive(p);
        }
        return p;
    }

    static VirtException notActive(PoolObj p) {
        return VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                "storage pool '%s' is not active", p.name());
    }

    /**
     * virStoragePoolObjListAdd's checks, in libvirt's order: a pool of another name on the same source, then the
     * UUID and name. Returns the pool object the definition goes to (an existing one when redefined).
     */
    PoolObj add(PoolDef def, boolean live) {
        for (PoolObj p : pools.values()) {
            if (!p.name().equals(def.name()) && PoolSourceConflict.conflict(p.def, def)) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                        "Storage source conflict with pool: '%s'", p.name());
            }
        }
        for (PoolObj p : pools.values()) {
            if (p.def.uuid().equals(def.uuid())) {
                if (!p.name().equals(def.name())) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                            "pool '%s' is already defined with uuid %s", p.name(), p.def.uuid());
                }
                if (live && p.active) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                            "pool is already active as '%s'", p.name());
                }
                return p;
            }
        }
        PoolObj same = pools.get(def.name());
        if (same != null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                    "pool '%s' already exists with uuid %s", def.name(), same.def.uuid());
        }
        PoolObj p = new PoolObj(def);
        pools.put(def.name(), p);
        return p;
    }

    List<PoolObj> all() {
        return new ArrayList<>(pools.values());
    }
}
