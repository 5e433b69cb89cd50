package org.jvirt;

import org.jvirt.spi.StreamBackend;

/**
 * A byte stream between the application and a driver (libvirt's virStream): created empty by
 * {@link Connect#newStream()}, bound by the call that uses it (volume upload/download, console, screenshot),
 * then read or written until finished or aborted.
 */
public final class Stream implements AutoCloseable {

    private final Connect connect;
    private volatile StreamBackend backend;
    private volatile boolean done;

    Stream(Connect connect) {
        this.connect = connect;
    }

    public Connect getConnect() {
        return connect;
    }

    /** Binds the driver's end; called by drivers when the operation using this stream starts. */
    public void attach(StreamBackend backend) {
        if (this.backend != null) {
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.OPERATION_INVALID, "stream is already in use");
        }
        this.backend = backend;
    }

    private StreamBackend backend() {
        StreamBackend b = backend;
        if (b == null || done) {
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.INVALID_STREAM, "virStream");
        }
        return b;
    }

    @Libvirt("virStreamSend")
    public int send(byte[] data, int off, int len) {
        backend().send(data, off, len);
        return len;
    }

    /** Reads into {@code buf}; returns the count, 0 at the end of the stream. */
    @Libvirt("virStreamRecv")
    public int recv(byte[] buf, int off, int len) {
        return backend().recv(buf, off, len, false);
    }

    /** As {@link #recv}, but returns {@link StreamBackend#HOLE} at a hole; then {@link #recvHole()}. */
    @Libvirt("virStreamRecvFlags")
    public int recvStopAtHole(byte[] buf, int off, int len) {
        return backend().recv(buf, off, len, true);
    }

    @Libvirt("virStreamRecvHole")
    public long recvHole() {
        return backend().recvHole();
    }

    @Libvirt("virStreamSendHole")
    public void sendHole(long length) {
        backend().sendHole(length);
    }

    @Libvirt("virStreamFinish")
    public void finish() {
        StreamBackend b = backend();
        done = true;
        b.finish();
    }

    @Libvirt("virStreamAbort")
    public void abort() {
        StreamBackend b = backend;
        done = true;
        if (b != null) {
            b.abort();
        }
    }

    /** Aborts a stream that was neither finished nor aborted. */
    @Override
    public void close() {
        if (!done) {
            abort();
        }
    }
}
