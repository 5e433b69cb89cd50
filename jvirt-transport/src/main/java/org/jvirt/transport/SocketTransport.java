package org.jvirt.transport;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * A classic {@link Socket}, used for TLS: an {@code SSLSocket} reads and writes independently, one reading and
 * one writing thread at a time, which is what both the client and the daemon do. On an {@code SSLSocket} the
 * bytes count as encrypted and the peer's certificate names the client.
 */
public class SocketTransport extends StreamTransport {

    private final Socket socket;

    public SocketTransport(Socket socket, boolean secure, String description) throws IOException {
        super(socket.getInputStream(), socket.getOutputStream(), secure, description);
        this.socket = socket;
    }

    /** The socket underneath, for a {@link #prepare} that handshakes on it. */
    protected Socket socket() {
        return socket;
    }

    @Override
    public boolean isEncrypted() {
        return socket instanceof SSLSocket;
    }

    @Override
    public Optional<String> x509Dn() {
        if (socket instanceof SSLSocket s) {
            try {
                return Optional.of(s.getSession().getPeerPrincipal().getName());
            } catch (SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
