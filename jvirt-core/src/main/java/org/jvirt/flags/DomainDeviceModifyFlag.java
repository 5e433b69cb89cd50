package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Where a device change applies. libvirt's {@code virDomainDeviceModifyFlags}, same values. */
public enum DomainDeviceModifyFlag implements BitFlag {
    LIVE(1),
    CONFIG(2),
    FORCE(4);

    private final int bit;

    DomainDeviceModifyFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
