package org.jvirt.osinfo;

/** How an install script reaches the installer (libosinfo's OsinfoInstallScriptInjectionMethod). */
public enum InjectionMethod {
    /** On a CD-ROM attached beside the media. */
    CDROM("cdrom"),
    /** On an extra disk. */
    DISK("disk"),
    /** On a floppy. */
    FLOPPY("floppy"),
    /** Added to the installer's initrd (a direct kernel boot with the script at the initrd's root). */
    INITRD("initrd"),
    /** Served over the network. */
    WEB("web");

    private final String xmlName;

    InjectionMethod(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    static InjectionMethod of(String s) {
        for (InjectionMethod m : values()) {
            if (m.xmlName.equals(s)) {
                return m;
            }
        }
        return null;
    }
}
