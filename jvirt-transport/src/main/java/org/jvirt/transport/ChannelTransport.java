package org.jvirt.transport;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * A unix-domain or TCP {@link SocketChannel} in blocking mode. The channel is used directly (not through
 * {@code Channels.newInputStream}) because its read and write sides lock separately, so a reader blocked in
 * read never delays a writer.
 */
public final class ChannelTransport implements Transport {

    private final SocketChannel channel;
    private final boolean secure;
    private final String description;

    /**
     * @param secure      unix sockets are, plain TCP is not
     * @param description for logs
     */
    public ChannelTransport(SocketChannel channel, boolean secure, String description) {
        this.channel = channel;
        this.secure = secure;
        this.description = description;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        return channel.read(ByteBuffer.wrap(buf, off, len));
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public Optional<UnixDomainPrincipal> unixPeer() {
        try {
            if (channel.getLocalAddress() instanceof UnixDomainSocketAddress) {
                return Optional.of(channel.getOption(ExtendedSocketOptions.SO_PEERCRED));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // no credentials on this socket
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
            channel.close();
        } catch (IOException e) {
            // nothing left to do with a socket that does not close
        }
    }
}
