package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to delete a volume. libvirt's {@code virStorageVolDeleteFlags}, same values. */
public enum StorageVolDeleteFlag implements BitFlag {
    ZEROED(1),
    WITH_SNAPSHOTS(2);

    private final int bit;

    StorageVolDeleteFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
