package org.jvirt.remote.transport;

/**
 * Opens a byte channel to a daemon. One method on purpose (go-libvirt's dialer): the URI decides which transport
 * is used, in {@link org.jvirt.remote.RemoteTarget}; reconnecting is dialling again.
 */
@FunctionalInterface
public interface Transport {

    /** Connects; failures are {@link org.jvirt.VirtException}s with libvirt's messages. */
    Link dial();
}
