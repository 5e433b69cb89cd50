package org.jvirt.driver.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.OpenRequest;

/**
 * The "storage" driver: {@code storage:///system} and {@code storage:///session} on their own, and the storage
 * tables of every local hypervisor connection of a scope. One {@link StorageState} per scope for the life of the
 * process, as libvirt's storage driver state lives as long as the daemon: it is made (configs loaded, running
 * pools found, autostart pools started) at the first storage call of any connection of the scope.
 */
public final class StorageHostDriver implements Driver {

    private static final Map<String, ScopeHub> HUBS = new HashMap<>();

    @Override
    public String name() {
        return "storage";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(StorageEntryPoints.class);
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest req) {
        if (!"storage".equals(req.uri().driver()) || req.uri().isRemote() || req.uri().param("socket").isPresent()) {
            return Optional.empty();
        }
        String path = req.uri().path();
        if (!"/system".equals(path) && !"/session".equals(path)) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.STORAGE, org.jvirt.ErrorNumber.INVALID_ARG,
                    "unexpected storage URI path '%s', try storage:///system or storage:///session", path);
        }
        return Optional.of(connection(req, HostScope.of(req.uri()), new StorageHost()));
    }

    @Override
    public Optional<DriverConnection> attach(OpenRequest req, HostScope scope) {
        return Optional.of(connection(req, scope, null));
    }

    private static DriverConnection connection(OpenRequest req, HostScope scope, org.jvirt.spi.HostDriver host) {
        return new StorageConnection(hub(scope), req.events(), host);
    }

    /** The hub of {@code scope}: one per scope for the life of the process. */
    static ScopeHub hub(HostScope scope) {
        synchronized (HUBS) {
            return HUBS.computeIfAbsent(scope.key(), k -> new ScopeHub(scope));
        }
    }
}
