package org.jvirt;

/** Where virDomainInterfaceAddresses reads addresses from. libvirt's virDomainInterfaceAddressesSource, same values. */
public enum DomainInterfaceAddressesSource {
    /** The DHCP leases of the virtual networks the guest's NICs are on. */
    LEASE(0),
    /** The guest agent. */
    AGENT(1),
    /** The host's ARP table. */
    ARP(2);

    private final int code;

    DomainInterfaceAddressesSource(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for libvirt's integer, or null for one this version does not know. */
    public static DomainInterfaceAddressesSource fromCode(int code) {
        for (DomainInterfaceAddressesSource s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
