package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to build a storage pool. libvirt's {@code virStoragePoolBuildFlags}, same values. */
public enum StoragePoolBuildFlag implements BitFlag {
    REPAIR(1),
    RESIZE(2),
    NO_OVERWRITE(4),
    OVERWRITE(8);

    private final int bit;

    StoragePoolBuildFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
