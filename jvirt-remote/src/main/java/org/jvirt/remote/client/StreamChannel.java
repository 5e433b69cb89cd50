package org.jvirt.remote.client;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.rpc.RemoteErrors;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.stream.StreamPacket;
import org.jvirt.rpc.stream.StreamPackets;

/**
 * One stream's packets on a connection: what the server sent (queued by the reader thread, taken by the
 * application's thread) and what we send, all under the serial of the call that opened it. The queue is
 * unbounded so that a slow reader never stalls the connection's reader thread (libvirt buffers the same way).
 */
public final class StreamChannel {

    /** A stream call's reply and its channel. */
    public record Opened<R>(R reply, StreamChannel channel) {
    }

    /** The queue's end marker when the connection dies under the stream. */
    private record Dead(VirtException error) {
    }

    private final RpcClient client;
    private final MessageHeader call;
    private final LinkedBlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
    private volatile VirtException failure;

    StreamChannel(RpcClient client, MessageHeader call) {
        this.client = client;
        this.call = call;
    }

    MessageHeader call() {
        return call;
    }

    void deliver(StreamPacket p) {
        incoming.add(p);
    }

    void fail(VirtException error) {
        incoming.add(new Dead(error));
    }

    /**
     * The next packet from the server, blocking: Data (empty = EOF), Hole, Finish; a server-side failure or a
     * dead connection is thrown.
     */
    public StreamPacket take() {
        Object o;
        try {
            o = incoming.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR, "interrupted");
        }
        return unwrap(o);
    }

    private StreamPacket unwrap(Object o) {
        if (o instanceof Dead d) {
            incoming.add(d); // stays dead for later takes
            throw new VirtException(d.error().error());
        }
        if (o instanceof StreamPacket.Failure f) {
            VirtException e = VirtException.of(RemoteErrors.unknownProcedureAsNoSupport(
                    RemoteErrors.legacyRemap(f.error())));
            failure = e;
            client.unregister(this);
            throw e;
        }
        return (StreamPacket) o;
    }

    /** Throws if the server already failed the stream (checked before sending more data). */
    private void checkFailed() {
        if (failure != null) {
            throw new VirtException(failure.error());
        }
        Object head = incoming.peek();
        if (head instanceof StreamPacket.Failure || head instanceof Dead) {
            unwrap(incoming.poll());
        }
    }

    /** Sends bytes as STREAM/CONTINUE packets of at most libvirtd's chunk size. */
    public void sendData(byte[] buf, int off, int len) {
        checkFailed();
        int end = off + len;
        while (off < end) {
            int n = Math.min(StreamPackets.CHUNK, end - off);
            client.send(StreamPackets.data(call, buf, off, n));
            off += n;
        }
    }

    /** Sends a STREAM_HOLE (only valid when the call had the sparse flag). */
    public void sendHole(long length) {
        checkFailed();
        client.send(StreamPackets.hole(call, length, 0));
    }

    /**
     * Finishes: STREAM/OK, then waits for the server's STREAM/OK, discarding data still queued (virStreamFinish).
     * A failure while committing (upload) is thrown.
     */
    public void finish() {
        checkFailed();
        try {
            client.send(StreamPackets.finish(call));
            while (true) {
                if (take() instanceof StreamPacket.Finish) {
                    return;
                }
            }
        } finally {
            client.unregister(this);
        }
    }

    /** Aborts: STREAM/ERROR (empty), then waits briefly for the server's confirmation. Never throws. */
    public void abort() {
        try {
            if (failure == null && client.isOpen()) {
                client.send(StreamPackets.abort(call));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline) {
                    Object o = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (o == null || o instanceof StreamPacket.Finish || o instanceof StreamPacket.Failure
                            || o instanceof Dead) {
                        break;
                    }
                }
            }
        } catch (VirtException e) {
            // the stream is being dropped anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.unregister(this);
        }
    }
}
