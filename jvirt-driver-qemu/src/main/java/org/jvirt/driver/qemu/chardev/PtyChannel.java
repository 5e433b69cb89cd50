package org.jvirt.driver.qemu.chardev;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The host end of a guest's pty, for a console session. Java cannot poll a tty, and a thread blocked in a pty
 * read cannot be woken: closing the file then waits for the read, that is until the guest prints something. So
 * a read here waits for input with FIONREAD ({@link FileInputStream#available}) and a short back-off, and
 * closing takes effect at once, which a forced console takeover needs.
 */
public final class PtyChannel implements ByteChannel {

    private static final long MAX_WAIT_NANOS = 20_000_000L;

    private final FileInputStream in;
    private final FileOutputStream out;
    private volatile boolean open = true;

    public PtyChannel(Path pty) throws IOException {
        in = new FileInputStream(pty.toFile());
        try {
            out = new FileOutputStream(pty.toFile());
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        long wait = 100_000L;
        while (true) {
            if (!open) {
                throw new ClosedChannelException();
            }
            int ready = in.available();
            if (ready > 0) {
                byte[] b = new byte[Math.min(ready, dst.remaining())];
                int n = in.read(b);
                if (n > 0) {
                    dst.put(b, 0, n);
                }
                return n;
            }
            LockSupport.parkNanos(wait);
            wait = Math.min(wait * 2, MAX_WAIT_NANOS);
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        out.write(b);
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        try {
            out.close();
        } finally {
            in.close();
        }
    }
}
