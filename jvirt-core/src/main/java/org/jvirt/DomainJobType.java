package org.jvirt;

/** The kind of a domain's background job. libvirt's {@code virDomainJobType}, same values. */
public enum DomainJobType {
    NONE(0),
    BOUNDED(1),
    UNBOUNDED(2),
    COMPLETED(3),
    FAILED(4),
    CANCELLED(5);

    private final int code;

    DomainJobType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static DomainJobType fromCode(int code, DomainJobType fallback) {
        for (DomainJobType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
