package org.jvirt.driver.network.conf;

/** {@code <forward mode=...>}; NONE is an isolated network (no {@code <forward>}). libvirt's names. */
public enum ForwardMode {
    NONE("none"), NAT("nat"), ROUTE("route"), OPEN("open"), BRIDGE("bridge"), PRIVATE("private"), VEPA("vepa"),
    PASSTHROUGH("passthrough"), HOSTDEV("hostdev");

    private final String xml;

    ForwardMode(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    public static ForwardMode of(String xml) {
        if (xml == null) {
            return NONE;
        }
        for (ForwardMode m : values()) {
            if (m.xml.equals(xml)) {
                return m;
            }
        }
        return null;
    }

    /** The modes whose network is a bridge the driver makes itself (networkStartNetworkVirtual). */
    public boolean ownBridge() {
        return this == NONE || this == NAT || this == ROUTE || this == OPEN;
    }
}
