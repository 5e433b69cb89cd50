package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a snapshot's XML shows. libvirt's {@code virDomainSnapshotXMLFlags}, same values. */
public enum SnapshotXMLFlag implements BitFlag {
    SECURE(1);

    private final int bit;

    SnapshotXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
