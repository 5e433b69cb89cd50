package org.jvirt.driver.network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.HostScope;
import org.jvirt.spi.OpenRequest;

/**
 * The "network" driver (libvirt's bridge network driver): lends its network table to every local hypervisor
 * connection of a scope, and serves {@code network:///system} and {@code network:///session} itself. All
 * connections of one scope share one {@link NetworkState}, reference counted: when the last one closes, the
 * state lets go (networks keep running) and the next one takes them back, as a restarted daemon does.
 *
 * <p>An attached connection makes the state on its first network call, so a hypervisor connection that never
 * touches networks never starts (or autostarts) any.
 */
public final class NetworkHostDriver implements Driver {

    private static final Map<String, NetworkState> STATES = new HashMap<>();

    @Override
    public String name() {
        return "network";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(Networks.class);
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest req) {
        if (!"network".equals(req.uri().driver()) || req.uri().isRemote() || req.uri().param("socket").isPresent()) {
            return Optional.empty();
        }
        String path = req.uri().path();
        if (!"/system".equals(path) && !"/session".equals(path)) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                    "unexpected network URI path '%s', try network:///system", path);
        }
        HostScope scope = HostScope.of(req.uri());
        NetworkState st;
        try {
            st = acquire(scope);
        } catch (NetworkState.Busy e) {
            System.getLogger(NetworkHostDriver.class.getName()).log(System.Logger.Level.INFO,
                    "declining " + req.uri() + ": " + e.getMessage());
            return Optional.empty(); // a daemon drives this scope: the remote driver reaches it
        }
        st.addSink(req.events());
        return Optional.of(new NetworkConnection(() -> st, new NetworkHost(), () -> {
            st.removeSink(req.events());
            release(st);
        }));
    }

    @Override
    public Optional<DriverConnection> attach(OpenRequest req, HostScope scope) {
        NetworkConnection.Lazy lazy = new NetworkConnection.Lazy(() -> {
            try {
                return acquire(scope);
            } catch (NetworkState.Busy e) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_FAILED, "%s", e.getMessage());
            }
        }, req.events());
        return Optional.of(new NetworkConnection(lazy, null, () -> {
            NetworkState st = lazy.current();
            if (st != null) {
                st.removeSink(req.events());
                release(st);
            }
        }));
    }

    private static NetworkState acquire(HostScope scope) throws NetworkState.Busy {
        synchronized (STATES) {
            NetworkState st = STATES.get(scope.key());
            if (st == null) {
                st = new NetworkState(scope);
                STATES.put(scope.key(), st);
            }
            st.refs++;
            return st;
        }
    }

    private static void release(NetworkState st) {
        synchronized (STATES) {
            if (--st.refs == 0 && STATES.get(st.scope.key()) == st) {
                STATES.remove(st.scope.key());
                st.close();
            }
        }
    }

    /** The host table of network:/// connections: libvirt's network driver answers only for itself. */
    static final class NetworkHost implements HostDriver {
        @Override
        public String getType() {
            return "network";
        }

        @Override
        public String getHostname() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }
}
