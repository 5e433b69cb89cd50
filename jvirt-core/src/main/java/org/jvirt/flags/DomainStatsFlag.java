package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Filters for bulk domain statistics. libvirt's {@code virConnectGetAllDomainStatsFlags}, same values. */
public enum DomainStatsFlag implements BitFlag {
    ACTIVE(1),
    INACTIVE(2),
    PERSISTENT(4),
    TRANSIENT(8),
    RUNNING(16),
    PAUSED(32),
    SHUTOFF(64),
    OTHER(128),
    NOWAIT(536870912),
    BACKING(1073741824),
    ENFORCE_STATS(0x80000000);

    private final int bit;

    DomainStatsFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
