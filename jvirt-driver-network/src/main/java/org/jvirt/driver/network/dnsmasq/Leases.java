package org.jvirt.driver.network.dnsmasq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.driver.network.conf.IpAddr;
import org.jvirt.driver.network.conf.NetworkDef;

/**
 * networkGetDHCPLeases: the leases the helper recorded for a network's bridge, unexpired, with the prefix of
 * the network's subnet they fall in. Type is libvirt's virIPAddrType (0 IPv4, 1 IPv6).
 */
public final class Leases {

    private Leases() {
    }

    public static List<NetworkDHCPLease> read(Path file, NetworkDef def, String mac, long now) {
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
        List<NetworkDHCPLease> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            boolean v6 = f[0].equals("6");
            if (!(f[0].equals("4") && f.length >= 6 || v6 && f.length >= 7)) {
                continue;
            }
            long exp = Long.parseLong(f[1]);
            if (exp != 0 && exp < now) {
                continue;
            }
            String leaseMac = v6 ? (f[6].equals("*") ? null : f[6]) : f[2];
            if (mac != null && !mac.equalsIgnoreCase(leaseMac)) {
                continue;
            }
            IpAddr ip = IpAddr.tryParse(f[3]);
            int prefix = 0;
            for (NetworkDef.IpDef d : def.ips()) {
                if (ip != null && d.subnet().contains(ip)) {
                    prefix = d.subnet().prefix();
                }
            }
            String host = f[4].equals("*") ? null : f[4];
            String client = v6 ? f[5] : f[5].equals("*") ? null : f[5];
            out.add(new NetworkDHCPLease(def.bridge(), exp, v6 ? 1 : 0, leaseMac, v6 ? f[2] : null, f[3], prefix,
                    host, client));
        }
        return out;
    }
}
