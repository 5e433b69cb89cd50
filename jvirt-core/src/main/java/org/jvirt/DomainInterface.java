package org.jvirt;

import java.util.List;

/**
 * A guest network interface and its addresses (libvirt's virDomainInterface), from virDomainInterfaceAddresses.
 *
 * @param name   the host-side name (the tap) or the guest's, by source
 * @param hwaddr the MAC address, or null
 * @param addrs  its IP addresses
 */
public record DomainInterface(String name, String hwaddr, List<Addr> addrs) {

    public DomainInterface {
        addrs = List.copyOf(addrs);
    }

    /** One address: type is libvirt's virIPAddrType (0 IPv4, 1 IPv6). */
    public record Addr(int type, String addr, int prefix) {
    }
}
