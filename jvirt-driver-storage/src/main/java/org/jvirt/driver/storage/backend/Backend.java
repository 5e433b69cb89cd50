package org.jvirt.driver.storage.backend;

import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.VolDef;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.flags.StoragePoolBuildFlag;

/**
 * How one pool type works (virStorageBackend). An entry point a type lacks answers libvirt's error for it.
 * Called with the scope's state lock held; long volume work happens in {@link #buildVol}.
 */
public interface Backend {

    /**
     * What a refresh found: the pool's sizes, its volumes, and the target's permissions as they are (null where
     * the pool has no target directory); the live XML shows these, as libvirt's refresh writes them in.
     */
    record Refreshed(long capacity, long allocation, long available, List<Volume> volumes,
                     org.jvirt.xml.storage.Permissions targetPerms) {
    }

    /** checkPool: whether a pool recorded as running still runs (after a daemon restart). */
    default boolean isActive(PoolDef def) {
        return false;
    }

    default void build(PoolDef def, Set<StoragePoolBuildFlag> flags) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "storage pool does not support building");
    }

    default void start(PoolDef def) {
    }

    default void stop(PoolDef def) {
    }

    default void delete(PoolDef def) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "pool does not support pool deletion");
    }

    Refreshed refresh(PoolDef def);

    /** The volume's path and key once made: checks the name and that nothing is there. */
    default String createVol(PoolDef def, VolDef vol) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "storage pool does not support volume creation");
    }

    /** Makes the volume's storage at {@code path}, from {@code input} when cloning; nothing left on failure. */
    default void buildVol(PoolDef def, VolDef vol, String path, Volume input, boolean preallocMetadata) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "storage pool does not support volume creation");
    }

    /** The volume as it is now (refreshVol), or null when it is gone. */
    Volume refreshVol(PoolDef def, String name, String path);

    default void deleteVol(PoolDef def, Volume vol) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "storage pool does not support vol deletion");
    }

    default void resizeVol(PoolDef def, Volume vol, long capacity, boolean allocate) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "storage pool does not support changing of volume capacity");
    }

    default void wipeVol(PoolDef def, Volume vol, StorageVolWipeAlgorithm alg) {
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                "storage pool doesn't support volume wiping");
    }

    /** Whether volumes can be uploaded to and downloaded from as files. */
    default boolean streams() {
        return false;
    }

    default String findSources(String srcSpec) {
        return null;
    }
}
