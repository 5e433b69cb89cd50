package org.jvirt.event;

/** The kinds of secret event. libvirt's {@code virSecretEventID}, same values. */
public enum SecretEventId {
    LIFECYCLE(0),
    VALUE_CHANGED(1);

    private final int code;

    SecretEventId(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static SecretEventId fromCode(int code, SecretEventId fallback) {
        for (SecretEventId v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
