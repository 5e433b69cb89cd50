package org.jvirt.web.ops;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jvirt.web.http.ApiError;

/**
 * A long operation running server-side (save, migrate, clone, ...), visible to every client: its status, its
 * progress in percent, its error as libvirt gave it, and a cancel that reaches the driver (abortJob) where the
 * work allows one.
 */
public final class Operation {

    /** The states an operation passes through, as Incus names them. */
    public enum Status { RUNNING, SUCCESS, FAILURE, CANCELLED }

    /** What a client sees. */
    public record View(String id, String kind, String resource, Status status, int progress, boolean mayCancel,
                       ApiError.Detail error, Object result, String created, String updated, String data) {
    }

    private final String id;
    private final String kind;
    private final String resource;
    private final Instant created = Instant.now();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Status status = Status.RUNNING;
    private volatile int progress;
    private volatile Runnable canceller;
    private volatile ApiError.Detail error;
    private volatile Object result;
    private volatile Instant updated = created;
    private volatile String data; // where an upload or download sends or reads its bytes
    private final Operations owner;

    Operation(Operations owner, String id, String kind, String resource) {
        this.owner = owner;
        this.id = id;
        this.kind = kind;
        this.resource = resource;
    }

    public String id() {
        return id;
    }

    public View view() {
        return new View(id, kind, resource, status, progress, status == Status.RUNNING && canceller != null,
                error, result, created.toString(), updated.toString(), data);
    }

    public Status status() {
        return status;
    }

    /** Sets the progress (0..100); listeners hear of a change. */
    public void progress(int percent) {
        int p = Math.max(0, Math.min(100, percent));
        if (p != progress) {
            progress = p;
            touch();
        }
    }

    /** How a running operation is stopped (e.g. {@code domain::abortJob}); none means it cannot be. */
    public void canceller(Runnable r) {
        canceller = r;
        touch();
    }

    void data(String path) {
        data = path;
    }

    public boolean cancelRequested() {
        return cancelRequested.get();
    }

    /** Asks the work to stop; false when it cannot be stopped or has already ended. */
    boolean cancel() {
        Runnable c = canceller;
        if (status != Status.RUNNING || c == null) {
            return false;
        }
        cancelRequested.set(true);
        c.run();
        return true;
    }

    void finish(Object value) {
        result = value;
        progress = 100;
        status = Status.SUCCESS;
        end();
    }

    void fail(ApiError e) {
        error = e.body().error();
        status = cancelRequested.get() ? Status.CANCELLED : Status.FAILURE;
        end();
    }

    private void end() {
        canceller = null;
        touch();
        done.countDown();
    }

    /** Waits up to the timeout for the end; true when it ended. */
    public boolean await(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    private void touch() {
        updated = Instant.now();
        owner.changed(this);
    }
}
