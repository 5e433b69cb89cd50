package org.jvirt;

/** The state of a domain. libvirt's {@code virDomainState}, same values. */
public enum DomainState {
    NOSTATE(0),
    RUNNING(1),
    BLOCKED(2),
    PAUSED(3),
    SHUTDOWN(4),
    SHUTOFF(5),
    CRASHED(6),
    PMSUSPENDED(7);

    private final int code;

    DomainState(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static DomainState fromCode(int code, DomainState fallback) {
        for (DomainState v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
