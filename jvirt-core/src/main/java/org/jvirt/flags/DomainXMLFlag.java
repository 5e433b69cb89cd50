package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a domain's XML description shows. libvirt's {@code virDomainXMLFlags}, same values. */
public enum DomainXMLFlag implements BitFlag {
    SECURE(1),
    INACTIVE(2),
    UPDATE_CPU(4),
    MIGRATABLE(8);

    private final int bit;

    DomainXMLFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
