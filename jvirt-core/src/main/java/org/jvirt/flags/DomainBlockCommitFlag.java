package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockCommitFlags}, same values. */
public enum DomainBlockCommitFlag implements BitFlag {
    SHALLOW(1),
    DELETE(2),
    ACTIVE(4),
    RELATIVE(8),
    BANDWIDTH_BYTES(16);

    private final int bit;

    DomainBlockCommitFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
