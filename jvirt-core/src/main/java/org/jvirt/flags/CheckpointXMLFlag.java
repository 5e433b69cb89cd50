package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a checkpoint's XML shows. libvirt's {@code virDomainCheckpointXMLFlags}, same values. */
public enum CheckpointXMLFlag implements BitFlag {
    /** Security-sensitive parts of the embedded domain (refused on a read-only connection). */
    SECURE(1),
    /** Leave out the embedded {@code <domain>}. */
    NO_DOMAIN(2),
    /** Each bitmap disk's current dirty size estimate ({@code size=}). */
    SIZE(4);

    private final int bit;

    CheckpointXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
