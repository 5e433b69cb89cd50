package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to start a domain. libvirt's {@code virDomainCreateFlags}, same values. */
public enum DomainCreateFlag implements BitFlag {
    START_PAUSED(1),
    START_AUTODESTROY(2),
    START_BYPASS_CACHE(4),
    START_FORCE_BOOT(8),
    START_VALIDATE(16),
    START_RESET_NVRAM(32);

    private final int bit;

    DomainCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
