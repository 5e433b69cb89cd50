package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to save or restore a domain. libvirt's {@code virDomainSaveRestoreFlags}, same values. */
public enum DomainSaveRestoreFlag implements BitFlag {
    BYPASS_CACHE(1),
    RUNNING(2),
    PAUSED(4),
    RESET_NVRAM(8);

    private final int bit;

    DomainSaveRestoreFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
