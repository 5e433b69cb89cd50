package org.jvirt.event;

/** The kinds of domain event a client can subscribe to. libvirt's {@code virDomainEventID}, same values. */
public enum DomainEventId {
    LIFECYCLE(0),
    REBOOT(1),
    RTC_CHANGE(2),
    WATCHDOG(3),
    IO_ERROR(4),
    GRAPHICS(5),
    IO_ERROR_REASON(6),
    CONTROL_ERROR(7),
    BLOCK_JOB(8),
    DISK_CHANGE(9),
    TRAY_CHANGE(10),
    PMWAKEUP(11),
    PMSUSPEND(12),
    BALLOON_CHANGE(13),
    PMSUSPEND_DISK(14),
    DEVICE_REMOVED(15),
    BLOCK_JOB_2(16),
    TUNABLE(17),
    AGENT_LIFECYCLE(18),
    DEVICE_ADDED(19),
    MIGRATION_ITERATION(20),
    JOB_COMPLETED(21),
    DEVICE_REMOVAL_FAILED(22),
    METADATA_CHANGE(23),
    BLOCK_THRESHOLD(24),
    MEMORY_FAILURE(25),
    MEMORY_DEVICE_SIZE_CHANGE(26);

    private final int code;

    DomainEventId(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static DomainEventId fromCode(int code, DomainEventId fallback) {
        for (DomainEventId v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
