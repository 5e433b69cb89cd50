package org.jvirt.driver.qemu.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;

/**
 * A QMP connection. {@link #connect} opens a unix socket, reads the greeting and negotiates capabilities;
 * {@link #execute} sends a command and waits for the reply with the same id. One reader thread parses
 * everything QEMU sends; replies complete their caller's future, events go to a single event thread that calls
 * the listeners in order. When QEMU goes away every pending and later call fails with a {@link VirtException}.
 */
public final class QmpMonitor implements AutoCloseable {

    /** How long a command may take unless the caller says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** libvirt's QEMU_MONITOR_MAX_RESPONSE: the longest message QEMU may send before the monitor is dropped. */
    public static final int MAX_RESPONSE = 10 * 1024 * 1024;

    private static final ExecutorService ASYNC = Executors.newVirtualThreadPerTaskExecutor();

    private final String name;
    private final InputStream in;
    private final OutputStream out;
    private final Closeable transport;
    private final Object writeLock = new Object();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<QmpEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService eventThread;
    private final CompletableFuture<JsonNode> greeting = new CompletableFuture<>();
    private final CompletableFuture<VirtException> closed = new CompletableFuture<>();
    private volatile VirtException closeCause;

    private record Pending(String command, CompletableFuture<JsonNode> reply) {
    }

    private QmpMonitor(String name, InputStream in, OutputStream out, Closeable transport) {
        this.name = name;
        this.in = in;
        this.out = out;
        this.transport = transport;
        this.eventThread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("qmp-events-" + name).factory());
        Thread.ofPlatform().daemon().name("qmp-reader-" + name).start(this::readLoop);
    }

    /** Connects to QEMU's QMP unix socket and leaves the monitor in command mode. */
    public static QmpMonitor connect(Path socket, Duration timeout) {
        UnixSocketStreams s;
        try {
            s = UnixSocketStreams.connect(socket);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "failed to connect to monitor socket %s: %s", socket, e.getMessage());
        }
        return open(socket.getFileName().toString(), s.in(), s.out(), s, timeout);
    }

    /**
     * Runs QMP over any pair of streams (e.g. a probe started with {@code -qmp stdio}). {@code transport} is
     * closed when the monitor closes.
     */
    public static QmpMonitor open(String name, InputStream in, OutputStream out, Closeable transport,
            Duration timeout) {
        QmpMonitor m = new QmpMonitor(name, in, out, transport);
        try {
            m.await(m.greeting, "qmp greeting", timeout);
            m.execute("qmp_capabilities", null, timeout);
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The greeting's {@code QMP} object: version and capabilities. */
    public JsonNode greeting() {
        return greeting.getNow(null);
    }

    /** Registers a listener; closing the returned handle removes it. */
    public AutoCloseable addListener(QmpEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Completes (with the reason) when the connection is gone, after the last event was delivered. */
    public CompletableFuture<VirtException> onClose() {
        return closed;
    }

    public boolean isOpen() {
        return closeCause == null;
    }

    /** Runs a command and returns its {@code return} value. */
    public JsonNode execute(String command) {
        return execute(command, null, DEFAULT_TIMEOUT);
    }

    public JsonNode execute(String command, ObjectNode arguments) {
        return execute(command, arguments, DEFAULT_TIMEOUT);
    }

    public JsonNode execute(String command, ObjectNode arguments, Duration timeout) {
        String id = "jvirt-" + nextId.getAndIncrement();
        ObjectNode msg = QemuJson.mapper().createObjectNode();
        msg.put("execute", command);
        if (arguments != null && !arguments.isEmpty()) {
            msg.set("arguments", arguments);
        }
        msg.put("id", id);
        CompletableFuture<JsonNode> reply = send(id, command, msg);
        try {
            return await(reply, command, timeout);
        } finally {
            pending.remove(id);
        }
    }

    /** As {@link #execute(String, ObjectNode, Duration)}, without waiting; dependents run off the reader. */
    public CompletableFuture<JsonNode> executeAsync(String command, ObjectNode arguments) {
        String id = "jvirt-" + nextId.getAndIncrement();
        ObjectNode msg = QemuJson.mapper().createObjectNode();
        msg.put("execute", command);
        if (arguments != null && !arguments.isEmpty()) {
            msg.set("arguments", arguments);
        }
        msg.put("id", id);
        try {
            return send(id, command, msg).thenApplyAsync(r -> r, ASYNC);
        } catch (VirtException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * libvirt's qemu-monitor-command: sends a JSON command as the user wrote it and returns QEMU's whole reply
     * as JSON text (errors included, as QEMU sent them). The user's own {@code id}, if any, is echoed back.
     */
    public String passthrough(String commandJson, Duration timeout) {
        JsonNode parsed;
        try {
            parsed = QemuJson.mapper().readTree(commandJson);
        } catch (JsonProcessingException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "cannot parse json %s: %s", commandJson, e.getOriginalMessage());
        }
        if (!(parsed instanceof ObjectNode msg) || !msg.hasNonNull("execute")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "qemu monitor command '%s' is not a QMP command object", commandJson);
        }
        JsonNode userId = msg.get("id");
        String id = "jvirt-" + nextId.getAndIncrement();
        msg.put("id", id);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, new Pending(null, reply));
        write(msg, id);
        try {
            ObjectNode r = ((ObjectNode) await(reply, msg.get("execute").asText(), timeout)).deepCopy();
            if (userId != null) {
                r.set("id", userId);
            } else {
                r.remove("id");
            }
            return r.toString();
        } finally {
            pending.remove(id);
        }
    }

    private CompletableFuture<JsonNode> send(String id, String command, ObjectNode msg) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, new Pending(command, reply));
        write(msg, id);
        return reply;
    }

    private void write(ObjectNode msg, String id) {
        VirtException cause = closeCause;
        if (cause != null) {
            pending.remove(id);
            throw cause;
        }
        byte[] bytes = (msg.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (writeLock) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            pending.remove(id);
            shutdown(VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "Unable to write to monitor: %s", e.getMessage()));
            throw closeCause;
        }
    }

    private <T> T await(CompletableFuture<T> f, String what, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT,
                    "no reply from QEMU monitor %s to '%s' within %d ms", name, what, timeout.toMillis());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VirtException ve) {
                // a fresh exception of the same kind, so the caller's stack shows where it waited
                if (ve instanceof QmpCommandException qe) {
                    throw new QmpCommandException(qe.command(), qe.errorClass(), qe.description());
                }
                throw VirtException.of(ve.error());
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED,
                    "interrupted while waiting for QEMU monitor reply to '%s'", what);
        }
    }

    private void readLoop() {
        VirtException cause = null;
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        line.write(buf, start, i - start);
                        dispatch(line.toByteArray());
                        line.reset();
                        start = i + 1;
                    }
                }
                line.write(buf, start, n - start);
                if (line.size() >= MAX_RESPONSE) {
                    // a QEMU that floods the monitor (a compromised one, say) costs 10 MiB, not the heap
                    cause = VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                            "QEMU monitor reply exceeds buffer size (%d bytes)", MAX_RESPONSE);
                    return;
                }
            }
            cause = VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "End of file from qemu monitor");
        } catch (IOException e) {
            cause = closeCause != null ? closeCause
                    : VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                            "Unable to read from monitor: %s", e.getMessage());
        } catch (RuntimeException e) {
            cause = VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "QEMU monitor reader failed: %s", e);
        } finally {
            shutdown(cause != null ? cause : VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "End of file from qemu monitor"));
        }
    }

    private void dispatch(byte[] raw) {
        JsonNode msg;
        try {
            msg = QemuJson.mapper().readTree(raw);
        } catch (IOException e) {
            // QEMU only sends JSON here; anything else is noise (e.g. a stray line on a probe's stdout)
            return;
        }
        if (msg == null || !msg.isObject()) {
            return;
        }
        if (msg.has("QMP")) {
            greeting.complete(msg.get("QMP"));
        } else if (msg.has("event")) {
            JsonNode ts = msg.path("timestamp");
            Instant when = Instant.ofEpochSecond(ts.path("seconds").asLong(), ts.path("microseconds").asLong() * 1000);
            ObjectNode data = msg.get("data") instanceof ObjectNode d ? d : QemuJson.mapper().createObjectNode();
            QmpEvent event = new QmpEvent(msg.get("event").asText(), data, when);
            eventThread.execute(() -> deliver(event));
        } else if (msg.has("id")) {
            Pending p = pending.remove(msg.get("id").asText());
            if (p == null) {
                return; // the caller timed out and left
            }
            if (p.command() == null) {
                p.reply().complete(msg); // passthrough wants the whole reply
            } else if (msg.has("error")) {
                JsonNode err = msg.get("error");
                p.reply().completeExceptionally(new QmpCommandException(p.command(),
                        err.path("class").asText("GenericError"), err.path("desc").asText("")));
            } else {
                p.reply().complete(msg.path("return"));
            }
        }
    }

    private void deliver(QmpEvent event) {
        for (QmpEventListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                System.getLogger(QmpMonitor.class.getName()).log(System.Logger.Level.WARNING,
                        "QMP event listener failed on " + event.name(), e);
            }
        }
    }

    private void shutdown(VirtException cause) {
        synchronized (this) {
            if (closeCause != null) {
                return;
            }
            closeCause = cause;
        }
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer is gone or going
        }
        greeting.completeExceptionally(cause);
        for (var it = pending.values().iterator(); it.hasNext();) {
            it.next().reply().completeExceptionally(cause);
            it.remove();
        }
        eventThread.execute(() -> {
            for (QmpEventListener l : listeners) {
                try {
                    l.onClose(cause);
                } catch (RuntimeException ignored) {
                    // a listener's failure must not keep the others from hearing about the close
                }
            }
            closed.complete(cause);
        });
        eventThread.shutdown();
    }

    /** Closes the connection; QEMU keeps running. Pending calls fail. */
    @Override
    public void close() {
        shutdown(VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                "QEMU monitor %s was closed", name));
    }

    @Override
    public String toString() {
        return "QmpMonitor[" + name + (isOpen() ? "" : ", closed") + "]";
    }
}
