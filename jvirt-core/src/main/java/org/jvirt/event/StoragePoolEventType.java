package org.jvirt.event;

/** The kind of a storage pool lifecycle event. libvirt's {@code virStoragePoolEventLifecycleType}, same values. */
public enum StoragePoolEventType {
    DEFINED(0),
    UNDEFINED(1),
    STARTED(2),
    STOPPED(3),
    CREATED(4),
    DELETED(5);

    private final int code;

    StoragePoolEventType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static StoragePoolEventType fromCode(int code, StoragePoolEventType fallback) {
        for (StoragePoolEventType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
