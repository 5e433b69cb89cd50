package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Whether a change affects the running guest, its persistent config, or both. libvirt's {@code virDomainModificationImpact}, same values. */
public enum DomainModificationImpact implements BitFlag {
    LIVE(1),
    CONFIG(2);

    private final int bit;

    DomainModificationImpact(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
