package org.jvirt;

/** The state of a virtual CPU. libvirt's {@code virVcpuState}, same values. */
public enum VcpuState {
    OFFLINE(0),
    RUNNING(1),
    BLOCKED(2);

    private final int code;

    VcpuState(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static VcpuState fromCode(int code, VcpuState fallback) {
        for (VcpuState v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
