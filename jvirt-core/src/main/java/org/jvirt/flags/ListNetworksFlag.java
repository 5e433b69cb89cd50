package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Filters for listing networks. libvirt's {@code virConnectListAllNetworksFlags}, same values. */
public enum ListNetworksFlag implements BitFlag {
    INACTIVE(1),
    ACTIVE(2),
    PERSISTENT(4),
    TRANSIENT(8),
    AUTOSTART(16),
    NO_AUTOSTART(32);

    private final int bit;

    ListNetworksFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
