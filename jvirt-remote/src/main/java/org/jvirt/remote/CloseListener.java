package org.jvirt.remote;

import org.jvirt.uri.ConnectURI;

/**
 * libvirt's connection close callback (virConnectRegisterCloseCallback). core's {@code Connect} has no such entry
 * yet, so a listener reaches the remote driver in one of two ways: the {@code ConnectAuth} given to
 * {@code Connect.open(uri, auth)} also implements this interface (that connection only), or
 * {@link RemoteDriver#addCloseListener} (every remote connection of the process).
 *
 * <p>Runs on a jvirt thread; must not block. Not called for {@link CloseReason#CLIENT} when the application
 * itself closed the connection — libvirt does not call it then either.
 */
@FunctionalInterface
public interface CloseListener {

    void connectionClosed(ConnectURI uri, CloseReason reason);
}
