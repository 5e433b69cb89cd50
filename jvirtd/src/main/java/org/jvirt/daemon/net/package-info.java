/**
 * Listeners (unix read-write and read-only sockets, plain TCP, TLS) and the byte transports they hand to client
 * sessions: jvirt-transport's, the ones the client dials too. A transport is only a pair of blocking streams and
 * a close; framing and everything above it are the session's business, so every listener serves the same
 * protocol code.
 */
package org.jvirt.daemon.net;
