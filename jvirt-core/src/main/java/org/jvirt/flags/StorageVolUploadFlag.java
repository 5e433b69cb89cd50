package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to upload a volume. libvirt's {@code virStorageVolUploadFlags}, same values. */
public enum StorageVolUploadFlag implements BitFlag {
    SPARSE_STREAM(1);

    private final int bit;

    StorageVolUploadFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
