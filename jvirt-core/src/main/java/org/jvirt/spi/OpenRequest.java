package org.jvirt.spi;

import org.jvirt.ConnectAuth;
import org.jvirt.conf.ConfFile;
import org.jvirt.uri.ConnectURI;

/**
 * What a driver is asked to open.
 *
 * @param uri      the resolved URI (aliases applied)
 * @param auth     the application's credential callback, or null
 * @param readOnly whether the connection may only read
 * @param config   the client configuration file (libvirt.conf's equivalent)
 * @param events   where the driver connection raises events
 */
public record OpenRequest(ConnectURI uri, ConnectAuth auth, boolean readOnly, ConfFile config, EventSink events) {
}
