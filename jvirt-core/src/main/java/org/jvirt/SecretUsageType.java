package org.jvirt;

/** What a secret is used for. libvirt's {@code virSecretUsageType}, same values. */
public enum SecretUsageType {
    NONE(0),
    VOLUME(1),
    CEPH(2),
    ISCSI(3),
    TLS(4),
    VTPM(5);

    private final int code;

    SecretUsageType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static SecretUsageType fromCode(int code, SecretUsageType fallback) {
        for (SecretUsageType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
