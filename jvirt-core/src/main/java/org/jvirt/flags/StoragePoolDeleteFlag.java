package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to delete a storage pool. libvirt's {@code virStoragePoolDeleteFlags}, same values. */
public enum StoragePoolDeleteFlag implements BitFlag {
    ZEROED(1);

    private final int bit;

    StoragePoolDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
