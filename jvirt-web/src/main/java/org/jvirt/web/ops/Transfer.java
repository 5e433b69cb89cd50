package org.jvirt.web.ops;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jvirt.ErrorNumber;
import org.jvirt.Stream;
import org.jvirt.web.http.ApiError;

/**
 * The data half of an upload or download operation (Incus style): the operation is created first and any client
 * can watch or cancel it; one client then sends or reads the bytes at {@code /api/v1/operations/{id}/data}. The
 * copy runs on that request's thread and reports its progress to the operation; the operation ends with it. An
 * operation whose data nobody claims within {@link #CLAIM_SECONDS} fails, so no stream is left open.
 */
public final class Transfer {

    /** Which way the bytes go, seen from the client. */
    public enum Direction { UPLOAD, DOWNLOAD }

    static final long CLAIM_SECONDS = 300;
    private static final int CHUNK = 256 * 1024;

    private final Direction direction;
    private final long length;
    private final Supplier<Stream> opener;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch claim = new CountDownLatch(1);
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private volatile Operation op;
    private volatile Stream stream;
    private volatile boolean cancelled;

    /**
     * @param length the bytes expected: what the client announced for an upload, the volume's size for a download
     * @param opener opens the libvirt stream, already bound to the volume's upload or download
     */
    public Transfer(Direction direction, long length, Supplier<Stream> opener) {
        this.direction = direction;
        this.length = length;
        this.opener = opener;
    }

    void attach(Operation operation) {
        this.op = operation;
        operation.canceller(this::cancel);
    }

    /** Copies the client's bytes into the volume; the result the operation ends with. */
    public Object upload(InputStream in) throws Exception {
        Stream s = start(Direction.UPLOAD);
        long total = 0;
        try {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = in.read(buf)) > 0; ) {
                if (total + n > length) {
                    throw ApiError.badRequest("more bytes than the " + length + " announced");
                }
                s.send(buf, 0, n);
                total += n;
                progress(total);
            }
            if (total != length) {
                throw ApiError.badRequest("the upload ended after " + total + " of the " + length + " bytes announced");
            }
            s.finish();
        } catch (Exception e) {
            return failed(s, e);
        }
        Object result = Map.of("bytes", total);
        outcome.complete(result);
        return result;
    }

    /** Copies the volume's bytes to the client. */
    public void download(OutputStream out) throws Exception {
        Stream s = start(Direction.DOWNLOAD);
        long total = 0;
        try {
            byte[] buf = new byte[CHUNK];
            for (int n; (n = s.recv(buf, 0, buf.length)) > 0; ) {
                out.write(buf, 0, n);
                total += n;
                progress(total);
            }
            s.finish();
        } catch (Exception e) {
            failed(s, e);
        }
        outcome.complete(Map.of("bytes", total));
    }

    /** 405 unless the bytes go this way. */
    public void expect(Direction wanted) {
        if (wanted != direction) {
            throw ApiError.of(405, ErrorNumber.OPERATION_INVALID, "this operation is "
                    + (direction == Direction.UPLOAD ? "an upload: PUT its data" : "a download: GET its data"));
        }
    }

    private Stream start(Direction wanted) {
        expect(wanted);
        if (cancelled || !claimed.compareAndSet(false, true)) {
            throw ApiError.of(409, ErrorNumber.OPERATION_INVALID, "the operation's data is already being transferred"
                    + " or the operation has ended");
        }
        claim.countDown();
        try {
            stream = opener.get();
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            throw e;
        }
        if (cancelled) { // cancelled while the stream opened
            stream.abort();
            throw cancelledError();
        }
        return stream;
    }

    private Object failed(Stream s, Exception e) throws Exception {
        try {
            s.abort();
        } catch (RuntimeException ignored) {
            // the stream may already be gone with the failure
        }
        Exception shown = cancelled ? cancelledError() : e;
        outcome.completeExceptionally(shown);
        throw shown;
    }

    private void progress(long done) {
        Operation o = op;
        if (o != null && length > 0) {
            o.progress((int) (done * 100 / length));
        }
    }

    /** The operation's canceller: stops a copy under way, or one that has not started. */
    private void cancel() {
        cancelled = true;
        Stream s = stream;
        if (s != null) {
            try {
                s.abort();
            } catch (RuntimeException ignored) {
                // aborting a stream that just ended
            }
        }
        if (!claimed.get()) {
            outcome.completeExceptionally(cancelledError());
            claim.countDown();
        }
    }

    private static ApiError cancelledError() {
        return ApiError.of(409, ErrorNumber.OPERATION_ABORTED, "the transfer was cancelled");
    }

    /** The operation's work: waits for a client to claim the data, then for the copy to end. */
    Object await() throws Exception {
        if (!claim.await(CLAIM_SECONDS, TimeUnit.SECONDS)) {
            cancelled = true;
            if (!claimed.get()) {
                throw ApiError.of(408, ErrorNumber.OPERATION_TIMEOUT, "nobody transferred the operation's data within "
                        + CLAIM_SECONDS + " s");
            }
        }
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }
}
