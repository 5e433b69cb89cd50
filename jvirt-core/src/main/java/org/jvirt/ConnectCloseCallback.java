package org.jvirt;

/**
 * Told once when a connection closes under the application (virConnectCloseFunc): the daemon went away, keepalive
 * gave up, or the daemon's own hypervisor connection closed. Not told when the application closes the connection
 * itself. Runs on its own virtual thread, so it may call back into the connection (e.g. to close it).
 */
@FunctionalInterface
public interface ConnectCloseCallback {

    void closed(Connect conn, ConnectCloseReason reason);
}
