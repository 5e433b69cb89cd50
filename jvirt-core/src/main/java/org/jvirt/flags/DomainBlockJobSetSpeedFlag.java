package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockJobSetSpeedFlags}: the bandwidth is in bytes/s, not MiB/s. */
public enum DomainBlockJobSetSpeedFlag implements BitFlag {
    BANDWIDTH_BYTES(1);

    private final int bit;

    DomainBlockJobSetSpeedFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
