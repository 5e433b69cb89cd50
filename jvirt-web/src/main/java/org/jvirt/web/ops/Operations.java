package org.jvirt.web.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.web.http.ApiError;

/**
 * The operations of this server: each runs on its own virtual thread; finished ones are kept for a while (the
 * newest {@link #KEEP_FINISHED}) so a client that polls late still reads the outcome.
 */
public final class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());
    static final int KEEP_FINISHED = 200;

    /** The work of an operation; returns its result (shown to clients), or throws. */
    @FunctionalInterface
    public interface Work {
        Object run(Operation op) throws Exception;
    }

    private final Map<String, Operation> ops = new ConcurrentHashMap<>();
    private final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    private final List<Consumer<Operation.View>> listeners = new CopyOnWriteArrayList<>();

    public Operation start(String kind, String resource, Work work) {
        Operation op = new Operation(this, UUID.randomUUID().toString(), kind, resource);
        ops.put(op.id(), op);
        changed(op);
        Thread.ofVirtual().name("operation-" + kind + "-" + op.id()).start(() -> {
            try {
                op.finish(work.run(op));
            } catch (ApiError e) {
                op.fail(e);
            } catch (VirtException e) {
                op.fail(ApiError.from(e));
            } catch (Exception | LinkageError e) {
                LOG.log(Level.WARNING, "operation " + kind + " on " + resource + " failed", e);
                op.fail(ApiError.of(500, ErrorNumber.INTERNAL_ERROR, e.toString()));
            }
            prune();
        });
        return op;
    }

    /**
     * Starts an upload or download: the operation waits for a client to send or read its data at
     * {@code /api/v1/operations/{id}/data} and ends with that copy.
     */
    public Operation startTransfer(String kind, String resource, Transfer t) {
        CountDownLatch registered = new CountDownLatch(1);
        Operation op = start(kind, resource, o -> {
            registered.await(); // the transfer is findable before its work may end
            try {
                return t.await();
            } finally {
                transfers.remove(o.id());
            }
        });
        op.data("/api/v1/operations/" + op.id() + "/data");
        t.attach(op);
        transfers.put(op.id(), t);
        registered.countDown();
        return op;
    }

    /** The transfer of an upload or download operation; 404 when there is none (any more). */
    public Transfer transfer(String id) {
        Transfer t = transfers.get(id);
        if (t == null) {
            get(id); // 404 for an unknown operation
            throw ApiError.of(404, ErrorNumber.INVALID_ARG, "operation " + id + " has no data to transfer (any more)");
        }
        return t;
    }

    public Operation get(String id) {
        Operation op = ops.get(id);
        if (op == null) {
            throw ApiError.of(404, ErrorNumber.INVALID_ARG, "no operation with id '" + id + "'");
        }
        return op;
    }

    public List<Operation.View> list() {
        List<Operation.View> out = new ArrayList<>();
        for (Operation op : ops.values()) {
            out.add(op.view());
        }
        out.sort(Comparator.comparing(v -> java.time.Instant.parse(v.created())));
        return out;
    }

    /** Cancels a running operation: 409 when it has ended or its work cannot be stopped. */
    public Operation cancel(String id) {
        Operation op = get(id);
        if (!op.cancel()) {
            throw ApiError.of(409, ErrorNumber.OPERATION_INVALID, "operation " + id + " cannot be cancelled ("
                    + op.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return op;
    }

    /** Every change of every operation; the events websocket forwards them. */
    public AutoCloseable listen(Consumer<Operation.View> l) {
        listeners.add(l);
        return () -> listeners.remove(l);
    }

    void changed(Operation op) {
        Operation.View v = op.view();
        for (Consumer<Operation.View> l : listeners) {
            try {
                l.accept(v);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "operation listener failed", e);
            }
        }
    }

    private void prune() {
        List<Operation.View> finished = list().stream().filter(v -> v.status() != Operation.Status.RUNNING).toList();
        for (int i = 0; i < finished.size() - KEEP_FINISHED; i++) {
            ops.remove(finished.get(i).id());
        }
    }
}
