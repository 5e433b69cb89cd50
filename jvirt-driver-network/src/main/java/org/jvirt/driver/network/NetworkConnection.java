package org.jvirt.driver.network;

import java.util.function.Supplier;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.NetworkDriver;

/**
 * One connection's view of a scope's network driver: the network table, and this connection's event sink
 * registered with the shared state once the state exists.
 */
final class NetworkConnection implements DriverConnection {
    private final Networks networks;
    private final HostDriver host;
    private final Runnable onClose;

    NetworkConnection(Supplier<NetworkState> state, HostDriver host, Runnable onClose) {
        this.networks = new Networks(state);
        this.host = host;
        this.onClose = onClose;
    }

    @Override
    public HostDriver host() {
        return host;
    }

    @Override
    public NetworkDriver networks() {
        return networks;
    }

    /** networkConnectSupportsFeature: net-update's command and section come in their documented order. */
    @Override
    public boolean supportsFeature(int feature) {
        return feature == FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER;
    }

    /** VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER. */
    static final int FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16;

    @Override
    public void close() {
        onClose.run();
    }

    /** A state made on first use, with this connection's sink registered when it appears. */
    static final class Lazy implements Supplier<NetworkState> {
        private final Supplier<NetworkState> make;
        private final EventSink sink;
        private NetworkState st;

        Lazy(Supplier<NetworkState> make, EventSink sink) {
            this.make = make;
            this.sink = sink;
        }

        @Override
        public synchronized NetworkState get() {
            if (st == null) {
                st = make.get();
                st.addSink(sink);
            }
            return st;
        }

        synchronized NetworkState current() {
            return st;
        }
    }
}
