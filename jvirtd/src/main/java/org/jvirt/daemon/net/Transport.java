package org.jvirt.daemon.net;

import java.io.IOException;

/**
 * One client's byte stream. Reads happen on the session's reader thread only; writes may come from any thread
 * but the session serialises them, so implementations need not lock. Reads and writes must be able to proceed
 * at the same time (a blocked read never holds up a reply).
 */
public interface Transport extends AutoCloseable {

    /** Runs on the client's own thread before any RPC: the TLS handshake and checks; nothing for the others. */
    default void prepare() throws IOException {
    }

    /** Reads at least one byte, or returns -1 at end of stream. */
    int read(byte[] buf, int off, int len) throws IOException;

    /** Writes all of {@code buf}. */
    void write(byte[] buf, int off, int len) throws IOException;

    /** Whether the channel itself is private or encrypted (unix socket, TLS): CONNECT_IS_SECURE. */
    boolean isSecure();

    /** The peer's user and group on a unix socket (SO_PEERCRED), for authentication and access checks. */
    default java.util.Optional<jdk.net.UnixDomainPrincipal> unixPeer() {
        return java.util.Optional.empty();
    }

    /** The client certificate's subject DN (RFC 2253) once the TLS handshake is done; empty otherwise. */
    default java.util.Optional<String> x509Dn() {
        return java.util.Optional.empty();
    }

    /** For logs: "unix:/path", "tcp:1.2.3.4:5678". */
    String describe();

    @Override
    void close();
}
