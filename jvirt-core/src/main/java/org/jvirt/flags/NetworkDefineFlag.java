package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to define a network. libvirt's {@code virNetworkDefineFlags}, same values. */
public enum NetworkDefineFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    NetworkDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
