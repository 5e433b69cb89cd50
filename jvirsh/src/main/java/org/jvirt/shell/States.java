package org.jvirt.shell;

import org.jvirt.DomainState;

/** The words virsh prints for domain states and their reasons (virsh-domain-monitor.c). */
final class States {

    private static final String[] STATES = {
        "no state", "running", "idle", "paused", "in shutdown", "shut off", "crashed", "pmsuspended"
    };

    private static final String[][] REASONS = {
        {"unknown"},
        {"unknown", "booted", "migrated", "restored", "from snapshot", "unpaused", "migration canceled",
            "save canceled", "event wakeup", "crashed", "post-copy", "post-copy failed"},
        {"unknown"},
        {"unknown", "user", "migrating", "saving", "dumping", "I/O error", "watchdog", "from snapshot",
            "shutting down", "creating snapshot", "crashed", "starting up", "post-copy", "post-copy failed"},
        {"unknown", "user"},
        {"unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from snapshot", "daemon"},
        {"unknown", "panicked"},
        {"unknown"},
    };

    private States() {
    }

    static String state(DomainState s) {
        return STATES[s.code()];
    }

    static String reason(DomainState s, int reason) {
        String[] r = REASONS[s.code()];
        return reason >= 0 && reason < r.length ? r[reason] : "unknown";
    }
}
