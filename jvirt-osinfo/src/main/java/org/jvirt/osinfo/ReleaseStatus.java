package org.jvirt.osinfo;

/** An OS's {@code release-status} (libosinfo's OsinfoReleaseStatus); absent means released. */
public enum ReleaseStatus {
    RELEASED("released"),
    SNAPSHOT("snapshot"),
    PRERELEASE("prerelease"),
    /** A rolling distribution (Arch, Gentoo, openSUSE Tumbleweed): never end of life, a fallback for media. */
    ROLLING("rolling");

    private final String xmlName;

    ReleaseStatus(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    /** The status named {@code s} in the database; an unknown or missing value reads as released, as libosinfo. */
    static ReleaseStatus of(String s) {
        for (ReleaseStatus r : values()) {
            if (r.xmlName.equals(s)) {
                return r;
            }
        }
        return RELEASED;
    }
}
