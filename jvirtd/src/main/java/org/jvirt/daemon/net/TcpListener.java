package org.jvirt.daemon.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import org.jvirt.transport.ChannelTransport;
import org.jvirt.transport.Transport;

/** Plain TCP (libvirt's {@code +tcp}): nothing happens before RPC; IS_SECURE answers 0. */
public final class TcpListener implements Listener {

    private final ServerSocketChannel server;

    public TcpListener(String address, int port, int backlog) throws IOException {
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(address, port), backlog);
    }

    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Transport accept() throws IOException {
        SocketChannel ch = server.accept();
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new ChannelTransport(ch, false, "tcp:" + ch.getRemoteAddress());
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public String describe() {
        return "tcp:" + port();
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
