package org.jvirt.flags;

import org.jvirt.BitFlag;

/** virDomainGetJobStatsFlags: the last completed job instead of the running one, and whether to keep it. */
public enum DomainGetJobStatsFlag implements BitFlag {
    COMPLETED(1),
    KEEP_COMPLETED(2);

    private final int bit;

    DomainGetJobStatsFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
