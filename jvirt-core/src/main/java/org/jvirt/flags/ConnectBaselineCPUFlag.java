package org.jvirt.flags;

import org.jvirt.BitFlag;

/** What a baseline CPU lists. libvirt's {@code virConnectBaselineCPUFlags}, same values. */
public enum ConnectBaselineCPUFlag implements BitFlag {
    /** Every feature of the model is listed, not only those added to it. */
    EXPAND_FEATURES(1),
    /** Features that block migration are left out. */
    MIGRATABLE(2);

    private final int bit;

    ConnectBaselineCPUFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
