package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Where a network update applies. libvirt's {@code virNetworkUpdateFlags}, same values. */
public enum NetworkUpdateFlag implements BitFlag {
    AFFECT_LIVE(1),
    AFFECT_CONFIG(2);

    private final int bit;

    NetworkUpdateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
