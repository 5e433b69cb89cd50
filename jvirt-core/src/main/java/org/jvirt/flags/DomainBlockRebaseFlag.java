package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockRebaseFlags}, same values. */
public enum DomainBlockRebaseFlag implements BitFlag {
    SHALLOW(1),
    REUSE_EXT(2),
    COPY_RAW(4),
    COPY(8),
    RELATIVE(16),
    COPY_DEV(32),
    BANDWIDTH_BYTES(64);

    private final int bit;

    DomainBlockRebaseFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
