package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Which memory setting a change affects. libvirt's {@code virDomainMemoryModFlags}, same values. */
public enum DomainMemoryModFlag implements BitFlag {
    LIVE(1),
    CONFIG(2),
    MAXIMUM(4);

    private final int bit;

    DomainMemoryModFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
