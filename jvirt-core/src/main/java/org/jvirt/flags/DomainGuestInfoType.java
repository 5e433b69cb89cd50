package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What virDomainGetGuestInfo reports; none means all. libvirt's {@code virDomainGuestInfoTypes}, same values. */
public enum DomainGuestInfoType implements BitFlag {
    USERS(1),
    OS(2),
    TIMEZONE(4),
    HOSTNAME(8),
    FILESYSTEM(16),
    DISKS(32),
    INTERFACES(64);

    private final int bit;

    DomainGuestInfoType(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
