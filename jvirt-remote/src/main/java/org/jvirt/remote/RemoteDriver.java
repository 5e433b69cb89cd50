package org.jvirt.remote;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.remote.stub.RemoteDomains;
import org.jvirt.remote.stub.RemoteHost;
import org.jvirt.remote.stub.RemoteInterfaces;
import org.jvirt.remote.stub.RemoteNWFilters;
import org.jvirt.remote.stub.RemoteNetworks;
import org.jvirt.remote.stub.RemoteNodeDevices;
import org.jvirt.remote.stub.RemoteSecrets;
import org.jvirt.remote.stub.RemoteSnapshots;
import org.jvirt.remote.stub.RemoteStorage;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.OpenRequest;
import org.jvirt.uri.ConnectURI;

/**
 * The remote driver: serves every URI with a transport or a host, {@code remote://} URIs, and — as libvirt's
 * fallback, since it is tried last — plain local URIs no local driver took, when the daemon's socket exists.
 *
 * <p>Inside a daemon (system property {@code jvirt.inside.daemon=true}) plain local URIs are declined, so the
 * daemon never connects to itself (libvirt's "Connections from inside daemon must be direct").
 */
public final class RemoteDriver implements Driver {

    private static final List<CloseListener> GLOBAL_LISTENERS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "remote";
    }

    @Override
    public int order() {
        return 1000;
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest request) {
        ConnectURI uri = request.uri();
        boolean explicit = uri.isRemote() || "remote".equals(uri.driver());
        if (!explicit && (Boolean.getBoolean("jvirt.inside.daemon")
                || !RemoteTarget.localDaemonAvailable(uri, request.readOnly()))) {
            return Optional.empty();
        }
        RemoteTarget target = RemoteTarget.of(uri, request.readOnly());
        return Optional.of(RemoteConnection.open(request, target));
    }

    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(RemoteHost.class, RemoteDomains.class, org.jvirt.remote.stub.RemoteDomainTuning.class,
                org.jvirt.remote.stub.RemoteDomainBlocks.class, RemoteSnapshots.class, RemoteNetworks.class,
                RemoteStorage.class, RemoteNodeDevices.class, RemoteInterfaces.class, RemoteSecrets.class,
                RemoteNWFilters.class, org.jvirt.remote.stub.RemoteCheckpoints.class);
    }

    /**
     * Registers a close callback for every remote connection of this process (core's Connect has no
     * virConnectRegisterCloseCallback yet). Closing the returned handle removes it.
     */
    public static AutoCloseable addCloseListener(CloseListener listener) {
        GLOBAL_LISTENERS.add(listener);
        return () -> GLOBAL_LISTENERS.remove(listener);
    }

    static List<CloseListener> globalCloseListeners() {
        return GLOBAL_LISTENERS;
    }
}
