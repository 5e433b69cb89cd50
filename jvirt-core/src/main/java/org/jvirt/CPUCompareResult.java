package org.jvirt;

/**
 * How a CPU compares with the host's (or the hypervisor's) CPU. libvirt's {@code virCPUCompareResult}, same values;
 * VIR_CPU_COMPARE_ERROR (-1) is an exception here.
 */
public enum CPUCompareResult {
    INCOMPATIBLE(0),
    IDENTICAL(1),
    SUPERSET(2);

    private final int code;

    CPUCompareResult(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer; null for one this version does not know (or ERROR). */
    public static CPUCompareResult fromCode(int code) {
        for (CPUCompareResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
