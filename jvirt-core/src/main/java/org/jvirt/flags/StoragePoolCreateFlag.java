package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to start a storage pool. libvirt's {@code virStoragePoolCreateFlags}, same values. */
public enum StoragePoolCreateFlag implements BitFlag {
    WITH_BUILD(1),
    WITH_BUILD_OVERWRITE(2),
    WITH_BUILD_NO_OVERWRITE(4);

    private final int bit;

    StoragePoolCreateFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
