package org.jvirt.driver.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.ForwardMode;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.port.PortDef;

/**
 * The host devices a macvtap network (forward mode bridge without a bridge, private, vepa, passthrough) hands
 * out to guests, as libvirt's networkCreateInterfacePool and networkAllocatePort: the {@code <interface dev=>}
 * list, or the virtual functions of a {@code <pf>}. A device's connections are counted from the network's ports
 * (one home for the fact, so a daemon restart that reloads the ports restores the counts).
 */
final class InterfacePool {
    private static final Path SYS_NET = Path.of("/sys/class/net");

    private InterfacePool() {
    }

    /** The pool's devices, in order; a {@code <pf>} without usable virtual functions is libvirt's error. */
    static List<String> of(NetworkDef def) {
        if (!def.forwardIfs().isEmpty() || def.forwardPf() == null) {
            return def.forwardIfs();
        }
        List<String> vfs = virtualFunctions(def.forwardPf());
        if (vfs.isEmpty()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                    "No usable Vf's present on SRIOV PF %s", def.forwardPf());
        }
        return vfs;
    }

    /** The net devices of a PF's virtual functions (sysfs device/virtfnN/net/NAME), those bound to a driver. */
    private static List<String> virtualFunctions(String pf) {
        Path dev = SYS_NET.resolve(pf).resolve("device");
        List<String> out = new ArrayList<>();
        if (pf.contains("/") || !Files.isDirectory(dev)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dev)) {
            List<Path> fns = s.filter(p -> p.getFileName().toString().matches("virtfn\\d+"))
                    .sorted((a, b) -> Integer.compare(index(a), index(b))).toList();
            for (Path fn : fns) {
                Path net = fn.resolve("net");
                if (Files.isDirectory(net)) {
                    try (Stream<Path> names = Files.list(net)) {
                        names.map(p -> p.getFileName().toString()).sorted().findFirst().ifPresent(out::add);
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static int index(Path virtfn) {
        return Integer.parseInt(virtfn.getFileName().toString().substring("virtfn".length()));
    }

    /** How many of the ports use {@code dev}. */
    static int connections(Collection<PortDef> ports, String dev) {
        return (int) ports.stream().filter(p -> dev.equals(p.directDev())).count();
    }

    /**
     * networkAllocatePort's choice: passthrough needs a device of its own (the first without a connection);
     * the other modes share, and take the least used device (the first among equals).
     */
    static String pick(NetworkDef def, Collection<PortDef> others) {
        List<String> pool = of(def);
        if (pool.isEmpty()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                    "network '%s' uses a direct mode, but has no forward dev and no interface pool", def.name());
        }
        String best = null;
        int bestCount = Integer.MAX_VALUE;
        for (String dev : pool) {
            int n = connections(others, dev);
            if (def.forward() == ForwardMode.PASSTHROUGH) {
                if (n == 0) {
                    return dev;
                }
            } else if (n < bestCount) {
                best = dev;
                bestCount = n;
            }
        }
        if (best == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                    "network '%s' requires exclusive access to interfaces, but none are available", def.name());
        }
        return best;
    }

    /** The macvtap mode of a port of this network (libvirt's names: the forward mode's). */
    static String mode(NetworkDef def) {
        return def.forward().xml();
    }
}
