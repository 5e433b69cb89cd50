package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to create a network. libvirt's {@code virNetworkCreateFlags}, same values. */
public enum NetworkCreateFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    NetworkCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
