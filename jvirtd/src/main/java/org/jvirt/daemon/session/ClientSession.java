package org.jvirt.daemon.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.transport.Transport;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.ServerCall;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.keepalive.Keepalive;

/**
 * One client, from accept to close. The reader loop runs on the session's own virtual thread and never blocks on
 * a driver: calls are handed to virtual threads (within the limits), keepalive PINGs are answered at once and
 * stream packets go to their stream. Packets to the client go through a bounded {@link OutputQueue} drained by
 * the session's writer thread; only a call's reply that finds the queue empty and idle is written by the call's
 * own thread (saving a thread hand-off per call), never by the reader. A client that stops reading
 * makes only its own producers wait, and when a write makes no progress for the write timeout the daemon's
 * timer drops the client. A call holds one of the client's {@code max_client_requests} slots until its reply
 * is written (libvirt's rule), so the reader stops reading from a client that does not read its replies.
 */
public final class ClientSession {

    private static final Logger LOG = Logger.getLogger(ClientSession.class.getName());
    private static final AtomicInteger IDS = new AtomicInteger();

    private final int id = IDS.incrementAndGet();
    private final Transport transport;
    private final boolean readOnlySocket;
    private final CallServer server;
    private final SessionLimits limits;
    private final ClientKeepalive keepalive;
    private final Semaphore requestSlots;
    private final OutputQueue output;
    private volatile long writingSince; // System.nanoTime() when the packet being written was taken; 0 = idle
    private final Map<Integer, StreamSink> streams = new ConcurrentHashMap<>();
    private final Map<Class<?>, AutoCloseable> resources = new ConcurrentHashMap<>();
    private final List<Consumer<ClientSession>> closeListeners = new ArrayList<>();
    private volatile Connect connection;
    private volatile boolean readOnly;
    private volatile boolean closing;
    private volatile boolean ready;
    private volatile Runnable onReady;
    private volatile boolean closeQueued; // CONNECT_CLOSE: the writer closes once the reply is out
    private volatile boolean closed;

    public ClientSession(Transport transport, boolean readOnlySocket, CallServer server, SessionLimits limits) {
        this.transport = transport;
        this.readOnlySocket = readOnlySocket;
        this.server = server;
        this.limits = limits;
        this.keepalive = new ClientKeepalive(limits.keepaliveInterval(), limits.keepaliveCount());
        this.requestSlots = new Semaphore(limits.maxClientRequests());
        this.output = new OutputQueue(limits.outputMaxBytes());
    }

    public int id() {
        return id;
    }

    public String describe() {
        return "client " + id + " (" + transport.describe() + ")";
    }

    // ---- the connection the client opened ------------------------------------------------------------------

    /** The hypervisor connection; libvirt's error when the client has not opened one yet. */
    public Connect connection() {
        Connect c = connection;
        if (c == null) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "hypervisor connection not open");
        }
        return c;
    }

    public boolean isOpen() {
        return connection != null;
    }

    /** Records the connection CONNECT_OPEN made; a second open is libvirt's "connection already open". */
    public synchronized void opened(Connect c, boolean ro) {
        if (connection != null) {
            c.close();
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "connection already open");
        }
        this.readOnly = ro;
        this.connection = c;
    }

    /** Whether the socket forces read-only (jvirt-sock-ro). */
    public boolean readOnlySocket() {
        return readOnlySocket;
    }

    /** Whether the opened connection is read-only. */
    public boolean isReadOnly() {
        return readOnly || readOnlySocket;
    }

    public boolean isSecure() {
        return transport.isSecure();
    }

    /** CONNECT_SUPPORTS_FEATURE(PROGRAM_KEEPALIVE) starts the daemon's own PINGs. */
    public void enableKeepalive() {
        keepalive.enable();
    }

    /** A per-client object (event subscriptions, ...) created on first use and closed with the session. */
    public <T extends AutoCloseable> T resource(Class<T> type, Supplier<T> create) {
        return type.cast(resources.computeIfAbsent(type, k -> create.get()));
    }

    /** Runs once the transport is ready for calls (TLS handshake done), on the session's thread. */
    public void onReady(Runnable r) {
        this.onReady = r;
    }

    /** Whether the client got past the transport's preparation (Admission counts it as authenticated). */
    public boolean isReady() {
        return ready;
    }

    public void onClose(Consumer<ClientSession> listener) {
        synchronized (closeListeners) {
            closeListeners.add(listener);
        }
    }

    // ---- streams -------------------------------------------------------------------------------------------

    public void registerStream(int serial, StreamSink sink) {
        streams.put(serial, sink);
    }

    public void removeStream(int serial, StreamSink sink) {
        streams.remove(serial, sink);
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /**
     * Queues one whole packet, waiting while the client's output queue is full (that is the flow control of
     * streams and events); false when the client is gone.
     */
    public boolean send(byte[] packet) {
        return send(packet, null);
    }

    private boolean send(byte[] packet, Runnable written) {
        if (closed) {
            return false;
        }
        try {
            return output.put(packet, written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The writer loop: one packet at a time, from the queue to the socket. */
    private void writeLoop() {
        try {
            while (!closed) {
                OutputQueue.Item item = output.take(1000);
                if (item == null) {
                    continue;
                }
                writingSince = System.nanoTime();
                transport.write(item.packet(), 0, item.packet().length);
                writingSince = 0;
                if (item.written() != null) {
                    item.written().run(); // before the next write: e.g. SASL wraps from the packet after this one
                }
                output.written(item);
            }
        } catch (IOException e) {
            LOG.fine(() -> describe() + ": write failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writingSince = 0;
            close();
        }
    }

    /** Bytes queued for this client and not yet written. */
    public long queuedBytes() {
        return output.bytes();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** The reader loop; returns when the client leaves or the session is closed. */
    public void run() {
        try {
            try {
                transport.prepare();
            } catch (IOException e) {
                LOG.warning(() -> describe() + ": refused before RPC: " + e);
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                ready = true;
            }
            Runnable r = onReady;
            if (r != null) {
                r.run();
            }
            Thread.ofVirtual().name("jvirtd-writer-" + id).start(this::writeLoop);
            FrameDecoder decoder = new FrameDecoder();
            byte[] buf = new byte[65536];
            while (!closing) {
                int n = transport.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                keepalive.received();
                decoder.feed(buf, 0, n, this::onMessage);
            }
        } catch (VirtException e) {
            // a bad length word or header: libvirt drops the connection, so do we
            LOG.fine(() -> describe() + ": " + e.getMessage());
        } catch (IOException e) {
            LOG.fine(() -> describe() + ": " + e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, describe() + ": unexpected failure", e);
        } finally {
            if (!closeQueued) {
                close();
            }
        }
    }

    private void onMessage(RpcMessage m) {
        if (closing) {
            return; // libvirtd stops reading once CONNECT_CLOSE arrived; pipelined calls are never answered
        }
        MessageHeader h = m.header();
        if (Keepalive.isKeepalive(h)) {
            if (Keepalive.isPing(h)) {
                output.offer(Keepalive.pong()); // a client that pings but does not read gets no queue of PONGs
            }
            return;
        }
        if (h.is(MessageType.STREAM) || h.is(MessageType.STREAM_HOLE)) {
            StreamSink sink = streams.get(h.serial());
            if (sink != null) {
                sink.onPacket(m);
            }
            return; // packets of a stream that is already gone are dropped, as libvirtd drops them
        }
        if (!RpcCodec.isCall(h)) {
            // replies, events or unknown types from a client: nothing to answer, as in libvirtd
            return;
        }
        ServerCall<?, ?> call;
        try {
            call = RpcCodec.decodeCall(server.procedures(), m);
        } catch (VirtException e) {
            send(RpcCodec.encodeError(h, e.error()));
            return;
        } catch (RuntimeException e) {
            send(RpcCodec.encodeError(h, VirtError.of(ErrorDomain.RPC, ErrorNumber.RPC,
                    "Unable to decode message payload")));
            return;
        }
        if (server.runsInline(call)) {
            answer(call);
            return;
        }
        schedule(call);
    }

    private void schedule(ServerCall<?, ?> call) {
        boolean high = call.procedure().priority() == Procedure.Priority.HIGH;
        try {
            requestSlots.acquire(); // back-pressure: stop reading while the client has too many calls in progress
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return;
        }
        Thread.ofVirtual().name("jvirtd-call-" + id + "-" + call.procedure().name()).start(() -> {
            WorkerPool.Kind worker = null;
            boolean queued = false;
            try {
                worker = limits.workers().acquire(high);
                CallServer.Answer a = serveCall(call);
                limits.workers().release(worker);
                worker = null;
                queued = reply(a, requestSlots::release, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (worker != null) {
                    limits.workers().release(worker);
                }
                if (!queued) {
                    requestSlots.release();
                }
            }
        });
    }

    private void answer(ServerCall<?, ?> call) {
        reply(serveCall(call), null, false); // on the reader thread: never block reading on a write
    }

    private CallServer.Answer serveCall(ServerCall<?, ?> call) {
        try {
            return server.serve(this, call);
        } catch (VirtException e) {
            return CallServer.Answer.of(call.error(e.error()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, describe() + ": " + call.procedure() + " failed", e);
            return CallServer.Answer.of(call.error(VirtError.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                    String.valueOf(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()))));
        }
    }

    /**
     * Sends the reply; what must follow it (close, start a stream) runs once it is written. A call thread writes
     * the reply itself when nothing else is queued or being written; true when {@code written} has run or will.
     */
    private boolean reply(CallServer.Answer a, Runnable release, boolean mayWriteHere) {
        Runnable after = a.afterSend();
        Runnable written = release == null ? after : after == null ? release : () -> {
            release.run();
            after.run();
        };
        if (mayWriteHere && !closed && output.claimDirect()) {
            return writeDirect(a.packet(), written);
        }
        return send(a.packet(), written);
    }

    /** Writes a packet on the calling thread, holding the right to write {@link OutputQueue#claimDirect} gave. */
    private boolean writeDirect(byte[] packet, Runnable written) {
        boolean ok = false;
        try {
            writingSince = System.nanoTime(); // the timer drops a client that stops reading, as for the writer
            transport.write(packet, 0, packet.length);
            ok = true;
            if (written != null) {
                written.run(); // still holding the right to write, as the writer thread does
            }
        } catch (IOException e) {
            LOG.fine(() -> describe() + ": write failed: " + e);
        } finally {
            writingSince = 0;
            output.directDone();
        }
        if (!ok) {
            close();
        }
        return ok;
    }

    /** CONNECT_CLOSE: read nothing more, close once the reply is out ("delayed close"). */
    public void closeAfterReply() {
        closing = true;
        closeQueued = true;
    }

    // ---- keepalive -----------------------------------------------------------------------------------------

    /**
     * Called about once a second by the daemon's timer; never blocks: a PING goes only into a queue with room,
     * and a client whose current write has made no progress for the write timeout is dropped (on its own
     * thread, since closing a TLS socket may wait).
     */
    public void tick(long now) {
        long since = writingSince;
        if (since != 0 && now - since > limits.writeTimeoutMillis() * 1_000_000L) {
            LOG.info(() -> describe() + ": does not read (write timeout, " + output.bytes()
                    + " bytes queued), closing");
            Thread.ofVirtual().start(this::close);
            return;
        }
        switch (keepalive.tick(now)) {
            case PING -> output.offer(Keepalive.ping());
            case DEAD -> {
                LOG.info(() -> describe() + ": no keepalive response, closing");
                Thread.ofVirtual().start(this::close);
            }
            case NOTHING -> {
            }
        }
    }

    // ---- closing -------------------------------------------------------------------------------------------

    public boolean isClosed() {
        return closed;
    }

    /** Releases everything the client held: streams, event subscriptions, its connection; closes the socket. */
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = true;
        }
        output.close();
        transport.close();
        for (StreamSink s : streams.values()) {
            try {
                s.abandon();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "stream clean-up", e);
            }
        }
        streams.clear();
        for (AutoCloseable r : resources.values()) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "clean-up", e);
            }
        }
        Connect c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "connection close", e);
            }
        }
        List<Consumer<ClientSession>> listeners;
        synchronized (closeListeners) {
            listeners = new ArrayList<>(closeListeners);
        }
        for (Consumer<ClientSession> l : listeners) {
            l.accept(this);
        }
    }
}
