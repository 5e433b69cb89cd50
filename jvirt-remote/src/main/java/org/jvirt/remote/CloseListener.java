package org.jvirt.remote;

import org.jvirt.ConnectCloseReason;
import org.jvirt.uri.ConnectURI;

/**
 * A process-wide watcher of remote connections that close under the application, added with
 * {@link RemoteDriver#addCloseListener} (monitoring, tests). One connection's own listener is libvirt's close
 * callback, {@code Connect.registerCloseCallback}.
 *
 * <p>Runs on a jvirt thread; must not block. Not called for {@link ConnectCloseReason#CLIENT} when the application
 * itself closed the connection — libvirt does not call it then either.
 */
@FunctionalInterface
public interface CloseListener {

    void connectionClosed(ConnectURI uri, ConnectCloseReason reason);
}
