package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to define a storage pool. libvirt's {@code virStoragePoolDefineFlags}, same values. */
public enum StoragePoolDefineFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    StoragePoolDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
