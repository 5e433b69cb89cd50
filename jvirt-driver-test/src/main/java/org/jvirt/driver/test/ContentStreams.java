package org.jvirt.driver.test;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.StreamBackend;

/**
 * The driver's ends of the streams over in-memory content, with the semantics of libvirt's fd streams
 * (src/util/virfdstream.c) over a block device: a window {@code [offset, end)} of the content, data written and
 * read in order, holes (sparse streams only) read as {@link StreamBackend#HOLE} and written as zeros. Every access
 * takes the driver state's lock, since the content belongs to that state.
 */
final class ContentStreams {

    private ContentStreams() {
    }

    /** {@code offset + length}, or {@code limit} when {@code length} is 0 (libvirt's "to the end"). */
    static long end(long offset, long length, long limit) {
        if (length == 0) {
            return limit;
        }
        long e = offset + length;
        return e < offset ? limit : Math.min(e, limit); // unsigned lengths past Long.MAX_VALUE
    }

    private abstract static class Base implements StreamBackend {
        final Object lock;
        final SparseBytes content;
        final long end;
        final boolean sparse;
        long pos;
        boolean closed;

        Base(Object lock, SparseBytes content, long offset, long end, boolean sparse) {
            this.lock = lock;
            this.content = content;
            this.pos = offset;
            this.end = end;
            this.sparse = sparse;
        }

        void open() {
            if (closed) {
                throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR, "stream is not open");
            }
        }

        @Override
        public void finish() {
            synchronized (lock) {
                open();
                closed = true;
            }
        }

        @Override
        public void abort() {
            synchronized (lock) {
                closed = true;
            }
        }
    }

    /** Volume download, screenshots: the content of {@code [offset, end)}. */
    static final class Reader extends Base {

        Reader(Object lock, SparseBytes content, long offset, long end, boolean sparse) {
            super(lock, content, offset, end, sparse);
        }

        @Override
        public int recv(byte[] buf, int off, int len, boolean stopAtHole) {
            synchronized (lock) {
                open();
                if (pos >= end || len == 0) {
                    return 0;
                }
                if (sparse && stopAtHole && content.holeRun(pos, end) > 0) {
                    return HOLE;
                }
                long run = sparse && stopAtHole ? content.dataRun(pos, end) : end - pos;
                int n = (int) Math.min(len, run);
                content.read(pos, buf, off, n);
                pos += n;
                return n;
            }
        }

        @Override
        public long recvHole() {
            synchronized (lock) {
                open();
                long hole = sparse ? content.holeRun(pos, end) : 0;
                pos += hole;
                return hole;
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.OPERATION_INVALID,
                    "stream was opened for reading");
        }

        @Override
        public void sendHole(long length) {
            send(null, 0, 0);
        }
    }

    /** Volume upload: what is sent lands at {@code offset} onwards; past {@code end} is ENOSPC. */
    static final class Writer extends Base {

        Writer(Object lock, SparseBytes content, long offset, long end, boolean sparse) {
            super(lock, content, offset, end, sparse);
        }

        @Override
        public int recv(byte[] buf, int off, int len, boolean stopAtHole) {
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.OPERATION_INVALID,
                    "stream was opened for writing");
        }

        /** virFDStreamWrite: a short write up to the end, then "No space left on device". */
        @Override
        public void send(byte[] buf, int off, int len) {
            synchronized (lock) {
                open();
                int n = (int) Math.max(0, Math.min(len, end - pos));
                content.write(pos, buf, off, n);
                pos += n;
                if (n < len) {
                    throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.SYSTEM_ERROR,
                            "cannot write to stream: No space left on device");
                }
            }
        }

        /** virFDStreamSendHole: cut at the end; on a device a hole is zeros, which here cost nothing. */
        @Override
        public void sendHole(long length) {
            synchronized (lock) {
                open();
                if (!sparse) {
                    throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR,
                            "unexpected stream hole");
                }
                long n = Math.max(0, Math.min(length, end - pos));
                content.punch(pos, n);
                pos += n;
            }
        }
    }
}
