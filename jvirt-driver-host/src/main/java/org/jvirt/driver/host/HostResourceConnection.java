package org.jvirt.driver.host;

import java.util.Set;
import org.jvirt.driver.host.iface.HostInterfaces;
import org.jvirt.driver.host.nodedev.HostNodeDevices;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventKey;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.SecretDriver;

/**
 * One connection's view of a scope's host resources: the kinds it serves (all three when lent to a hypervisor
 * connection, one when opened as secret:///, nodedev:/// or interface:///) and its event sink, registered with the
 * scope while the connection is open.
 */
final class HostResourceConnection implements DriverConnection {

    /** What a connection of one kind alone answers for virConnectGetType etc.: nothing (NO_SUPPORT). */
    private static final HostDriver NO_HOST = new HostDriver() {
    };

    private final HostResources res;
    private final Set<HostKind> kinds;
    private final EventSink sink;
    private final SecretDriver secrets;
    private final HostNodeDevices nodeDevices;
    private final InterfaceDriver interfaces;
    private boolean closed;

    HostResourceConnection(HostResources res, Set<HostKind> kinds, EventSink sink) {
        this.res = res;
        this.kinds = Set.copyOf(kinds);
        this.sink = sink;
        this.secrets = kinds.contains(HostKind.SECRET) ? res.secrets : null;
        res.events.add(sink);
        this.nodeDevices = kinds.contains(HostKind.NODEDEV) ? new HostNodeDevices(res.events) : null;
        this.interfaces = kinds.contains(HostKind.INTERFACE) ? HostInterfaces.host(res::interfaces) : null;
    }

    @Override
    public HostDriver host() {
        return NO_HOST;
    }

    @Override
    public SecretDriver secrets() {
        return secrets;
    }

    @Override
    public NodeDeviceDriver nodeDevices() {
        return nodeDevices;
    }

    @Override
    public InterfaceDriver interfaces() {
        return interfaces;
    }

    /** A node device event registration starts the device watch, as the first node device call does. */
    @Override
    public void eventInterest(EventKey key, boolean interested) {
        if (interested && nodeDevices != null && key.family().equals("node_device")) {
            nodeDevices.start();
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (nodeDevices != null) {
                nodeDevices.close();
            }
            res.events.remove(sink);
        }
    }
}
