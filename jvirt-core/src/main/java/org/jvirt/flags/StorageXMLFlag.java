package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a storage pool's XML shows. libvirt's {@code virStorageXMLFlags}, same values. */
public enum StorageXMLFlag implements BitFlag {
    INACTIVE(1);

    private final int bit;

    StorageXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
