package org.jvirt.remote.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.ConnectCloseReason;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.Program;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.keepalive.Keepalive;
import org.jvirt.rpc.stream.StreamPackets;
import org.jvirt.transport.Transport;

/**
 * One RPC connection to a daemon (libvirt's virNetClient). Any number of threads call at once; each call gets the
 * next serial (starting at 0, as libvirt's client) and waits for the reply with that serial. A single reader
 * thread owns the socket's input: it answers PINGs at once (even when nobody calls, or libvirtd drops us), hands
 * replies to their callers, stream packets to their channels and events to the event handler — which must not
 * block, since everything else waits behind it.
 *
 * <p>Closing — by the application, on EOF, on an I/O error, on a protocol violation or on a keepalive timeout —
 * fails every waiting call and stream with the reason's error and tells the close handler once.
 */
public final class RpcClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.jvirt.remote");

    private final Transport link;
    private final Consumer<RpcMessage> events;
    private final BiConsumer<ConnectCloseReason, VirtException> onClose;
    private final FrameDecoder decoder = new FrameDecoder();
    private final Object writeLock = new Object();
    private final AtomicInteger serials = new AtomicInteger();
    private final Map<Integer, CompletableFuture<RpcMessage>> pending = new ConcurrentHashMap<>();
    private final Map<Integer, StreamChannel> streams = new ConcurrentHashMap<>();
    private final Object closeLock = new Object();
    private volatile boolean closed;
    private volatile VirtException closeError;
    private volatile long lastReceivedNanos = System.nanoTime();
    private final AtomicInteger unansweredPings = new AtomicInteger();
    private final Thread reader;
    private volatile Thread keepalive;

    /**
     * Starts the reader on a connected link.
     *
     * @param events  every MESSAGE packet that is not a keepalive; called on the reader thread
     * @param onClose told once, with the reason, when the connection ends for any cause
     */
    public RpcClient(Transport link, Consumer<RpcMessage> events, BiConsumer<ConnectCloseReason, VirtException> onClose) {
        this.link = link;
        this.events = events;
        this.onClose = onClose;
        this.reader = Thread.ofPlatform().daemon().name("jvirt-remote-reader").start(this::readLoop);
    }

    // ------------------------------------------------------------------------------------------------ calls

    /** Calls and waits; the server's error comes back as libvirt's client raises it (remapped). */
    public <A, R> R call(Procedure<A, R> procedure, A args) {
        int serial = serials.getAndIncrement();
        CompletableFuture<RpcMessage> reply = new CompletableFuture<>();
        pending.put(serial, reply);
        try {
            send(RpcCodec.encodeCall(procedure, serial, args));
            return RpcCodec.decodeReply(procedure, await(reply));
        } finally {
            pending.remove(serial);
        }
    }

    /**
     * Calls a procedure that opens a stream. The channel is registered under the call's serial before the call
     * goes out, because libvirtd may send data before its reply.
     */
    public <A, R> StreamChannel.Opened<R> openStream(Procedure<A, R> procedure, A args) {
        int serial = serials.getAndIncrement();
        MessageHeader call = MessageHeader.of(procedure.program().number(), procedure.program().version(),
                procedure.number(), MessageType.CALL, serial, MessageStatus.OK);
        StreamChannel channel = new StreamChannel(this, call);
        streams.put(serial, channel);
        CompletableFuture<RpcMessage> reply = new CompletableFuture<>();
        pending.put(serial, reply);
        try {
            send(RpcCodec.encodeCall(procedure, serial, args));
            R ret = RpcCodec.decodeReply(procedure, await(reply));
            return new StreamChannel.Opened<>(ret, channel);
        } catch (RuntimeException e) {
            streams.remove(serial);
            throw e;
        } finally {
            pending.remove(serial);
        }
    }

    private RpcMessage await(CompletableFuture<RpcMessage> reply) {
        try {
            return reply.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "interrupted while waiting for reply");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException ve) {
                // a fresh exception, so the caller's stack shows where it waited
                throw new VirtException(ve.error(), ve);
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Writes one whole packet; packets from different threads never interleave. */
    void send(byte[] packet) {
        if (closed) {
            throw closedError();
        }
        synchronized (writeLock) {
            try {
                link.write(packet, 0, packet.length);
            } catch (IOException e) {
                VirtException err = VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR,
                        "Cannot write data: %s", e.getMessage() == null ? e.toString() : e.getMessage());
                shutdown(ConnectCloseReason.ERROR, err);
                throw err;
            }
        }
    }

    void unregister(StreamChannel channel) {
        streams.remove(channel.call().serial(), channel);
    }

    public boolean isOpen() {
        return !closed;
    }

    public Transport link() {
        return link;
    }

    /** The error calls get once the connection is closed. */
    VirtException closedError() {
        VirtException e = closeError;
        return e != null ? new VirtException(e.error())
                : VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "client socket is closed");
    }

    // -------------------------------------------------------------------------------------------- keepalive

    /**
     * Starts our side of keepalive (virKeepAliveStart): after {@code intervalSeconds} without receiving anything,
     * PING; every packet received resets the count; after {@code count} PINGs without any traffic, close with
     * reason KEEPALIVE. PINGs from the server are answered regardless of this.
     */
    public void startKeepalive(int intervalSeconds, int count) {
        if (intervalSeconds <= 0 || keepalive != null) {
            return;
        }
        long intervalNanos = intervalSeconds * 1_000_000_000L;
        keepalive = Thread.ofVirtual().name("jvirt-remote-keepalive").start(() -> {
            while (!closed) {
                long idle = System.nanoTime() - lastReceivedNanos;
                long sleep = idle >= intervalNanos ? intervalNanos : intervalNanos - idle;
                try {
                    Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
                if (closed || System.nanoTime() - lastReceivedNanos < intervalNanos) {
                    continue;
                }
                if (unansweredPings.get() >= count) {
                    shutdown(ConnectCloseReason.KEEPALIVE, VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                            "connection closed due to keepalive timeout"));
                    return;
                }
                unansweredPings.incrementAndGet();
                try {
                    send(Keepalive.ping());
                } catch (VirtException e) {
                    return;
                }
                // a PING counts as an interval of its own: wait a full interval for any answer
                lastReceivedNanos = System.nanoTime();
            }
        });
    }

    // ----------------------------------------------------------------------------------------------- reader

    private void readLoop() {
        byte[] buf = new byte[65536];
        try {
            while (!closed) {
                int n = link.read(buf, 0, buf.length);
                if (n < 0) {
                    String why = link.diagnostics();
                    shutdown(ConnectCloseReason.EOF, VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR,
                            why.isEmpty() ? "End of file while reading data" : "End of file while reading data: %s",
                            why));
                    return;
                }
                if (n == 0) {
                    continue;
                }
                lastReceivedNanos = System.nanoTime();
                unansweredPings.set(0);
                decoder.feed(buf, 0, n, this::dispatch);
            }
        } catch (IOException e) {
            if (!closed) {
                shutdown(ConnectCloseReason.ERROR, VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR,
                        "Cannot recv data: %s", e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        } catch (VirtException e) {
            shutdown(ConnectCloseReason.ERROR, e);
        } catch (RuntimeException e) {
            shutdown(ConnectCloseReason.ERROR, VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                    "%s", e.toString()));
        }
    }

    private void dispatch(RpcMessage m) {
        MessageHeader h = m.header();
        if (Keepalive.isKeepalive(h)) {
            if (Keepalive.isPing(h)) {
                send(Keepalive.pong());
            }
            return;
        }
        MessageType type = h.type();
        if (type == null) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "Unexpected message type %d", h.typeCode());
        }
        switch (type) {
            case REPLY, REPLY_WITH_FDS -> {
                CompletableFuture<RpcMessage> f = pending.get(h.serial());
                if (f == null || Program.fromNumber(h.program()) == null) {
                    // libvirt treats an unmatched reply as fatal: the streams are out of step
                    throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC,
                            "no call waiting for reply with prog %d vers %d serial %d", h.program(), h.version(),
                            h.serial());
                }
                f.complete(m);
            }
            case STREAM, STREAM_HOLE -> {
                StreamChannel s = streams.get(h.serial());
                if (s != null) {
                    s.deliver(StreamPackets.decode(m));
                }
                // packets of a stream we already gave up are dropped, as libvirt does
            }
            case MESSAGE -> {
                try {
                    events.accept(m);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "dropping undecodable event " + h, e);
                }
            }
            default -> throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC,
                    "got unexpected RPC call prog %d vers %d proc %d type %d", h.program(), h.version(),
                    h.procedure(), h.typeCode());
        }
    }

    // ---------------------------------------------------------------------------------------------- closing

    /** Closes from our side (reason CLIENT). */
    @Override
    public void close() {
        shutdown(ConnectCloseReason.CLIENT, VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                "client socket is closed"));
    }

    private void shutdown(ConnectCloseReason reason, VirtException error) {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closeError = error;
            closed = true;
        }
        link.close();
        Thread k = keepalive;
        if (k != null && k != Thread.currentThread()) {
            k.interrupt();
        }
        for (CompletableFuture<RpcMessage> f : new ArrayList<>(pending.values())) {
            f.completeExceptionally(error);
        }
        List<StreamChannel> open = new ArrayList<>(streams.values());
        streams.clear();
        for (StreamChannel s : open) {
            s.fail(error);
        }
        try {
            onClose.accept(reason, error);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "close handler failed", e);
        }
    }
}
