package org.jvirt;

/** The state of a storage pool. libvirt's {@code virStoragePoolState}, same values. */
public enum StoragePoolState {
    INACTIVE(0),
    BUILDING(1),
    RUNNING(2),
    DEGRADED(3),
    INACCESSIBLE(4);

    private final int code;

    StoragePoolState(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static StoragePoolState fromCode(int code, StoragePoolState fallback) {
        for (StoragePoolState v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
