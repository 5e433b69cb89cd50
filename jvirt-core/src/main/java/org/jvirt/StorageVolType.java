package org.jvirt;

/** The type of a storage volume. libvirt's {@code virStorageVolType}, same values. */
public enum StorageVolType {
    FILE(0),
    BLOCK(1),
    DIR(2),
    NETWORK(3),
    NETDIR(4),
    PLOOP(5);

    private final int code;

    StorageVolType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static StorageVolType fromCode(int code, StorageVolType fallback) {
        for (StorageVolType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
