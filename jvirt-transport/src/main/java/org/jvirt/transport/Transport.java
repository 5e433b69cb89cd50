package org.jvirt.transport;

import java.io.IOException;
import java.util.Optional;

import jdk.net.UnixDomainPrincipal;

/**
 * One connected, full-duplex byte stream between a libvirt client and a daemon, on either side: jvirt-remote
 * dials one, jvirtd's listeners accept one. Framing and everything above it are the RPC layer's business.
 * One thread reads while others write, so implementations must let a read and a write run at the same time (a
 * plain {@code SocketChannel} and an {@code SSLSocket} do; streams from {@code Channels.newInputStream} on one
 * channel would serialise them). Writers serialise whole packets themselves, so implementations need not lock.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs on the connection's own thread before any RPC: a daemon's TLS handshake, certificate checks and
     * "accepted" byte, so a slow or hostile peer never holds up accept. Nothing for the others.
     */
    default void prepare() throws IOException {
    }

    /** Reads at least one byte, blocking; -1 at end of stream. */
    int read(byte[] buf, int off, int len) throws IOException;

    /** Writes all of {@code buf[off, off+len)}. */
    void write(byte[] buf, int off, int len) throws IOException;

    /**
     * Whether the channel itself is private or encrypted, CONNECT_IS_SECURE / virConnectIsSecure: libvirt
     * counts everything but plain TCP (unix sockets are local, ssh and TLS encrypt), and plain TCP once a SASL
     * security layer protects it.
     */
    boolean isSecure();

    /** Whether the bytes are encrypted on the way (TLS, a SASL layer), virConnectIsEncrypted. */
    default boolean isEncrypted() {
        return false;
    }

    /** The peer's user and group on a unix socket (SO_PEERCRED), for authentication and access checks. */
    default Optional<UnixDomainPrincipal> unixPeer() {
        return Optional.empty();
    }

    /** The peer certificate's subject DN (RFC 2253) once a TLS handshake is done; empty otherwise. */
    default Optional<String> x509Dn() {
        return Optional.empty();
    }

    /** For logs: "unix:/path", "tcp:/1.2.3.4:5678". */
    String describe();

    /** What the peer said on its way out (a spawned command's stderr), for error messages; empty when nothing. */
    default String diagnostics() {
        return "";
    }

    /** Closes; a blocked read returns or fails. Idempotent. */
    @Override
    void close();

    /** Closes anything, ignoring what closing throws: for the error paths of connection set-up. */
    static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // already failing
            }
        }
    }
}
