package org.jvirt.driver.storage.vol;

import java.util.List;
import org.jvirt.StorageVolType;
import org.jvirt.spi.StorageVolRef;

/**
 * A volume as found on disk (virStorageVolDef after a refresh): its identity, sizes and target; the backing
 * store's target when the image has one.
 *
 * @param physical the bytes the file takes on its device (st_size for a file); 0 when not known
 */
public record Volume(String pool, String name, String key, StorageVolType type, long capacity, long allocation,
                     long physical, Target target, Target backing) {

    /**
     * A {@code <target>} or {@code <backingStore>}: path, format, permissions as found (mode, uid, gid),
     * timestamps, and the qcow2 facts (compat, cluster size, features; null where the format has none).
     */
    public record Target(String path, String format, int mode, long uid, long gid, Times times, String compat,
                         long clusterSize, List<String> features) {
    }

    /** atime, mtime, ctime in nanoseconds since the epoch; null when not known. */
    public record Times(long atime, long mtime, long ctime) {
    }

    /**
     * This volume as found now, keeping what its creation asked for and libvirt keeps in the volume's definition
     * until the pool is refreshed: the cluster size, which no probe reads back.
     */
    public Volume keeping(long clusterSize) {
        if (clusterSize <= 0 || target.clusterSize() == clusterSize) {
            return this;
        }
        Target t = new Target(target.path(), target.format(), target.mode(), target.uid(), target.gid(),
                target.times(), target.compat(), clusterSize, target.features());
        return new Volume(pool, name, key, type, capacity, allocation, physical, t, backing);
    }

    public StorageVolRef ref() {
        return new StorageVolRef(pool, name, key);
    }

    public String path() {
        return target.path();
    }
}
