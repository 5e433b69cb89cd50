package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to define a domain. libvirt's {@code virDomainDefineFlags}, same values. */
public enum DomainDefineFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    DomainDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
