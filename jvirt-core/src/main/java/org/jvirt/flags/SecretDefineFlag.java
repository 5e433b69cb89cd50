package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How to define a secret. libvirt's {@code virSecretDefineFlags}, same values. */
public enum SecretDefineFlag implements BitFlag {
    VALIDATE(1);

    private final int bit;

    SecretDefineFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
