package org.jvirt.driver.host.iface;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A link's addresses through the JDK's {@link NetworkInterface} (getifaddrs in the JDK's native code): no child
 * process per call, and the same namespace as the sysfs we read. libvirt's udev backend leaves addresses out; its
 * netcf backend wrote them as {@code <protocol>} elements, which is what this feeds.
 */
final class IpAddresses {

    /** One address: "ipv4" or "ipv6", the address as libvirt writes it, its prefix length. */
    record Address(String family, String address, int prefix) {
    }

    private IpAddresses() {
    }

    static List<Address> of(String ifname) {
        List<Address> out = new ArrayList<>();
        try {
            NetworkInterface ni = NetworkInterface.getByName(ifname);
            if (ni == null) {
                return out;
            }
            for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4) {
                    out.add(new Address("ipv4", v4.getHostAddress(), a.getNetworkPrefixLength()));
                } else if (a.getAddress() instanceof Inet6Address v6) {
                    out.add(new Address("ipv6", v6(v6.getAddress()), a.getNetworkPrefixLength()));
                }
            }
        } catch (SocketException e) {
            // the link went away: no addresses shown
        }
        return out;
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run (2+) of zero groups as "::", no scope. */
    static String v6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
