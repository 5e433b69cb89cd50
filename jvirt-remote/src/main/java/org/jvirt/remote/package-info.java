/**
 * jvirt's remote driver: a pure-Java client of libvirt's RPC protocol that manages any host running the real
 * libvirtd (or jvirtd). {@link org.jvirt.remote.RemoteDriver} decides which URIs it serves,
 * {@link org.jvirt.remote.RemoteTarget} turns a URI into a transport and the name to open,
 * {@link org.jvirt.remote.RemoteConnection} performs libvirt's handshake and owns events, the close callback and
 * reconnection. Subpackages: {@code transport} (bytes), {@code client} (RPC core), {@code stub} (SPI tables).
 */
package org.jvirt.remote;
