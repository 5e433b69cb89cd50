package org.jvirt.flags;

import org.jvirt.BitFlag;

/** Filters for listing secrets. libvirt's {@code virConnectListAllSecretsFlags}, same values. */
public enum ListSecretsFlag implements BitFlag {
    EPHEMERAL(1),
    NO_EPHEMERAL(2),
    PRIVATE(4),
    NO_PRIVATE(8);

    private final int bit;

    ListSecretsFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
