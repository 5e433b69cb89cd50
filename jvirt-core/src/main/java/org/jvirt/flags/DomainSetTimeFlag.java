package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How virDomainSetTime sets the guest's clock. libvirt's {@code virDomainSetTimeFlags}, same values. */
public enum DomainSetTimeFlag implements BitFlag {
    /** Re-read the clock from the guest's RTC instead of setting a given time. */
    SYNC(1);

    private final int bit;

    DomainSetTimeFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
