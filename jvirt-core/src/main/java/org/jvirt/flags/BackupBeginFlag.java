package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How a backup job starts. libvirt's {@code virDomainBackupBeginFlags}, same values. */
public enum BackupBeginFlag implements BitFlag {
    /** Reuse the target files the caller made. */
    REUSE_EXTERNAL(1);

    private final int bit;

    BackupBeginFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
