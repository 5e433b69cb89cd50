package org.jvirt.flags;

import org.jvirt.BitFlag;

/** libvirt's {@code virDomainBlockResizeFlags}: the size is in bytes, not KiB. */
public enum DomainBlockResizeFlag implements BitFlag {
    BYTES(1);

    private final int bit;

    DomainBlockResizeFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
