package org.jvirt.driver.storage.vol;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.StreamBackend;

/**
 * Volume upload and download over a file (libvirt's virFDStream on the volume's path): a window
 * {@code [offset, offset + length)} (length 0: to the end), data in order, and with a sparse stream the holes
 * found by SEEK_DATA/SEEK_HOLE sent as hole packets on download, and made by seek and truncate on upload, as
 * virfdstream.c makes them.
 */
public final class VolStreams {

    private VolStreams() {
    }

    /** {@code capacity}: the volume's size where the file's length says nothing (a block device reports 0). */
    public static StreamBackend download(Path path, long offset, long length, boolean sparse, long capacity) {
        try {
            RandomAccessFile f = new RandomAccessFile(path.toFile(), "r");
            long size = java.nio.file.Files.isRegularFile(path) ? f.length() : capacity;
            if (offset > size) {
                f.close();
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "offset %d is past the end of volume '%s' (%d bytes)", offset, path, size);
            }
            long end = length == 0 ? size : Math.min(size, offset + length < offset ? size : offset + length);
            // a device has no holes to seek: all of it is data
            List<NativeFiles.Extent> data = !sparse ? null : java.nio.file.Files.isRegularFile(path)
                    ? NativeFiles.dataExtents(path, end).orElse(List.of(new NativeFiles.Extent(0, end)))
                    : List.of(new NativeFiles.Extent(0, end));
            return new Reader(f, offset, end, data);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "Unable to open '%s': %s", path,
                    e.getMessage());
        }
    }

    public static StreamBackend upload(Path path, long offset, long length, boolean sparse, long capacity,
                                       Runnable onFinish) {
        try {
            boolean regular = java.nio.file.Files.isRegularFile(path);
            RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw");
            long limit = regular ? Long.MAX_VALUE : capacity; // a device ends where it ends
            long end = length == 0 ? limit : offset + length < offset ? limit : Math.min(limit, offset + length);
            return new Writer(f, offset, end, sparse, regular, onFinish);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "Unable to open '%s': %s", path,
                    e.getMessage());
        }
    }

    private abstract static class Base implements StreamBackend {
        final RandomAccessFile file;
        final FileChannel ch;
        long pos;
        boolean closed;

        Base(RandomAccessFile file, long offset) {
            this.file = file;
            this.ch = file.getChannel();
            this.pos = offset;
        }

        synchronized void open() {
            if (closed) {
                throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR, "stream is not open");
            }
        }

        void closeFile() {
            closed = true;
            try {
                file.close();
            } catch (IOException ignored) {
                // nothing was pending
            }
        }

        @Override
        public synchronized void finish() {
            open();
            closeFile();
        }

        @Override
        public synchronized void abort() {
            if (!closed) {
                closeFile();
            }
        }

        static VirtException io(String what, IOException e) {
            return VirtException.of(ErrorDomain.STREAMS, ErrorNumber.SYSTEM_ERROR, "%s: %s", what, e.getMessage());
        }
    }

    /** Download: the bytes of the window; at a hole of a sparse stream, HOLE and its length. */
    private static final class Reader extends Base {
        private final long end;
        private final List<NativeFiles.Extent> data;
        private int extent;

        Reader(RandomAccessFile f, long offset, long end, List<NativeFiles.Extent> data) {
            super(f, offset);
            this.end = end;
            this.data = data;
        }

        /** The end of the data run at pos, or pos itself when pos is in a hole. */
        private long dataEnd() {
            while (extent < data.size() && data.get(extent).end() <= pos) {
                extent++;
            }
            if (extent == data.size()) {
                return pos;
            }
            NativeFiles.Extent e = data.get(extent);
            return e.start() <= pos ? Math.min(e.end(), end) : pos;
        }

        private long holeEnd() {
            while (extent < data.size() && data.get(extent).end() <= pos) {
                extent++;
            }
            return extent == data.size() ? end : Math.min(end, Math.max(pos, data.get(extent).start()));
        }

        @Override
        public synchronized int recv(byte[] buf, int off, int len, boolean stopAtHole) {
            open();
            if (pos >= end || len == 0) {
                return 0;
            }
            long run = end - pos;
            if (data != null && stopAtHole) {
                long de = dataEnd();
                if (de == pos) {
                    return HOLE;
                }
                run = de - pos;
            }
            int n = (int) Math.min(len, run);
            try {
                int got = ch.read(ByteBuffer.wrap(buf, off, n), pos);
                if (got <= 0) {
                    return 0;
                }
                pos += got;
                return got;
            } catch (IOException e) {
                throw io("Unable to read from stream", e);
            }
        }

        @Override
        public synchronized long recvHole() {
            open();
            if (data == null) {
                return 0;
            }
            long hole = holeEnd() - pos;
            pos += hole;
            return hole;
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

    /** Upload: bytes land from the offset on; past the window's end is "No space left on device". */
    private static final class Writer extends Base {
        private final long end;
        private final boolean sparse;
        private final boolean regular;
        private final Runnable onFinish;

        Writer(RandomAccessFile f, long offset, long end, boolean sparse, boolean regular, Runnable onFinish) {
            super(f, offset);
            this.end = end;
            this.sparse = sparse;
            this.regular = regular;
            this.onFinish = onFinish;
        }

        @Override
        public int recv(byte[] buf, int off, int len, boolean stopAtHole) {
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.OPERATION_INVALID,
                    "stream was opened for writing");
        }

        @Override
        public synchronized void send(byte[] buf, int off, int len) {
            open();
            int n = (int) Math.max(0, Math.min(len, end - pos));
            try {
                ByteBuffer b = ByteBuffer.wrap(buf, off, n);
                while (b.hasRemaining()) {
                    pos += ch.write(b, pos);
                }
            } catch (IOException e) {
                throw io("cannot write to stream", e);
            }
            if (n < len) {
                throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.SYSTEM_ERROR,
                        "cannot write to stream: No space left on device");
            }
        }

        /**
         * virFDStreamSendHole: on a file, seek past the hole and truncate there, leaving the hole unwritten; on a
         * block device, which cannot be truncated, the hole is written as zeros.
         */
        @Override
        public synchronized void sendHole(long length) {
            open();
            if (!sparse) {
                throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.INTERNAL_ERROR, "unexpected stream hole");
            }
            long n = Math.max(0, Math.min(length, end - pos));
            try {
                if (regular) {
                    pos += n;
                    file.setLength(pos);
                    return;
                }
                ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(n, 1 << 20));
                long left = n;
                while (left > 0) {
                    zeros.clear().limit((int) Math.min(left, zeros.capacity()));
                    int w = ch.write(zeros, pos);
                    pos += w;
                    left -= w;
                }
            } catch (IOException e) {
                throw io("unable to truncate stream", e);
            }
        }

        /** Closes the file (as virfdstream does, without a sync of its own) and refreshes the volume. */
        @Override
        public synchronized void finish() {
            open();
            closeFile();
            onFinish.run();
        }
    }
}
