package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockJobInfoFlags}: the bandwidth is reported in bytes/s, not MiB/s. */
public enum DomainBlockJobInfoFlag implements BitFlag {
    BANDWIDTH_BYTES(1);

    private final int bit;

    DomainBlockJobInfoFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
