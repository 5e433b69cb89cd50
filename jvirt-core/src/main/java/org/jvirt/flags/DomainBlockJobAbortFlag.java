package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How virDomainBlockJobAbort ends a job. libvirt's {@code virDomainBlockJobAbortFlags}, same values. */
public enum DomainBlockJobAbortFlag implements BitFlag {
    ASYNC(1),
    PIVOT(2);

    private final int bit;

    DomainBlockJobAbortFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
