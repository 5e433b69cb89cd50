package org.jvirt.driver.storage.pool;

import java.util.Objects;

/**
 * virStoragePoolObjSourceFindDuplicate's rule of one source per pool: two pools of one kind may not use the same
 * directory, device, export or volume group.
 */
public final class PoolSourceConflict {

    private PoolSourceConflict() {
    }

    public static boolean conflict(PoolDef a, PoolDef b) {
        if (a.type() != b.type()) {
            // a dir, fs and netfs pool must still not share a target directory
            return a.type().fileBased() && b.type().fileBased() && a.targetPath() != null
                    && a.targetPath().equals(b.targetPath());
        }
        return switch (a.type()) {
            case DIR -> Objects.equals(a.targetPath(), b.targetPath());
            case FS, DISK -> !a.devices().isEmpty() && a.devices().equals(b.devices())
                    || Objects.equals(a.targetPath(), b.targetPath()) && a.type() == PoolType.FS;
            case NETFS -> Objects.equals(a.sourceDir(), b.sourceDir()) && a.hosts().equals(b.hosts())
                    || Objects.equals(a.targetPath(), b.targetPath());
            case LOGICAL, ZFS, RBD, SHEEPDOG, GLUSTER, VSTORAGE -> Objects.equals(a.sourceName(), b.sourceName());
            case ISCSI, ISCSI_DIRECT -> a.hosts().equals(b.hosts()) && a.devices().equals(b.devices());
            default -> false;
        };
    }
}
