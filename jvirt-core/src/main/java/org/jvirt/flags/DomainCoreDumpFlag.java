package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How a domain's core is dumped. libvirt's {@code virDomainCoreDumpFlags} (VIR_DUMP_*), same values. */
public enum DomainCoreDumpFlag implements BitFlag {
    CRASH(1),
    LIVE(2),
    BYPASS_CACHE(4),
    RESET(8),
    MEMORY_ONLY(16);

    private final int bit;

    DomainCoreDumpFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
