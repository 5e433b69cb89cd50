package org.jvirt.event;

/** The kind of a network lifecycle event. libvirt's {@code virNetworkEventLifecycleType}, same values. */
public enum NetworkEventType {
    DEFINED(0),
    UNDEFINED(1),
    STARTED(2),
    STOPPED(3);

    private final int code;

    NetworkEventType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static NetworkEventType fromCode(int code, NetworkEventType fallback) {
        for (NetworkEventType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
