package org.jvirt.remote.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.transport.ChannelTransport;
import org.jvirt.transport.Transport;

/** Plain TCP (libvirt's {@code +tcp}, port 16509): nothing but the RPC stream on the socket. */
public record TcpDialer(String host, int port) implements Dialer {

    @Override
    public Transport dial() {
        return new ChannelTransport(connect(host, port), false, "tcp:" + host + ":" + port);
    }

    /** A blocking channel to the first address of the host that answers. */
    static SocketChannel connect(String host, int port) {
        return walk(host, port, a -> {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.socket().setTcpNoDelay(true);
                ch.socket().setKeepAlive(true);
                ch.connect(a);
                return ch;
            } catch (IOException e) {
                Transport.closeQuietly(ch);
                throw e;
            }
        });
    }

    /** A plain {@link Socket}, for TLS layered on top; same address walk and errors as {@link #connect}. */
    static Socket socket(String host, int port) {
        return walk(host, port, a -> {
            Socket s = new Socket();
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                s.connect(a);
                return s;
            } catch (IOException e) {
                Transport.closeQuietly(s);
                throw e;
            }
        });
    }

    private interface Connector<S> {
        S connect(InetSocketAddress address) throws IOException;
    }

    /** Tries every address of the host in turn, as virNetSocketNewConnectTCP does with getaddrinfo. */
    private static <S> S walk(String host, int port, Connector<S> connector) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Unable to resolve address '%s' service '%d': %s",
                    host, port, "Name or service not known");
        }
        IOException last = null;
        for (InetAddress a : addresses) {
            try {
                return connector.connect(new InetSocketAddress(a, port));
            } catch (IOException e) {
                last = e;
            }
        }
        throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "unable to connect to server at '%s:%d': %s",
                host, port, reason(last));
    }

    static String reason(IOException e) {
        if (e == null) {
            return "No address associated with hostname";
        }
        if (e instanceof ConnectException && e.getMessage() != null && e.getMessage().contains("refused")) {
            return "Connection refused";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
