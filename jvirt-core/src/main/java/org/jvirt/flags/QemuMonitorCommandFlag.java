package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How a QEMU monitor command is written. libvirt-qemu's {@code virDomainQemuMonitorCommandFlags}. */
public enum QemuMonitorCommandFlag implements BitFlag {
    /** The command is in the human monitor protocol rather than QMP's JSON. */
    HMP(1);

    private final int bit;

    QemuMonitorCommandFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
