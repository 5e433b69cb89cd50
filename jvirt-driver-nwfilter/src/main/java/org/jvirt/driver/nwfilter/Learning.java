package org.jvirt.driver.nwfilter;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.nwfilter.conf.Params;
import org.jvirt.driver.nwfilter.fw.BridgeFirewall;
import org.jvirt.driver.nwfilter.fw.ChainLayout;

/**
 * The rules a port has while its guest's address is being learned (libvirt's applyBasicRules and
 * applyDHCPOnlyRules). {@code any}: only frames from the guest's MAC, only IPv4 and ARP, and the first sender
 * address seen in either (never 0.0.0.0) goes into the port's learning set. {@code dhcp}: only the DHCP
 * exchange passes (from DHCPSERVER when given), and the address is the lease the network's DHCP server
 * recorded for the MAC.
 */
final class Learning {

    private Learning() {
    }

    static ChainLayout layout(Binding b) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        in.add("ether saddr != " + b.mac + " drop");
        if ("dhcp".equals(b.learning)) {
            in.add("ether type 0x0800 ip protocol udp udp sport 68 udp dport 67 accept");
            in.add("drop");
            List<String> servers = b.params.get(Params.DHCPSERVER);
            if (servers == null || servers.isEmpty()) {
                out.add("ether type 0x0800 ip protocol udp udp sport 67 udp dport 68 accept");
            } else {
                for (String s : servers) {
                    if (org.jvirt.driver.nwfilter.conf.Kind.IPV4.canonical(s) != null) {
                        out.add("ether type 0x0800 ip saddr " + s
                                + " ip protocol udp udp sport 67 udp dport 68 accept");
                    }
                }
            }
            out.add("drop");
        } else {
            String set = "@" + BridgeFirewall.learnSet(b.portdev);
            in.add("ether type 0x0800 ip saddr != 0.0.0.0 add " + set + " { ip saddr }");
            in.add("ether type 0x0806 arp saddr ip != 0.0.0.0 add " + set + " { arp saddr ip }");
            in.add("ether type 0x0800 accept");
            in.add("ether type 0x0806 accept");
            in.add("drop");
            out.add("ether type 0x0800 accept");
            out.add("ether type 0x0806 accept");
            out.add("drop");
        }
        return ChainLayout.fixed(b.portdev, in, out);
    }
}
