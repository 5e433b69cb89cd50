package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockPullFlags}, same values. */
public enum DomainBlockPullFlag implements BitFlag {
    BANDWIDTH_BYTES(64);

    private final int bit;

    DomainBlockPullFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
