package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to open a connection. libvirt's {@code virConnectFlags}, same values. */
public enum ConnectFlag implements BitFlag {
    RO(1),
    NO_ALIASES(2);

    private final int bit;

    ConnectFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
