package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to revert to a snapshot. libvirt's {@code virDomainSnapshotRevertFlags}, same values. */
public enum SnapshotRevertFlag implements BitFlag {
    RUNNING(1),
    PAUSED(2),
    FORCE(4),
    RESET_NVRAM(8);

    private final int bit;

    SnapshotRevertFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
