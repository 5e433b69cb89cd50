package org.jvirt.driver.storage.pool;

import java.util.List;
import java.util.Set;
import org.jvirt.flags.ListStoragePoolsFlag;

/**
 * libvirt's pool types (virStoragePoolType, same order) with what their {@code <source>} carries and their
 * default source format (storage_conf.c's poolTypeInfo): one home for these facts.
 */
public enum PoolType {
    DIR("dir", ListStoragePoolsFlag.DIR, Set.of(), null, List.of()),
    FS("fs", ListStoragePoolsFlag.FS, Set.of(Src.DEVICE), "auto",
            List.of("auto", "ext2", "ext3", "ext4", "ufs", "iso9660", "udf", "gfs", "gfs2", "vfat", "hfs+", "xfs",
                    "ocfs2", "vmfs")),
    NETFS("netfs", ListStoragePoolsFlag.NETFS, Set.of(Src.HOST, Src.DIR), "auto",
            List.of("auto", "nfs", "glusterfs", "cifs")),
    LOGICAL("logical", ListStoragePoolsFlag.LOGICAL, Set.of(Src.NAME, Src.DEVICE), "lvm2",
            List.of("unknown", "lvm2")),
    DISK("disk", ListStoragePoolsFlag.DISK, Set.of(Src.DEVICE), "unknown",
            List.of("unknown", "dos", "dvh", "gpt", "mac", "bsd", "pc98", "sun", "lvm2")),
    ISCSI("iscsi", ListStoragePoolsFlag.ISCSI, Set.of(Src.HOST, Src.DEVICE, Src.INITIATOR), null, List.of()),
    ISCSI_DIRECT("iscsi-direct", ListStoragePoolsFlag.ISCSI_DIRECT,
            Set.of(Src.HOST, Src.DEVICE, Src.NETWORK, Src.INITIATOR), null, List.of()),
    SCSI("scsi", ListStoragePoolsFlag.SCSI, Set.of(Src.ADAPTER), null, List.of()),
    MPATH("mpath", ListStoragePoolsFlag.MPATH, Set.of(), null, List.of()),
    RBD("rbd", ListStoragePoolsFlag.RBD, Set.of(Src.HOST, Src.NETWORK, Src.NAME), null, List.of()),
    SHEEPDOG("sheepdog", ListStoragePoolsFlag.SHEEPDOG, Set.of(Src.HOST, Src.NETWORK, Src.NAME), null, List.of()),
    GLUSTER("gluster", ListStoragePoolsFlag.GLUSTER, Set.of(Src.HOST, Src.NETWORK, Src.NAME, Src.DIR), null,
            List.of()),
    ZFS("zfs", ListStoragePoolsFlag.ZFS, Set.of(Src.NAME, Src.DEVICE), null, List.of()),
    VSTORAGE("vstorage", ListStoragePoolsFlag.VSTORAGE, Set.of(Src.NAME), null, List.of());

    /** What a pool type's {@code <source>} may carry (VIR_STORAGE_POOL_SOURCE_*). */
    public enum Src { HOST, DEVICE, DIR, ADAPTER, NAME, INITIATOR, NETWORK }

    private final String xmlName;
    private final ListStoragePoolsFlag listFlag;
    private final Set<Src> source;
    private final String defaultFormat;
    private final List<String> formats;

    PoolType(String xmlName, ListStoragePoolsFlag listFlag, Set<Src> source, String defaultFormat,
             List<String> formats) {
        this.xmlName = xmlName;
        this.listFlag = listFlag;
        this.source = source;
        this.defaultFormat = defaultFormat;
        this.formats = formats;
    }

    public String xmlName() {
        return xmlName;
    }

    public ListStoragePoolsFlag listFlag() {
        return listFlag;
    }

    public boolean has(Src s) {
        return source.contains(s);
    }

    /** The source format written when the XML gives none; null when the type has no source format. */
    public String defaultFormat() {
        return defaultFormat;
    }

    /** The source formats the type knows (virStoragePoolFormat*), empty when it has none. */
    public List<String> formats() {
        return formats;
    }

    /**
     * The volume formats of the type (its volOptions), the default first; empty when the type has none. File
     * pools take libvirt's file formats, disk pools partition types.
     */
    public List<String> volFormats() {
        return switch (this) {
            case DIR, FS, NETFS, GLUSTER, VSTORAGE -> FILE_FORMATS;
            case DISK -> List.of("none", "linux", "fat16", "fat32", "linux-swap", "linux-lvm", "linux-raid",
                    "extended");
            default -> List.of();
        };
    }

    /** The default volume format (volOptions.defaultFormat), or null. */
    public String defaultVolFormat() {
        return switch (this) {
            case DIR, FS, NETFS, GLUSTER, VSTORAGE, RBD -> "raw";
            case DISK -> "none";
            default -> null;
        };
    }

    /** virStorageFileFormat, in order. */
    private static final List<String> FILE_FORMATS = List.of("none", "raw", "dir", "bochs", "cloop", "dmg", "iso",
            "vpc", "vdi", "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk");

    /** Volumes are files in a directory (dir, fs, netfs). */
    public boolean fileBased() {
        return this == DIR || this == FS || this == NETFS;
    }

    /** The type called {@code name} in XML, or null. */
    public static PoolType of(String name) {
        for (PoolType t : values()) {
            if (t.xmlName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
