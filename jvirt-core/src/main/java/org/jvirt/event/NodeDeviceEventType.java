package org.jvirt.event;

/** The kind of a node device lifecycle event. libvirt's {@code virNodeDeviceEventLifecycleType}, same values. */
public enum NodeDeviceEventType {
    CREATED(0),
    DELETED(1),
    DEFINED(2),
    UNDEFINED(3);

    private final int code;

    NodeDeviceEventType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static NodeDeviceEventType fromCode(int code, NodeDeviceEventType fallback) {
        for (NodeDeviceEventType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
