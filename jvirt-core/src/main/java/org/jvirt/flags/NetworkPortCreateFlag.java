package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to create a network port. libvirt's {@code virNetworkPortCreateFlags}, same values. */
public enum NetworkPortCreateFlag implements BitFlag {
    /** Reclaim an existing port (a daemon restart re-registers the ports of running guests). */
    RECLAIM(1),
    VALIDATE(2);

    private final int bit;

    NetworkPortCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
