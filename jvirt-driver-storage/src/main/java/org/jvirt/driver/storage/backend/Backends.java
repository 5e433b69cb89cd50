package org.jvirt.driver.storage.backend;

import java.util.EnumMap;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Programs;
import org.jvirt.driver.storage.pool.PoolType;

/** The backend of each pool type (virStorageBackendForType): one table. */
public final class Backends {

    private static final Map<PoolType, Backend> TABLE = new EnumMap<>(PoolType.class);

    static {
        TABLE.put(PoolType.DIR, new DirBackend());
        TABLE.put(PoolType.FS, new FsBackend());
        TABLE.put(PoolType.NETFS, new FsBackend());
        TABLE.put(PoolType.LOGICAL, new LogicalBackend());
        TABLE.put(PoolType.DISK, new DiskBackend());
        TABLE.put(PoolType.ISCSI, new IscsiBackend());
    }

    /** The program each network or volume-manager type needs, for the error that names it. */
    private static final Map<PoolType, String> TOOLS = Map.of(PoolType.RBD, "rbd", PoolType.GLUSTER, "gluster",
            PoolType.ZFS, "zfs", PoolType.SHEEPDOG, "dog", PoolType.VSTORAGE, "vstorage",
            PoolType.ISCSI_DIRECT, "libiscsi", PoolType.MPATH, "multipath", PoolType.SCSI, "lsscsi");

    private Backends() {
    }

    /** Whether this host serves pools of {@code type} (the "supported" of the pool capabilities). */
    public static boolean supported(PoolType type) {
        return TABLE.containsKey(type);
    }

    /** The backend of {@code type}, or libvirt's error when this host cannot serve it. */
    public static Backend of(PoolType type) {
        Backend b = TABLE.get(type);
        if (b != null) {
            return b;
        }
        String tool = TOOLS.get(type);
        if (tool != null && Programs.find(tool).isEmpty()) {
            return new MissingToolBackend(type.xmlName(), tool);
        }
        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "missing backend for pool type %d (%s)",
                type.ordinal(), type.xmlName());
    }
}
