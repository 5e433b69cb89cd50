package org.jvirt;

/** What a network update does. libvirt's {@code virNetworkUpdateCommand}, same values. */
public enum NetworkUpdateCommand {
    NONE(0),
    MODIFY(1),
    DELETE(2),
    ADD_LAST(3),
    ADD_FIRST(4);

    private final int code;

    NetworkUpdateCommand(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static NetworkUpdateCommand fromCode(int code, NetworkUpdateCommand fallback) {
        for (NetworkUpdateCommand v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
