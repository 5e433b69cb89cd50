package org.jvirt.flags;

import org.jvirt.BitFlag;

/** virNodeAllocPagesFlags: without SET the counts are added to the pool, with it they replace it. */
public enum NodeAllocPagesFlag implements BitFlag {
    SET(1);

    private final int bit;

    NodeAllocPagesFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
