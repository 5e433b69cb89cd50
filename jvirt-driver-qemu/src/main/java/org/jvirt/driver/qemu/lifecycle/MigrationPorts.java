package org.jvirt.driver.qemu.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * Ports for incoming migrations: libvirt's default migration_port_min..max (49152-49215). A port is taken when
 * nothing listens on it and no incoming migration of this process holds it (two driver instances in one process
 * must not pick the same one), and given back when the migration ends.
 */
final class MigrationPorts {

    static final int MIN = 49152;
    static final int MAX = 49215;

    private static final Set<Integer> HELD = new HashSet<>();

    private MigrationPorts() {
    }

    static synchronized int acquire() {
        for (int p = MIN; p <= MAX; p++) {
            if (!HELD.contains(p) && free(p)) {
                HELD.add(p);
                return p;
            }
        }
        throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR,
                "Unable to find an unused port in range 'migration' (%d-%d)", MIN, MAX);
    }

    static synchronized void release(int port) {
        HELD.remove(port);
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** libvirt's default listen address: every address, IPv6 too when the host has it. */
    static String defaultListenAddress() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
            return "[::]";
        } catch (IOException e) {
            return "0.0.0.0";
        }
    }
}
