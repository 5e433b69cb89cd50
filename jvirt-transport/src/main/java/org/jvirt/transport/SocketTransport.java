package org.jvirt.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * A classic {@link Socket}, used for TLS: an {@code SSLSocket} reads and writes independently, one reading and
 * one writing thread at a time, which is what both the client and the daemon do. On an {@code SSLSocket} the
 * bytes count as encrypted and the peer's certificate names the client.
 */
public class SocketTransport implements Transport {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final boolean secure;
    private final String description;

    public SocketTransport(Socket socket, boolean secure, String description) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.secure = secure;
        this.description = description;
    }

    /** The socket underneath, for a {@link #prepare} that handshakes on it. */
    protected Socket socket() {
        return socket;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        return in.read(buf, off, len);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        out.flush();
    }

    @Override
    public boolean isSecure() {
        return secure;
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
    public String describe() {
        return description;
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
