package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a snapshot deletion removes. libvirt's {@code virDomainSnapshotDeleteFlags}, same values. */
public enum SnapshotDeleteFlag implements BitFlag {
    CHILDREN(1),
    METADATA_ONLY(2),
    CHILDREN_ONLY(4);

    private final int bit;

    SnapshotDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
