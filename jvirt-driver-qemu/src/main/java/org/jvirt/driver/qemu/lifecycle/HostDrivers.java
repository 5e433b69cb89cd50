package org.jvirt.driver.qemu.lifecycle;

import org.jvirt.spi.HostScope;
import org.jvirt.uri.ConnectURI;

/**
 * How this driver reaches the host-resource drivers of its scope (storage, networks, ...): only through the
 * public API, as libvirt's qemu driver calls virStorageVol* and virNetwork*, on their own URIs
 * ({@code storage:///system}, keeping a host root the QEMU URI named).
 *
 * @param scope the scope of the connection that made this driver state
 * @param from  that connection's URI (whose host_root the host driver URIs keep)
 */
public record HostDrivers(HostScope scope, ConnectURI from) {

    /** The URI of host driver {@code driver} (e.g. "storage") of this scope. */
    public String uri(String driver) {
        return scope.uri(driver, from);
    }
}
