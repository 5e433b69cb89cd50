package org.jvirt.daemon.stream;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Stream;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.daemon.session.StreamSink;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.stream.StreamPacket;
import org.jvirt.rpc.stream.StreamPackets;
import org.jvirt.spi.StreamBackend;

/**
 * One open stream of one client, tied to the call that opened it (every packet echoes its header). Follows
 * libvirtd's rules: the client's STREAM/OK finishes (confirmed with STREAM/OK once the data is committed), its
 * empty STREAM/ERROR aborts (confirmed with STREAM/OK), a failure on our side is STREAM/ERROR with the error,
 * after which the stream is gone; our end of data is an empty STREAM/CONTINUE.
 */
final class ServerStream implements StreamSink {

    private static final Logger LOG = Logger.getLogger(ServerStream.class.getName());

    private final ClientSession client;
    private final MessageHeader call;
    private final Stream stream;
    private final boolean sparse;
    private volatile boolean done;

    ServerStream(ClientSession client, MessageHeader call, Stream stream, boolean sparse) {
        this.client = client;
        this.call = call;
        this.stream = stream;
        this.sparse = sparse;
    }

    void open() {
        client.registerStream(call.serial(), this);
    }

    @Override
    public void onPacket(RpcMessage packet) {
        if (done) {
            return;
        }
        try {
            switch (StreamPackets.decode(packet)) {
                case StreamPacket.Data d -> {
                    if (!d.isEof()) {
                        stream.send(d.bytes(), 0, d.bytes().length);
                    }
                }
                case StreamPacket.Hole h -> {
                    if (!sparse) {
                        throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "Unexpected stream hole");
                    }
                    stream.sendHole(h.hole().length());
                }
                case StreamPacket.Finish f -> {
                    end();
                    stream.finish();
                    client.send(StreamPackets.finish(call));
                }
                case StreamPacket.Abort a -> abortByClient();
                case StreamPacket.Failure f -> abortByClient();
            }
        } catch (VirtException e) {
            fail(e.error());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "stream failure", e);
            fail(VirtError.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR, String.valueOf(e.getMessage())));
        }
    }

    private void abortByClient() {
        end();
        try {
            stream.abort();
            client.send(StreamPackets.finish(call));
        } catch (VirtException e) {
            client.send(StreamPackets.error(call, e.error()));
        }
    }

    /** Daemon to client: data, holes (when sparse), then the empty end-of-data packet. */
    void pump() {
        Thread.ofVirtual().name("jvirtd-stream-" + client.id() + "-" + call.serial()).start(() -> {
            byte[] buf = new byte[StreamPackets.CHUNK];
            try {
                while (!done) {
                    int n = sparse ? stream.recvStopAtHole(buf, 0, buf.length) : stream.recv(buf, 0, buf.length);
                    if (done) {
                        return;
                    }
                    if (n == StreamBackend.HOLE) {
                        long hole = stream.recvHole();
                        if (!client.send(StreamPackets.hole(call, hole, 0))) {
                            abandon();
                            return;
                        }
                    } else if (n > 0) {
                        if (!client.send(StreamPackets.data(call, buf, 0, n))) {
                            abandon();
                            return;
                        }
                    } else {
                        client.send(StreamPackets.eof(call));
                        return; // the client now sends STREAM/OK (finish) or aborts
                    }
                }
            } catch (VirtException e) {
                if (!done) {
                    fail(e.error());
                }
            } catch (RuntimeException e) {
                if (!done) {
                    LOG.log(Level.FINE, "stream failure", e);
                    fail(VirtError.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR, String.valueOf(e.getMessage())));
                }
            }
        });
    }

    private void fail(VirtError error) {
        if (done) {
            return;
        }
        end();
        try {
            stream.abort();
        } catch (RuntimeException e) {
            // the stream failed already; the error below is what the client needs
        }
        client.send(StreamPackets.error(call, error));
    }

    private void end() {
        done = true;
        client.removeStream(call.serial(), this);
    }

    @Override
    public void abandon() {
        if (!done) {
            end();
            try {
                stream.abort();
            } catch (RuntimeException e) {
                // nothing else to do for a client that is gone
            }
        }
    }
}
