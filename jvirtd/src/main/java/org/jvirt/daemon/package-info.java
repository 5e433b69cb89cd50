/**
 * jvirtd, the daemon: libvirtd's counterpart. It listens on unix sockets (read-write and read-only), TCP and
 * TLS, speaks libvirt's RPC protocol to each client and serves every call through jvirt's public API on a
 * connection opened with the URI the client asked for — it is a client of {@link org.jvirt.Connect} exactly as
 * libvirtd is a client of libvirt.so, and never imports a driver.
 *
 * <p>{@link org.jvirt.daemon.Main} parses the command line, {@link org.jvirt.daemon.Daemon} owns the listeners
 * and the client sessions. Subpackages: {@code config} (jvirtd.conf), {@code net} (listeners and transports),
 * {@code tls} (x509 in libvirt's files), {@code session} (one client: framing, keepalive, call scheduling),
 * {@code dispatch} (one serve function per procedure), {@code event} (event forwarding), {@code stream}
 * (stream procedures), {@code ssh} (the daemon side of {@code +ssh}).
 */
package org.jvirt.daemon;
