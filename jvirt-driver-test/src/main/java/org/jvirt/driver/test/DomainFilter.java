package org.jvirt.driver.test;

import java.util.Set;
import org.jvirt.DomainState;
import org.jvirt.flags.DomainStatsFlag;
import org.jvirt.flags.ListDomainsFlag;

/**
 * virDomainObjListFilter: each group of list flags (active/inactive, persistent/transient, state, managed save,
 * autostart, snapshots, checkpoints) filters only when at least one flag of the group is given.
 */
final class DomainFilter {

    private DomainFilter() {
    }

    static boolean matches(DomainObj d, Set<ListDomainsFlag> f) {
        return group(f, ListDomainsFlag.ACTIVE, d.isActive(), ListDomainsFlag.INACTIVE, !d.isActive())
                && group(f, ListDomainsFlag.PERSISTENT, d.persistent, ListDomainsFlag.TRANSIENT, !d.persistent)
                && state(f.contains(ListDomainsFlag.RUNNING), f.contains(ListDomainsFlag.PAUSED),
                        f.contains(ListDomainsFlag.SHUTOFF), f.contains(ListDomainsFlag.OTHER), d.state)
                && group(f, ListDomainsFlag.MANAGEDSAVE, d.hasManagedSave, ListDomainsFlag.NO_MANAGEDSAVE,
                        !d.hasManagedSave)
                && group(f, ListDomainsFlag.AUTOSTART, d.autostart, ListDomainsFlag.NO_AUTOSTART, !d.autostart)
                && group(f, ListDomainsFlag.HAS_SNAPSHOT, d.snapshots.size() > 0, ListDomainsFlag.NO_SNAPSHOT,
                        d.snapshots.size() == 0)
                && group(f, ListDomainsFlag.HAS_CHECKPOINT, d.checkpoints.size() > 0, ListDomainsFlag.NO_CHECKPOINT,
                        d.checkpoints.size() == 0);
    }

    static boolean matchesStats(DomainObj d, Set<DomainStatsFlag> f) {
        boolean a = f.contains(DomainStatsFlag.ACTIVE);
        boolean i = f.contains(DomainStatsFlag.INACTIVE);
        boolean p = f.contains(DomainStatsFlag.PERSISTENT);
        boolean t = f.contains(DomainStatsFlag.TRANSIENT);
        return ((!a && !i) || (a && d.isActive()) || (i && !d.isActive()))
                && ((!p && !t) || (p && d.persistent) || (t && !d.persistent))
                && state(f.contains(DomainStatsFlag.RUNNING), f.contains(DomainStatsFlag.PAUSED),
                f.contains(DomainStatsFlag.SHUTOFF), f.contains(DomainStatsFlag.OTHER), d.state);
    }

    private static boolean group(Set<ListDomainsFlag> f, ListDomainsFlag yes, boolean isYes, ListDomainsFlag no,
                                 boolean isNo) {
        boolean y = f.contains(yes);
        boolean n = f.contains(no);
        return (!y && !n) || (y && isYes) || (n && isNo);
    }

    private static boolean state(boolean running, boolean paused, boolean shutoff, boolean other, DomainState s) {
        if (!running && !paused && !shutoff && !other) {
            return true;
        }
        return (running && s == DomainState.RUNNING) || (paused && s == DomainState.PAUSED)
                || (shutoff && s == DomainState.SHUTOFF)
                || (other && s != DomainState.RUNNING && s != DomainState.PAUSED && s != DomainState.SHUTOFF);
    }
}
