package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How virDomainAuthorizedSSHKeysSet changes the list. libvirt's {@code virDomainAuthorizedSSHKeysSetFlags}. */
public enum DomainAuthorizedSSHKeysSetFlag implements BitFlag {
    /** Add the keys to those there instead of replacing them. */
    APPEND(1),
    /** Remove the keys instead of adding them. */
    REMOVE(2);

    private final int bit;

    DomainAuthorizedSSHKeysSetFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
