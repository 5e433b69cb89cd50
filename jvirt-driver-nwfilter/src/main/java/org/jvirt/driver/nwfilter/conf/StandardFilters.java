package org.jvirt.driver.nwfilter.conf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The filters libvirt ships (its package installs them under /etc/libvirt/nwfilter), written for this driver
 * from libvirt's description of their rules; the driver defines them on a scope's first start.
 */
public final class StandardFilters {

    /** Every standard filter, by name (one resource file each beside this class, under standard/). */
    public static final List<String> NAMES = List.of("allow-arp", "allow-dhcp", "allow-dhcp-server",
            "allow-dhcpv6", "allow-dhcpv6-server", "allow-incoming-ipv4", "allow-incoming-ipv6", "allow-ipv4",
            "allow-ipv6", "clean-traffic", "clean-traffic-gateway", "no-arp-ip-spoofing", "no-arp-mac-spoofing",
            "no-arp-spoofing", "no-ip-multicast", "no-ip-spoofing", "no-ipv6-multicast", "no-ipv6-spoofing",
            "no-mac-broadcast", "no-mac-spoofing", "no-other-l2-traffic", "no-other-rarp-traffic",
            "qemu-announce-self", "qemu-announce-self-rarp");

    private StandardFilters() {
    }

    /** The XML of one standard filter. */
    public static String xml(String name) {
        try (InputStream in = StandardFilters.class.getResourceAsStream("standard/" + name + ".xml")) {
            if (in == null) {
                throw new IllegalStateException("standard filter " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
