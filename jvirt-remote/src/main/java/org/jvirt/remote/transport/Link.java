package org.jvirt.remote.transport;

import java.io.IOException;

/**
 * A connected, full-duplex byte channel. One thread reads while others write, so implementations must allow a
 * read and a write to run at the same time (a plain {@code SocketChannel} does; streams from
 * {@code Channels.newInputStream} on the same channel would serialise them).
 */
public interface Link extends AutoCloseable {

    /** Reads at least one byte, blocking; -1 at end of stream. */
    int read(byte[] buf, int off, int len) throws IOException;

    /** Writes everything. Callers serialise whole packets themselves. */
    void write(byte[] buf, int off, int len) throws IOException;

    /** Whether the bytes are encrypted on the way (TLS): virConnectIsEncrypted is computed from it. */
    default boolean encrypted() {
        return false;
    }

    /**
     * Whether the transport itself counts as secure for virConnectIsSecure: libvirt treats everything but plain
     * TCP as secure (unix sockets are local, ssh and TLS encrypt).
     */
    default boolean secure() {
        return true;
    }

    /** What the peer said on its way out (a command's stderr), for error messages; empty when nothing. */
    default String diagnostics() {
        return "";
    }

    /** Closes; a blocked read returns or fails. Idempotent. */
    @Override
    void close();
}
