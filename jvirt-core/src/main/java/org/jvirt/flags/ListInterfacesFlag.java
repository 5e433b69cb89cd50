package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Filters for listing host interfaces. libvirt's {@code virConnectListAllInterfacesFlags}, same values. */
public enum ListInterfacesFlag implements BitFlag {
    INACTIVE(1),
    ACTIVE(2);

    private final int bit;

    ListInterfacesFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
