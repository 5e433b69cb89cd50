/**
 * How bytes reach a daemon: the one-method {@link org.jvirt.remote.transport.Transport} SPI (dial, get a
 * {@link org.jvirt.remote.transport.Link}) and its implementations — unix socket, plain TCP, TLS with libvirt's
 * PKI layout, and a spawned command (ssh, ext). Nothing here knows about RPC; the client core reads and writes
 * whole byte arrays through a link.
 */
package org.jvirt.remote.transport;
