package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a checkpoint deletion removes. libvirt's {@code virDomainCheckpointDeleteFlags}, same values. */
public enum CheckpointDeleteFlag implements BitFlag {
    CHILDREN(1),
    METADATA_ONLY(2),
    CHILDREN_ONLY(4);

    private final int bit;

    CheckpointDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
