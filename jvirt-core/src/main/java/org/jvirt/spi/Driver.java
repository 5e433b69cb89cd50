package org.jvirt.spi;

import java.util.List;
import java.util.Optional;

/**
 * A connection driver, found through {@link java.util.ServiceLoader}. The registry offers it each URI in turn;
 * it serves the URI by returning a connection, declines it with an empty result, or fails the open with a
 * {@link org.jvirt.VirtException} (libvirt's VIR_DRV_OPEN_SUCCESS / DECLINED / ERROR).
 */
public interface Driver {

    /** A short name for diagnostics and the support matrix, e.g. "test" or "qemu". */
    String name();

    /** Drivers are tried in ascending order; the remote driver, which accepts almost anything, goes last. */
    default int order() {
        return 100;
    }

    Optional<DriverConnection> open(OpenRequest request);

    /**
     * The classes that implement this driver's entry-point tables (HostDriver, DomainDriver, ...). The support
     * matrix reads which SPI methods they override; nothing calls them through this list.
     */
    default List<Class<?>> entryPointClasses() {
        return List.of();
    }

    /**
     * For a host-resource driver (storage, network, ...): the tables it lends to a local hypervisor connection of
     * {@code scope}, as libvirt's hypervisor connections use the shared network, storage, nodedev, interface,
     * secret and nwfilter drivers. Every connection of one scope shares one driver state. Empty for a driver that
     * is not one; the hypervisor connection's own tables win over what is lent.
     */
    default Optional<DriverConnection> attach(OpenRequest request, HostScope scope) {
        return Optional.empty();
    }

    /** A URI this driver would serve when the application gives none, libvirt's connectURIProbe. */
    default Optional<String> probeDefaultURI() {
        return Optional.empty();
    }
}
