package org.jvirt.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A transport over a pair of blocking streams whose two directions are independent (an {@code SSLSocket}'s, a
 * spawned command's stdout and stdin). Subclasses say how the whole thing closes.
 */
public abstract class StreamTransport implements Transport {

    private final InputStream in;
    private final OutputStream out;
    private final boolean secure;
    private final String description;

    protected StreamTransport(InputStream in, OutputStream out, boolean secure, String description) {
        this.in = in;
        this.out = out;
        this.secure = secure;
        this.description = description;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        return in.read(buf, off, len);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        out.flush();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String describe() {
        return description;
    }
}
