package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Filters for listing snapshots. libvirt's {@code virDomainSnapshotListFlags}, same values. */
public enum SnapshotListFlag implements BitFlag {
    ROOTS(1),
    DESCENDANTS(1),
    LEAVES(4),
    NO_LEAVES(8),
    METADATA(2),
    NO_METADATA(16),
    INACTIVE(32),
    ACTIVE(64),
    DISK_ONLY(128),
    INTERNAL(256),
    EXTERNAL(512),
    TOPOLOGICAL(1024);

    private final int bit;

    SnapshotListFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
