package org.jvirt;

/** Which metadata of a domain is meant. libvirt's {@code virDomainMetadataType}, same values. */
public enum DomainMetadataType {
    DESCRIPTION(0),
    TITLE(1),
    ELEMENT(2);

    private final int code;

    DomainMetadataType(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static DomainMetadataType fromCode(int code, DomainMetadataType fallback) {
        for (DomainMetadataType v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
