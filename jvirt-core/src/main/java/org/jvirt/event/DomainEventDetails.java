package org.jvirt.event;

/**
 * The names of lifecycle event types and details as virsh prints them ({@code virsh event}), e.g.
 * "Stopped Destroyed". Indexed by libvirt's integers.
 */
public final class DomainEventDetails {

    private static final String[] TYPES = {
        "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown", "PMSuspended", "Crashed"
    };

    private static final String[][] DETAILS = {
        {"Added", "Updated", "Renamed", "Snapshot"},
        {"Removed", "Renamed"},
        {"Booted", "Migrated", "Restored", "Snapshot", "Event wakeup"},
        {"Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error", "Post-copy",
            "Post-copy Error"},
        {"Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error"},
        {"Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot"},
        {"Finished", "Finished after guest request", "Finished after host request"},
        {"Memory", "Disk"},
        {"Panicked", "Crashloaded"},
    };

    private DomainEventDetails() {
    }

    public static String typeName(DomainEventType type) {
        return TYPES[type.code()];
    }

    /** The detail's name for its type; "unknown" for a value this version does not know. */
    public static String name(DomainEventType type, int detail) {
        String[] names = DETAILS[type.code()];
        return detail >= 0 && detail < names.length ? names[detail] : "unknown";
    }
}
