package org.jvirt.event;

/** The kind of a domain lifecycle event. libvirt's {@code virDomainEventType}, same values. */
public enum DomainEventType {
    DEFINED(0),
    UNDEFINED(1),
    STARTED(2),
    SUSPENDED(3),
    RESUMED(4),
    STOPPED(5),
    SHUTDOWN(6),
    PMSUSPENDED(7),
    CRASHED(8);

    private final int code;

    DomainEventType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static DomainEventType fromCode(int code, DomainEventType fallback) {
        for (DomainEventType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
