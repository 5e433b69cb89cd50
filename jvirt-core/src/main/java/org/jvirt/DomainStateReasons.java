package org.jvirt;

/**
 * Names of the reasons behind a domain's state: libvirt's virDomainRunningReason, virDomainShutoffReason and
 * the rest, indexed by state and reason number. virsh prints these names ({@code domstate --reason}).
 */
public final class DomainStateReasons {

    private static final String[][] NAMES = {
            {"unknown"},
            {"unknown", "booted", "migrated", "restored", "from-snapshot", "unpaused", "migration-canceled", "save-canceled", "wakeup", "crashed", "postcopy", "postcopy-failed"},
            {"unknown"},
            {"unknown", "user", "migration", "save", "dump", "ioerror", "watchdog", "from-snapshot", "shutting-down", "snapshot", "crashed", "starting-up", "postcopy", "postcopy-failed"},
            {"unknown", "user"},
            {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from-snapshot", "daemon"},
            {"unknown", "panicked"},
            {"unknown"}
    };

    private DomainStateReasons() {
    }

    /** The reason's name, e.g. "booted"; "unknown" for a number this version does not know. */
    public static String name(DomainState state, int reason) {
        String[] names = NAMES[state.code()];
        return reason >= 0 && reason < names.length ? names[reason] : "unknown";
    }

    /** The number of a reason name for a state, or -1. */
    public static int code(DomainState state, String name) {
        String[] names = NAMES[state.code()];
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
