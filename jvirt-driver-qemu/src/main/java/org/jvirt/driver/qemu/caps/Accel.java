package org.jvirt.driver.qemu.caps;

import java.util.Locale;

/** QEMU's accelerators as the driver uses them; the libvirt domain type is {@code kvm} or {@code qemu}. */
public enum Accel {
    KVM("kvm", "kvm"),
    TCG("tcg", "qemu");

    private final String qemuName;
    private final String domainType;

    Accel(String qemuName, String domainType) {
        this.qemuName = qemuName;
        this.domainType = domainType;
    }

    /** The value of {@code -accel}. */
    public String qemuName() {
        return qemuName;
    }

    /** The {@code <domain type=...>} that asks for this accelerator. */
    public String domainType() {
        return domainType;
    }

    public static Accel forDomainType(String type) {
        return switch (type == null ? "" : type.toLowerCase(Locale.ROOT)) {
            case "kvm" -> KVM;
            case "qemu" -> TCG;
            default -> null;
        };
    }
}
