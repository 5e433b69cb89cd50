package org.jvirt.driver.network.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * IP forwarding, switched on only when a network that forwards (nat, route) starts, and never off again, as
 * libvirt's networkEnableIPForwarding: other networks or the admin may rely on it.
 */
public final class Forwarding {

    private Forwarding() {
    }

    public static void enable(boolean ipv4, boolean ipv6) {
        if (ipv4) {
            set(Path.of("/proc/sys/net/ipv4/ip_forward"));
        }
        if (ipv6) {
            set(Path.of("/proc/sys/net/ipv6/conf/all/forwarding"));
        }
    }

    private static void set(Path p) {
        try {
            if (!Files.readString(p).strip().equals("1")) {
                Files.writeString(p, "1\n");
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "failed to enable IP forwarding: %s",
                    e.getMessage());
        }
    }
}
