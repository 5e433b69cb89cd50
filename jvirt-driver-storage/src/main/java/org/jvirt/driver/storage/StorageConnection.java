package org.jvirt.driver.storage;

import java.util.Optional;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.StorageDriver;

/**
 * One connection's use of a scope's storage state: the entry points, and this connection's event sink registered
 * with the state while it is open. Served alone for {@code storage:///...} (then with a small host table) or lent
 * to a hypervisor connection.
 */
final class StorageConnection implements DriverConnection {

    private final ScopeHub hub;
    private final StorageEntryPoints entryPoints;
    private final EventSink sink;
    private final HostDriver host;

    StorageConnection(ScopeHub hub, EventSink sink, HostDriver host) {
        this.hub = hub;
        this.entryPoints = new StorageEntryPoints(hub);
        this.sink = sink;
        this.host = host;
        if (sink != null) {
            hub.sinks.add(sink);
        }
    }

    @Override
    public HostDriver host() {
        return host;
    }

    @Override
    public StorageDriver storage() {
        return entryPoints;
    }

    @Override
    public Optional<HostScope> hostScope() {
        return Optional.empty();
    }

    @Override
    public void close() {
        if (sink != null) {
            hub.sinks.remove(sink);
        }
    }
}
