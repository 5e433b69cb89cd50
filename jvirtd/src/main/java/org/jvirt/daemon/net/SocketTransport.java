package org.jvirt.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** A classic {@link Socket} — used for TLS, whose {@code SSLSocket} reads and writes independently. */
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
