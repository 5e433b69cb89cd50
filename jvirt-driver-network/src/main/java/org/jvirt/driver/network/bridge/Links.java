package org.jvirt.driver.network.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.network.conf.Subnet;
import org.jvirt.driver.network.exec.Exec;

/**
 * The kernel bridge of a network, through iproute2 ({@code ip -batch -}: one process for all the steps).
 * libvirt's virNetDevBridgeCreate, SetSTPDelay, SetSTP, SetMTU, SetMAC, IPAddr and SetOnline.
 */
public final class Links {

    private static final Path SYS_NET = Path.of("/sys/class/net");

    private Links() {
    }

    public static boolean exists(String dev) {
        return Files.exists(SYS_NET.resolve(dev));
    }

    public static boolean isBridge(String dev) {
        return Files.isDirectory(SYS_NET.resolve(dev).resolve("bridge"));
    }

    /**
     * Makes the bridge with its MAC, MTU, STP and delay, gives it its addresses and brings it up; all in one batch.
     * The delay is set before STP is switched on, because the kernel refuses a delay under 2 s while STP runs.
     */
    public static void createBridge(String name, String mac, Integer mtu, boolean stp, int delay,
                                    List<Subnet> addrs) {
        StringBuilder b = new StringBuilder();
        b.append("link add name ").append(name);
        if (mac != null) {
            b.append(" address ").append(mac);
        }
        if (mtu != null && mtu > 0) {
            b.append(" mtu ").append(mtu);
        }
        b.append(" type bridge forward_delay ").append(delay * 100).append(" stp_state ").append(stp ? 1 : 0)
                .append('\n');
        for (Subnet s : addrs) {
            b.append("address add ").append(s.address()).append('/').append(s.prefix());
            if (!s.address().v6()) {
                b.append(" broadcast ").append(s.broadcast());
            }
            b.append(" dev ").append(name).append('\n');
        }
        b.append("link set dev ").append(name).append(" up\n");
        try {
            Exec.run("Unable to create bridge " + name, List.of("ip", "-batch", "-"), b.toString());
        } catch (RuntimeException e) {
            if (exists(name) && isBridge(name)) {
                deleteQuietly(name);
            }
            throw e;
        }
    }

    /** Switches IPv6 off on a bridge with no IPv6 address, and router advertisements off where it has one. */
    public static void ipv6Sysctls(String name, boolean hasIpv6) {
        Path conf = Path.of("/proc/sys/net/ipv6/conf", name);
        if (!Files.isDirectory(conf)) {
            return;
        }
        try {
            if (!hasIpv6) {
                Files.writeString(conf.resolve("disable_ipv6"), "1\n");
            } else {
                Files.writeString(conf.resolve("accept_ra"), "0\n");
                Files.writeString(conf.resolve("autoconf"), "0\n");
            }
        } catch (IOException e) {
            // libvirt only warns when these cannot be set
            System.getLogger(Links.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    public static void delete(String name) {
        Exec.run("Unable to delete bridge " + name, List.of("ip", "link", "del", "dev", name));
    }

    public static void deleteQuietly(String name) {
        try {
            if (exists(name)) {
                delete(name);
            }
        } catch (RuntimeException e) {
            System.getLogger(Links.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /** The interfaces enslaved to a bridge. */
    public static List<String> ports(String bridge) {
        Path brif = SYS_NET.resolve(bridge).resolve("brif");
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(brif)) {
            try (var s = Files.list(brif)) {
                s.forEach(p -> out.add(p.getFileName().toString()));
            } catch (IOException ignored) {
                // an empty list: the bridge went away
            }
        }
        return out;
    }
}
