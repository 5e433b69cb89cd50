package org.jvirt.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;

/** A minimal RPC client built from jvirt-rpc, for the tests that need raw packets. Not thread-safe. */
final class RawClient implements AutoCloseable {

    final SocketChannel ch;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Deque<RpcMessage> pending = new ArrayDeque<>();
    private final ByteBuffer buf = ByteBuffer.allocate(65536);
    private int serial;

    RawClient(Path socket) throws IOException {
        ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        ch.connect(UnixDomainSocketAddress.of(socket));
    }

    /** Over a channel already connected (TCP). */
    RawClient(SocketChannel connected) {
        ch = connected;
    }

    static RawClient open(Path socket, String uri) throws IOException {
        RawClient c = new RawClient(socket);
        c.call(ConnectProcedures.CONNECT_OPEN, new RemoteConnectOpenArgs(uri, 0));
        return c;
    }

    <A, R> R call(Procedure<A, R> p, A args) throws IOException {
        int s = serial++;
        write(RpcCodec.encodeCall(p, s, args));
        while (true) {
            RpcMessage m = next();
            if (m == null) {
                throw new IOException("connection closed");
            }
            if (m.header().is(MessageType.REPLY) && m.header().serial() == s) {
                return RpcCodec.decodeReply(p, m);
            }
        }
    }

    void write(byte[] packet) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(packet);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The next packet from the daemon, or null at end of stream. */
    RpcMessage next() throws IOException {
        while (pending.isEmpty()) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                return null;
            }
            decoder.feed(buf.array(), 0, n, pending::add);
        }
        return pending.poll();
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
