package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Groups of bulk domain statistics. libvirt's {@code virDomainStatsTypes}, same values. */
public enum DomainStatsType implements BitFlag {
    STATE(1),
    CPU_TOTAL(2),
    BALLOON(4),
    VCPU(8),
    INTERFACE(16),
    BLOCK(32),
    PERF(64),
    IOTHREAD(128),
    MEMORY(256),
    DIRTYRATE(512),
    VM(1024);

    private final int bit;

    DomainStatsType(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
