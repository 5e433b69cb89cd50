package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What virStorageVolGetInfoFlags reports as allocation. libvirt's {@code virStorageVolInfoFlags}, same values. */
public enum StorageVolInfoFlag implements BitFlag {
    /** The physical size of the volume (the file's size, a device's end) rather than its allocation. */
    GET_PHYSICAL(1);

    private final int bit;

    StorageVolInfoFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
