package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a network's XML shows. libvirt's {@code virNetworkXMLFlags}, same values. */
public enum NetworkXMLFlag implements BitFlag {
    INACTIVE(1);

    private final int bit;

    NetworkXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
