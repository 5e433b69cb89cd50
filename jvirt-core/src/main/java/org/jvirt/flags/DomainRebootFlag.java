package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Which method to reboot a guest with. libvirt's {@code virDomainRebootFlagValues}, same values. */
public enum DomainRebootFlag implements BitFlag {
    ACPI_POWER_BTN(1),
    GUEST_AGENT(2),
    INITCTL(4),
    SIGNAL(8),
    PARAVIRT(16);

    private final int bit;

    DomainRebootFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
