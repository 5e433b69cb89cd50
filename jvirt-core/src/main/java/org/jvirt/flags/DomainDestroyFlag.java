package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to destroy a domain. libvirt's {@code virDomainDestroyFlagsValues}, same values. */
public enum DomainDestroyFlag implements BitFlag {
    GRACEFUL(1),
    REMOVE_LOGS(2);

    private final int bit;

    DomainDestroyFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
