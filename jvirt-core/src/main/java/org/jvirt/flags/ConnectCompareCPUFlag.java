package org.jvirt.flags;

import org.jvirt.BitFlag;

/** How CPUs are compared. libvirt's {@code virConnectCompareCPUFlags}, same values. */
public enum ConnectCompareCPUFlag implements BitFlag {
    /** An incompatible CPU is an error (VIR_ERR_CPU_INCOMPATIBLE) rather than a result. */
    FAIL_INCOMPATIBLE(1),
    /** The CPU XML is checked against libvirt's schema first. */
    VALIDATE_XML(2);

    private final int bit;

    ConnectCompareCPUFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
