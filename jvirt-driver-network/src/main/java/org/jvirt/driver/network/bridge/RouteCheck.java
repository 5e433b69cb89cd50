package org.jvirt.driver.network.bridge;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.IpAddr;
import org.jvirt.driver.network.conf.NetworkDef;

/**
 * networkCheckRouteCollision: a network may not start while the host already routes its IPv4 subnet (same
 * network and netmask) through some interface, e.g. because a host interface has an address in it.
 */
public final class RouteCheck {

    private RouteCheck() {
    }

    public static void check(NetworkDef def) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("/proc/net/route"));
        } catch (IOException e) {
            return; // libvirt skips the check when the table cannot be read
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            long dest;
            long mask;
            try {
                dest = Long.reverseBytes(Long.parseLong(f[1], 16)) >>> 32; // little-endian hex in /proc
                mask = Long.reverseBytes(Long.parseLong(f[7], 16)) >>> 32;
            } catch (NumberFormatException e) {
                continue;
            }
            dest &= mask;
            for (NetworkDef.IpDef ip : def.ips()) {
                if (ip.v6()) {
                    continue;
                }
                BigInteger m = IpAddr.mask(false, ip.subnet().prefix());
                if (ip.subnet().network().value().longValue() == dest && m.longValue() == mask) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                            "Network is already in use by interface %s", f[0]);
                }
            }
        }
    }
}
