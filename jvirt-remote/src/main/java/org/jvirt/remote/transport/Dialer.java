package org.jvirt.remote.transport;

import org.jvirt.transport.Transport;

/**
 * Opens a byte channel to a daemon. One method on purpose (go-libvirt's dialer): the URI decides which dialer
 * is used, in {@link org.jvirt.remote.RemoteTarget}; reconnecting is dialling again.
 */
@FunctionalInterface
public interface Dialer {

    /** Connects; failures are {@link org.jvirt.VirtException}s with libvirt's messages. */
    Transport dial();
}
