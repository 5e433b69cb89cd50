package org.jvirt.event;

/** The kind of a secret lifecycle event. libvirt's {@code virSecretEventLifecycleType}, same values. */
public enum SecretEventType {
    DEFINED(0),
    UNDEFINED(1);

    private final int code;

    SecretEventType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static SecretEventType fromCode(int code, SecretEventType fallback) {
        for (SecretEventType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
