package org.jvirt.driver.storage.pool;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.spi.StoragePoolRef;

/**
 * One pool of a scope (virStoragePoolObj): its definition, the definition to take at the next stop when it was
 * redefined while running, whether it runs, is persistent, autostarts, and, while it runs, its sizes and volumes.
 * Guarded by the scope's state lock.
 */
public final class PoolObj {

    public PoolDef def;
    /** A definition given while the pool ran; it replaces {@link #def} when the pool stops. */
    public PoolDef newDef;
    public boolean active;
    public boolean persistent;
    public boolean autostart;
    /** Volume operations under way; the pool may not stop or refresh meanwhile. */
    public int asyncJobs;
    public long capacity;
    public long allocation;
    public long available;
    public final Map<String, Volume> volumes = new LinkedHashMap<>();
    /** The target's permissions found by the last refresh (shown in the live XML), or null. */
    public org.jvirt.xml.storage.Permissions livePerms;

    public PoolObj(PoolDef def) {
        this.def = def;
    }

    public String name() {
        return def.name();
    }

    public StoragePoolRef ref() {
        return def.ref();
    }

    /** The persistent definition: the pending one if any. */
    public PoolDef configDef() {
        return newDef != null ? newDef : def;
    }

    public void clearVolumes() {
        volumes.clear();
        capacity = 0;
        allocation = 0;
        available = 0;
    }
}
