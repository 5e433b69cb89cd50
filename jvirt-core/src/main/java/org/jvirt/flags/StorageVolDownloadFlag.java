package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to download a volume. libvirt's {@code virStorageVolDownloadFlags}, same values. */
public enum StorageVolDownloadFlag implements BitFlag {
    SPARSE_STREAM(1);

    private final int bit;

    StorageVolDownloadFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
