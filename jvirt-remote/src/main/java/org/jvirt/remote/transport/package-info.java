/**
 * How the client reaches a daemon: the one-method {@link org.jvirt.remote.transport.Dialer} SPI (dial, get a
 * jvirt-transport {@link org.jvirt.transport.Transport}, the same byte stream jvirtd accepts) and its
 * implementations — unix socket, plain TCP, TLS with libvirt's PKI layout, and a spawned command (ssh, ext).
 * Nothing here knows about RPC; the client core reads and writes whole byte arrays through a transport.
 */
package org.jvirt.remote.transport;
