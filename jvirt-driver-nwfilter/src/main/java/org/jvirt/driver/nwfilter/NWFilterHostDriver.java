package org.jvirt.driver.nwfilter;

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
 * The "nwfilter" driver (libvirt's nwfilter driver): lends its filter table to every local hypervisor
 * connection of a scope, and serves {@code nwfilter:///system} and {@code nwfilter:///session} itself. All
 * connections of one scope share one {@link NWFilterState}, reference counted: when the last one closes the
 * state lets go (bindings and their rules stay) and the next one takes them back, as a restarted daemon does.
 */
public final class NWFilterHostDriver implements Driver {

    private static final Map<String, NWFilterState> STATES = new HashMap<>();

    @Override
    public String name() {
        return "nwfilter";
    }

    @Override
    public int order() {
        return 31;
    }

    @Override
    public List<Class<?>> entryPointClasses() {
        return List.of(NWFilters.class);
    }

    @Override
    public Optional<DriverConnection> open(OpenRequest req) {
        if (!"nwfilter".equals(req.uri().driver()) || req.uri().isRemote() || req.uri().param("socket").isPresent()) {
            return Optional.empty();
        }
        String path = req.uri().path();
        if (!"/system".equals(path) && !"/session".equals(path)) {
            throw VirtException.of(ErrorDomain.NWFILTER, ErrorNumber.INTERNAL_ERROR,
                    "unexpected nwfilter URI path '%s', try nwfilter:///system", path);
        }
        HostScope scope = HostScope.of(req.uri());
        NWFilterState st;
        try {
            st = acquire(scope);
        } catch (NWFilterState.Busy e) {
            System.getLogger(NWFilterHostDriver.class.getName()).log(System.Logger.Level.INFO,
                    "declining " + req.uri() + ": " + e.getMessage());
            return Optional.empty(); // a daemon drives this scope: the remote driver reaches it
        }
        return Optional.of(new NWFilterConnection(() -> st, new FilterHost(), () -> release(st)));
    }

    @Override
    public Optional<DriverConnection> attach(OpenRequest req, HostScope scope) {
        NWFilterConnection.Lazy lazy = new NWFilterConnection.Lazy(() -> {
            try {
                return acquire(scope);
            } catch (NWFilterState.Busy e) {
                throw VirtException.of(ErrorDomain.NWFILTER, ErrorNumber.OPERATION_FAILED, "%s", e.getMessage());
            }
        });
        return Optional.of(new NWFilterConnection(lazy, null, () -> {
            NWFilterState st = lazy.current();
            if (st != null) {
                release(st);
            }
        }));
    }

    private static NWFilterState acquire(HostScope scope) throws NWFilterState.Busy {
        synchronized (STATES) {
            NWFilterState st = STATES.get(scope.key());
            if (st == null) {
                st = new NWFilterState(scope);
                STATES.put(scope.key(), st);
            }
            st.refs++;
            return st;
        }
    }

    private static void release(NWFilterState st) {
        synchronized (STATES) {
            if (--st.refs == 0 && STATES.get(st.scope.key()) == st) {
                STATES.remove(st.scope.key());
                st.close();
            }
        }
    }

    /** The host table of nwfilter:/// connections: libvirt's nwfilter driver answers only for itself. */
    static final class FilterHost implements HostDriver {
        @Override
        public String getType() {
            return "nwfilter";
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
