package org.jvirt.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The connection drivers, as libvirt's driver table: those found by {@link ServiceLoader} at first use, plus any
 * registered by hand. Tried in {@link Driver#order()} until one accepts the URI.
 */
public final class DriverRegistry {

    private static final List<Driver> DRIVERS = new CopyOnWriteArrayList<>();
    private static volatile boolean loaded;

    private DriverRegistry() {
    }

    /** Adds a driver that ServiceLoader cannot find (e.g. one built by an embedding application). */
    public static void register(Driver driver) {
        ensureLoaded();
        DRIVERS.add(driver);
        sort();
    }

    public static List<Driver> drivers() {
        ensureLoaded();
        return List.copyOf(DRIVERS);
    }

    /** Opens {@code request.uri()} with the first driver that accepts it; libvirt's error when none does. */
    public static DriverConnection open(OpenRequest request) {
        for (Driver d : drivers()) {
            Optional<DriverConnection> c = d.open(request);
            if (c.isPresent()) {
                return withHostDrivers(c.get(), request);
            }
        }
        throw VirtException.of(ErrorDomain.NONE, ErrorNumber.NO_CONNECT, request.uri().text());
    }

    /** A local hypervisor connection with the host-resource drivers of its scope attached. */
    private static DriverConnection withHostDrivers(DriverConnection primary, OpenRequest request) {
        Optional<HostScope> scope = primary.hostScope();
        if (scope.isEmpty()) {
            return primary;
        }
        List<DriverConnection> lent = new ArrayList<>();
        try {
            for (Driver d : drivers()) {
                d.attach(request, scope.get()).ifPresent(lent::add);
            }
        } catch (RuntimeException e) {
            lent.forEach(DriverConnection::close);
            primary.close();
            throw e;
        }
        return lent.isEmpty() ? primary : new ComposedConnection(primary, lent);
    }

    /** The first URI a driver offers when the application gives none. */
    public static Optional<String> probeDefaultURI() {
        for (Driver d : drivers()) {
            Optional<String> uri = d.probeDefaultURI();
            if (uri.isPresent()) {
                return uri;
            }
        }
        return Optional.empty();
    }

    private static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (DriverRegistry.class) {
            if (loaded) {
                return;
            }
            List<Driver> found = new ArrayList<>();
            ServiceLoader.load(Driver.class).forEach(found::add);
            DRIVERS.addAll(found);
            sort();
            loaded = true;
        }
    }

    private static void sort() {
        List<Driver> sorted = new ArrayList<>(DRIVERS);
        sorted.sort(Comparator.comparingInt(Driver::order).thenComparing(Driver::name));
        DRIVERS.clear();
        DRIVERS.addAll(sorted);
    }
}
