package org.jvirt.remote.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.transport.ChannelTransport;
import org.jvirt.transport.Transport;

/** A unix-domain socket, libvirt's default local transport. */
public record UnixDialer(Path socket) implements Dialer {

    @Override
    public Transport dial() {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new ChannelTransport(ch, true, "unix:" + socket);
        } catch (IOException e) {
            Transport.closeQuietly(ch);
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Failed to connect socket to '%s': %s",
                    socket, TcpDialer.reason(e));
        }
    }
}
