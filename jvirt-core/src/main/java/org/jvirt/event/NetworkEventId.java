package org.jvirt.event;

/** The kinds of network event. libvirt's {@code virNetworkEventID}, same values. */
public enum NetworkEventId {
    LIFECYCLE(0);

    private final int code;

    NetworkEventId(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static NetworkEventId fromCode(int code, NetworkEventId fallback) {
        for (NetworkEventId v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
