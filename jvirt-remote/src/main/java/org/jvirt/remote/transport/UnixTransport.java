package org.jvirt.remote.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** A unix-domain socket, libvirt's default local transport. */
public record UnixTransport(Path socket) implements Transport {

    @Override
    public Link dial() {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new SocketLink(ch, true);
        } catch (IOException e) {
            closeQuietly(ch);
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Failed to connect socket to '%s': %s",
                    socket, TcpTransport.reason(e));
        }
    }

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
