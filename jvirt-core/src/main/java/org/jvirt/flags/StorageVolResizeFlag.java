package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to resize a volume. libvirt's {@code virStorageVolResizeFlags}, same values. */
public enum StorageVolResizeFlag implements BitFlag {
    ALLOCATE(1),
    DELTA(2),
    SHRINK(4);

    private final int bit;

    StorageVolResizeFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
