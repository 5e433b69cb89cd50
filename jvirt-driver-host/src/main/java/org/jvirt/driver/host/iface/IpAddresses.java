package org.jvirt.driver.host.iface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A link's addresses, from {@code ip -o addr show dev NAME} (iproute2): Java has no netlink, and the kernel lists
 * IPv4 addresses nowhere in /proc or /sys. libvirt's udev backend leaves addresses out; its netcf backend wrote
 * them as {@code <protocol>} elements, which is what this feeds.
 */
final class IpAddresses {

    /** One address: "ipv4" or "ipv6", the address, its prefix length. */
    record Address(String family, String address, int prefix) {
    }

    private IpAddresses() {
    }

    static List<Address> of(String ifname) {
        List<Address> out = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("ip", "-o", "addr", "show", "dev", ifname)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return out;
            }
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 0; i + 1 < f.length; i++) {
                    if ((f[i].equals("inet") || f[i].equals("inet6")) && f[i + 1].contains("/")) {
                        String[] a = f[i + 1].split("/");
                        out.add(new Address(f[i].equals("inet") ? "ipv4" : "ipv6", a[0], Integer.parseInt(a[1])));
                        break;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no iproute2, or a line it never writes: no addresses shown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out;
    }
}
