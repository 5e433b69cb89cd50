package org.jvirt.driver.nwfilter;

import java.util.function.Supplier;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.NWFilterDriver;

/** One connection's view of a scope's nwfilter driver. */
final class NWFilterConnection implements DriverConnection {
    private final NWFilters filters;
    private final HostDriver host;
    private final Runnable onClose;

    NWFilterConnection(Supplier<NWFilterState> state, HostDriver host, Runnable onClose) {
        this.filters = new NWFilters(state);
        this.host = host;
        this.onClose = onClose;
    }

    @Override
    public HostDriver host() {
        return host;
    }

    @Override
    public NWFilterDriver nwfilters() {
        return filters;
    }

    @Override
    public void close() {
        onClose.run();
    }

    /** A state made on first use (an attached connection that never touches filters starts nothing). */
    static final class Lazy implements Supplier<NWFilterState> {
        private final Supplier<NWFilterState> make;
        private NWFilterState st;

        Lazy(Supplier<NWFilterState> make) {
            this.make = make;
        }

        @Override
        public synchronized NWFilterState get() {
            if (st == null) {
                st = make.get();
            }
            return st;
        }

        synchronized NWFilterState current() {
            return st;
        }
    }
}
