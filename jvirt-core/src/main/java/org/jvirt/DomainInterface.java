package org.jvirt;

import java.util.List;

/**
 * A guest network interface and its IP addresses (libvirt's {@code virDomainInterface}).
 *
 * @param name   the interface's name (in the guest for the agent source)
 * @param hwaddr its MAC address, or null
 * @param addrs  its addresses
 */
public record DomainInterface(String name, String hwaddr, List<Address> addrs) {

    public DomainInterface {
        addrs = addrs == null ? List.of() : List.copyOf(addrs);
    }

    /**
     * One address (virDomainIPAddress).
     *
     * @param type   0 IPv4, 1 IPv6 (virIPAddrType)
     * @param addr   the address as text
     * @param prefix its prefix length
     */
    public record Address(int type, String addr, int prefix) {
        public static final int IPV4 = 0;
        public static final int IPV6 = 1;
    }
}
