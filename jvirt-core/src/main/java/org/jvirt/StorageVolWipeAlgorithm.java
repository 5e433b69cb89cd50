package org.jvirt;

/** How to wipe a volume. libvirt's {@code virStorageVolWipeAlgorithm}, same values. */
public enum StorageVolWipeAlgorithm {
    ZERO(0),
    NNSA(1),
    DOD(2),
    BSI(3),
    GUTMANN(4),
    SCHNEIER(5),
    PFITZNER7(6),
    PFITZNER33(7),
    RANDOM(8),
    TRIM(9);

    private final int code;

    StorageVolWipeAlgorithm(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static StorageVolWipeAlgorithm fromCode(int code, StorageVolWipeAlgorithm fallback) {
        for (StorageVolWipeAlgorithm v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
