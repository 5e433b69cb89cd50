package org.jvirt.remote.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** A link over a blocking {@link SocketChannel} (unix or TCP), which allows one reader and one writer at once. */
final class SocketLink implements Link {

    private final SocketChannel channel;
    private final boolean secure;

    SocketLink(SocketChannel channel, boolean secure) {
        this.channel = channel;
        this.secure = secure;
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
    public boolean secure() {
        return secure;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
