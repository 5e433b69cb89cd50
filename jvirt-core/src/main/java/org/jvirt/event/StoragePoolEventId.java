package org.jvirt.event;

/** The kinds of storage pool event. libvirt's {@code virStoragePoolEventID}, same values. */
public enum StoragePoolEventId {
    LIFECYCLE(0),
    REFRESH(1);

    private final int code;

    StoragePoolEventId(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static StoragePoolEventId fromCode(int code, StoragePoolEventId fallback) {
        for (StoragePoolEventId v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
