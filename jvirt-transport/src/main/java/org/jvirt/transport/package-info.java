/**
 * The byte transports the client (jvirt-remote) and the daemon (jvirtd) share: a {@link
 * org.jvirt.transport.Transport} is one connected stream — a unix or TCP channel, a TLS socket, or either
 * behind the SASL security layer. Dialling (client) and listening (daemon) stay with their sides; TLS with
 * libvirt's x509 files is in {@code org.jvirt.transport.tls}.
 */
package org.jvirt.transport;
