package org.jvirt.daemon.net;

import java.io.IOException;

import org.jvirt.transport.Transport;

/**
 * One listening endpoint. {@link #accept} blocks until a client arrives and returns its transport already
 * ready for RPC (for TLS: handshake done, certificate checked, the 0x01 byte sent). Closing unblocks accept.
 */
public interface Listener extends AutoCloseable {

    Transport accept() throws IOException;

    /** Whether every connection accepted here is forced read-only (the -ro socket). */
    boolean readOnly();

    String describe();

    @Override
    void close();
}
