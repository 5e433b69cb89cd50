package org.jvirt;

/** Which part of a network an update changes. libvirt's {@code virNetworkUpdateSection}, same values. */
public enum NetworkUpdateSection {
    NONE(0),
    BRIDGE(1),
    DOMAIN(2),
    IP(3),
    IP_DHCP_HOST(4),
    IP_DHCP_RANGE(5),
    FORWARD(6),
    FORWARD_INTERFACE(7),
    FORWARD_PF(8),
    PORTGROUP(9),
    DNS_HOST(10),
    DNS_TXT(11),
    DNS_SRV(12);

    private final int code;

    NetworkUpdateSection(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or {@code fallback} for a value this version does not know. */
    public static NetworkUpdateSection fromCode(int code, NetworkUpdateSection fallback) {
        for (NetworkUpdateSection v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        return fallback;
    }
}
