package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Which addresses virDomainMemoryPeek reads. libvirt's {@code virDomainMemoryFlags} (VIR_MEMORY_*), same values. */
public enum DomainMemoryPeekFlag implements BitFlag {
    VIRTUAL(1),
    PHYSICAL(2);

    private final int bit;

    DomainMemoryPeekFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
