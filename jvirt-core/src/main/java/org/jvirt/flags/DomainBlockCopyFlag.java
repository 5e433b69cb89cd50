package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockCopyFlags}, same values. */
public enum DomainBlockCopyFlag implements BitFlag {
    SHALLOW(1),
    REUSE_EXT(2),
    TRANSIENT_JOB(4),
    SYNCHRONOUS_WRITES(8);

    private final int bit;

    DomainBlockCopyFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
