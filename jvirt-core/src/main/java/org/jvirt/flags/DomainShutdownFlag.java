package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Which method to shut a guest down with. libvirt's {@code virDomainShutdownFlagValues}, same values. */
public enum DomainShutdownFlag implements BitFlag {
    ACPI_POWER_BTN(1),
    GUEST_AGENT(2),
    INITCTL(4),
    SIGNAL(8),
    PARAVIRT(16);

    private final int bit;

    DomainShutdownFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
