package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How a checkpoint is created. libvirt's {@code virDomainCheckpointCreateFlags}, same values. */
public enum CheckpointCreateFlag implements BitFlag {
    /** Restore or alter the metadata of a checkpoint taken earlier. */
    REDEFINE(1),
    /** Quiesce the guest's file systems through its agent first. */
    QUIESCE(2),
    /** With REDEFINE: check that the disks still hold the checkpoint's bitmaps. */
    REDEFINE_VALIDATE(4);

    private final int bit;

    CheckpointCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
