package org.jvirt.driver.qemu.lifecycle;

/**
 * libvirt's state reasons and lifecycle event details that this driver raises, by their libvirt names (the
 * numbers cross the wire, so they are libvirt's).
 */
final class Reasons {

    // virDomainRunningReason
    static final int RUNNING_BOOTED = 1;
    static final int RUNNING_MIGRATED = 2;
    static final int RUNNING_RESTORED = 3;
    static final int RUNNING_UNPAUSED = 5;
    static final int RUNNING_MIGRATION_CANCELED = 6;
    static final int RUNNING_CRASHED = 9;
    // virDomainPausedReason
    static final int PAUSED_UNKNOWN = 0;
    static final int PAUSED_USER = 1;
    static final int PAUSED_MIGRATION = 2;
    static final int PAUSED_SAVE = 3;
    static final int PAUSED_IOERROR = 5;
    static final int PAUSED_STARTING_UP = 11;
    // virDomainShutdownReason
    static final int SHUTDOWN_USER = 1;
    // virDomainShutoffReason
    static final int SHUTOFF_UNKNOWN = 0;
    static final int SHUTOFF_SHUTDOWN = 1;
    static final int SHUTOFF_DESTROYED = 2;
    static final int SHUTOFF_CRASHED = 3;
    static final int SHUTOFF_MIGRATED = 4;
    static final int SHUTOFF_SAVED = 5;
    static final int SHUTOFF_FAILED = 6;
    static final int SHUTOFF_DAEMON = 8;
    // virDomainCrashedReason
    static final int CRASHED_PANICKED = 1;

    // virDomainEventStartedDetailType
    static final int STARTED_BOOTED = 0;
    static final int STARTED_MIGRATED = 1;
    static final int STARTED_RESTORED = 2;
    // virDomainEventSuspendedDetailType
    static final int SUSPENDED_PAUSED = 0;
    static final int SUSPENDED_MIGRATED = 1;
    static final int SUSPENDED_IOERROR = 2;
    static final int SUSPENDED_RESTORED = 4;
    // virDomainEventResumedDetailType
    static final int RESUMED_UNPAUSED = 0;
    static final int RESUMED_MIGRATED = 1;
    // virDomainEventStoppedDetailType
    static final int STOPPED_SHUTDOWN = 0;
    static final int STOPPED_DESTROYED = 1;
    static final int STOPPED_CRASHED = 2;
    static final int STOPPED_MIGRATED = 3;
    static final int STOPPED_SAVED = 4;
    static final int STOPPED_FAILED = 5;
    // virDomainEventShutdownDetailType
    static final int SHUTDOWN_FINISHED = 0;
    static final int SHUTDOWN_GUEST = 1;
    static final int SHUTDOWN_HOST = 2;
    // virDomainEventCrashedDetailType
    static final int CRASHED_EVENT_PANICKED = 0;

    private Reasons() {
    }
}
