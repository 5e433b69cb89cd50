package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Which vCPU count a call reads or changes. libvirt's {@code virDomainVcpuFlags}, same values. */
public enum DomainVcpuFlag implements BitFlag {
    LIVE(1),
    CONFIG(2),
    MAXIMUM(4),
    GUEST(8),
    HOTPLUGGABLE(16);

    private final int bit;

    DomainVcpuFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
