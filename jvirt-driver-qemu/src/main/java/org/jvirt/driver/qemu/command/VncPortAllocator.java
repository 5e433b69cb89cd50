package org.jvirt.driver.qemu.command;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.BitSet;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * libvirt's VNC port range (5900-65535): a port is handed out when nothing listens on it and this allocator has
 * not handed it out already; {@link #release} gives it back when the domain stops.
 */
public final class VncPortAllocator implements BuildOptions.VncPorts {

    public static final int MIN = 5900;
    public static final int MAX = 65535;

    private final BitSet used = new BitSet();

    @Override
    public synchronized int allocate() {
        for (int port = MIN; port <= MAX; port++) {
            if (!used.get(port) && free(port)) {
                used.set(port);
                return port;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                "Unable to find an unused port in range 'display' (%d-%d)", MIN, MAX);
    }

    /** Marks a port as taken: one a guest already listens on when the driver takes it back after a restart. */
    public synchronized void reserve(int port) {
        if (port >= MIN && port <= MAX) {
            used.set(port);
        }
    }

    public synchronized void release(int port) {
        if (port >= 0) {
            used.clear(port);
        }
    }

    /** As libvirt's virPortAllocator: free when the wildcard address can be bound (no listener on any address). */
    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
