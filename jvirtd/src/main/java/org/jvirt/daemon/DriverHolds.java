package org.jvirt.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jvirt.Connect;
import org.jvirt.VirtException;

/**
 * The local hypervisor connections the daemon holds for its whole life, libvirt's virStateInitialize: opening
 * them starts the drivers with the daemon (autostart guests, re-adopt guests that outlived a previous daemon)
 * and keeps their state — and its reaction to guest events, such as on_poweroff — alive while no client is
 * connected. A URI no driver serves (no QEMU installed, say) is skipped with a log line.
 */
final class DriverHolds implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DriverHolds.class.getName());

    private final List<Connect> held = new ArrayList<>();

    /** {@code driver_uris} in jvirtd.conf, or the QEMU driver of this user when it is not set. */
    static List<String> defaultUris() {
        return List.of("root".equals(System.getProperty("user.name")) ? "qemu:///system" : "qemu:///session");
    }

    static DriverHolds open(List<String> uris) {
        DriverHolds h = new DriverHolds();
        for (String uri : uris) {
            try {
                h.held.add(Connect.open(uri));
                LOG.info(() -> "driver state for " + uri + " started");
            } catch (VirtException e) {
                LOG.log(Level.INFO, "not holding " + uri + ": " + e.getMessage());
            }
        }
        return h;
    }

    @Override
    public void close() {
        for (Connect c : held) {
            c.close();
        }
        held.clear();
    }
}
