package org.jvirt;

/**
 * The format of a memory-only core dump. libvirt's {@code virDomainCoreDumpFormat}, same values; the name is
 * virsh's (dump --format) and, for all but RAW, QEMU's dump-guest-memory format less the dash.
 */
public enum DomainCoreDumpFormat {
    RAW(0, "elf"),
    KDUMP_ZLIB(1, "kdump-zlib"),
    KDUMP_LZO(2, "kdump-lzo"),
    KDUMP_SNAPPY(3, "kdump-snappy"),
    WIN_DMP(4, "win-dmp");

    private final int code;
    private final String virshName;

    DomainCoreDumpFormat(int code, String virshName) {
        this.code = code;
        this.virshName = virshName;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The name virsh's dump --format takes. */
    public String virshName() {
        return virshName;
    }

    /** The constant for libvirt's integer, or null for one libvirt 9.0 does not have. */
    public static DomainCoreDumpFormat fromCode(int code) {
        for (DomainCoreDumpFormat v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return null;
    }

    /** The constant for virsh's name, or null. */
    public static DomainCoreDumpFormat fromVirshName(String name) {
        for (DomainCoreDumpFormat v : values()) {
            if (v.virshName.equals(name)) {
                return v;
            }
        }
        return null;
    }
}
