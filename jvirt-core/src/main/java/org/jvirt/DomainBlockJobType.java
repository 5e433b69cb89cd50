package org.jvirt;

/** The kind of a block job. libvirt's {@code virDomainBlockJobType}, same values. */
public enum DomainBlockJobType {
    UNKNOWN(0),
    PULL(1),
    COPY(2),
    COMMIT(3),
    ACTIVE_COMMIT(4),
    BACKUP(5);

    private final int code;

    DomainBlockJobType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer; UNKNOWN for a value this version does not know. */
    public static DomainBlockJobType fromCode(int code) {
        for (DomainBlockJobType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return UNKNOWN;
    }
}
