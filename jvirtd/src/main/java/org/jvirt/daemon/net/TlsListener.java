package org.jvirt.daemon.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.jvirt.transport.SocketTransport;
import org.jvirt.transport.Transport;
import org.jvirt.transport.tls.TlsServer;

/**
 * TLS (libvirt's {@code +tls}, port 16514): TLS starts right after the TCP connect. The handshake, the
 * certificate checks and libvirt's one-byte "accepted" signal run on the client's own thread
 * ({@link Transport#prepare}), so a slow or hostile client never holds up accept.
 */
public final class TlsListener implements Listener {

    private final SSLServerSocket server;
    private final TlsServer tls;

    public TlsListener(String address, int port, TlsServer tls, int backlog) throws IOException {
        this.tls = tls;
        this.server = tls.newServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port), backlog);
    }

    public int port() {
        return server.getLocalPort();
    }

    @Override
    public Transport accept() throws IOException {
        SSLSocket s = (SSLSocket) server.accept();
        s.setTcpNoDelay(true);
        String description = "tls:" + s.getRemoteSocketAddress();
        return new SocketTransport(s, true, description) {
            @Override
            public void prepare() throws IOException {
                tls.handshake(s);
            }
        };
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public String describe() {
        return "tls:" + port();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
