package org.jvirt.flags;

import org.jvirt.BitFlag;

/**
 * Filters for listing checkpoints. libvirt's {@code virDomainCheckpointListFlags}, same values: ROOTS (when listing a
 * domain's) and DESCENDANTS (when listing a checkpoint's children) share a bit.
 */
public enum CheckpointListFlag implements BitFlag {
    ROOTS(1),
    DESCENDANTS(1),
    TOPOLOGICAL(2),
    LEAVES(4),
    NO_LEAVES(8);

    private final int bit;

    CheckpointListFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
