package org.jvirt.driver.qemu.domain;

import java.util.Set;
import org.jvirt.DomainState;
import org.jvirt.flags.ListDomainsFlag;

/**
 * virConnectListAllDomains' filter: each group of flags (active/inactive, persistent/transient, state, managed
 * save, autostart, snapshot, checkpoint) filters only when one of its flags is given.
 */
public final class DomainFilter {

    private DomainFilter() {
    }

    public static boolean matches(DomainObj d, boolean hasManagedSave, boolean hasSnapshot, Set<ListDomainsFlag> f) {
        return matches(d, hasManagedSave, hasSnapshot, false, f);
    }

    public static boolean matches(DomainObj d, boolean hasManagedSave, boolean hasSnapshot, boolean hasCheckpoint,
                                  Set<ListDomainsFlag> f) {
        DomainState s = d.state().state();
        return group(f, ListDomainsFlag.ACTIVE, d.isActive(), ListDomainsFlag.INACTIVE, !d.isActive())
                && group(f, ListDomainsFlag.PERSISTENT, d.persistent(), ListDomainsFlag.TRANSIENT, !d.persistent())
                && state(f, s)
                && group(f, ListDomainsFlag.MANAGEDSAVE, hasManagedSave, ListDomainsFlag.NO_MANAGEDSAVE,
                        !hasManagedSave)
                && group(f, ListDomainsFlag.AUTOSTART, d.autostart(), ListDomainsFlag.NO_AUTOSTART, !d.autostart())
                && group(f, ListDomainsFlag.HAS_SNAPSHOT, hasSnapshot, ListDomainsFlag.NO_SNAPSHOT, !hasSnapshot)
                && group(f, ListDomainsFlag.HAS_CHECKPOINT, hasCheckpoint, ListDomainsFlag.NO_CHECKPOINT,
                        !hasCheckpoint);
    }

    private static boolean group(Set<ListDomainsFlag> f, ListDomainsFlag yes, boolean isYes, ListDomainsFlag no,
            boolean isNo) {
        boolean y = f.contains(yes);
        boolean n = f.contains(no);
        return (!y && !n) || (y && isYes) || (n && isNo);
    }

    private static boolean state(Set<ListDomainsFlag> f, DomainState s) {
        boolean running = f.contains(ListDomainsFlag.RUNNING);
        boolean paused = f.contains(ListDomainsFlag.PAUSED);
        boolean shutoff = f.contains(ListDomainsFlag.SHUTOFF);
        boolean other = f.contains(ListDomainsFlag.OTHER);
        if (!running && !paused && !shutoff && !other) {
            return true;
        }
        return (running && s == DomainState.RUNNING) || (paused && s == DomainState.PAUSED)
                || (shutoff && s == DomainState.SHUTOFF)
                || (other && s != DomainState.RUNNING && s != DomainState.PAUSED && s != DomainState.SHUTOFF);
    }
}
