package org.jvirt.event;

/** The kinds of node device event. libvirt's {@code virNodeDeviceEventID}, same values. */
public enum NodeDeviceEventId {
    LIFECYCLE(0),
    UPDATE(1);

    private final int code;

    NodeDeviceEventId(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static NodeDeviceEventId fromCode(int code, NodeDeviceEventId fallback) {
        for (NodeDeviceEventId v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
