package org.jvirt.rpc.frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.jvirt.VirtException;
import org.jvirt.rpc.xdr.XdrException;
import org.jvirt.rpc.xdr.XdrReader;

/**
 * Turns a byte stream, fed in chunks of any size, into whole packets. Socket layers feed whatever they read;
 * each complete packet comes out as an {@link RpcMessage}. Not thread-safe: one decoder per connection reader.
 *
 * <p>A bad length word, a short header or an over-long fd count is a connection-fatal error (libvirt closes the
 * connection): the decoder throws a {@link VirtException} (code RPC, domain RPC) and keeps failing afterwards.
 * Memory grows with the bytes actually received, never with what a length word merely claims, so a peer that
 * announces 32 MiB and sends ten bytes costs ten bytes (plus a small initial buffer).
 */
public final class FrameDecoder {

    private static final int FIRST_ALLOCATION = 4096;

    private final byte[] lenBuf = new byte[NetLimits.LEN_MAX];
    private int lenHave;
    private byte[] frame;     // header + payload of the current packet, once its length is known
    private int frameLen;     // len - 4
    private int frameHave;
    private VirtException failure;

    /** Feeds bytes; every packet they complete goes to {@code sink}, in order. */
    public void feed(byte[] bytes, int off, int len, Consumer<RpcMessage> sink) {
        if (off < 0 || len < 0 || off > bytes.length - len) {
            throw new IndexOutOfBoundsException();
        }
        if (failure != null) {
            throw failure;
        }
        try {
            int end = off + len;
            while (off < end) {
                if (frame == null) {
                    int n = Math.min(NetLimits.LEN_MAX - lenHave, end - off);
                    System.arraycopy(bytes, off, lenBuf, lenHave, n);
                    lenHave += n;
                    off += n;
                    if (lenHave == NetLimits.LEN_MAX) {
                        startFrame();
                    }
                } else {
                    int n = Math.min(frameLen - frameHave, end - off);
                    if (frameHave + n > frame.length) {
                        int size = (int) Math.min(frameLen, Math.max((long) frame.length * 2, frameHave + n));
                        frame = Arrays.copyOf(frame, size);
                    }
                    System.arraycopy(bytes, off, frame, frameHave, n);
                    frameHave += n;
                    off += n;
                }
                if (frame != null && frameHave == frameLen) {
                    RpcMessage m = finishFrame();
                    sink.accept(m);
                }
            }
        } catch (VirtException e) {
            failure = e;
            throw e;
        }
    }

    public void feed(ByteBuffer buffer, Consumer<RpcMessage> sink) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), sink);
            buffer.position(buffer.limit());
        } else {
            byte[] tmp = new byte[Math.min(buffer.remaining(), 65536)];
            while (buffer.hasRemaining()) {
                int n = Math.min(tmp.length, buffer.remaining());
                buffer.get(tmp, 0, n);
                feed(tmp, 0, n, sink);
            }
        }
    }

    /** Feeds bytes and returns the packets they complete. */
    public List<RpcMessage> feed(byte[] bytes) {
        List<RpcMessage> out = new ArrayList<>();
        feed(bytes, 0, bytes.length, out::add);
        return out;
    }

    /** Whether a packet is partly received (a clean EOF happens only between packets). */
    public boolean isMidPacket() {
        return lenHave != 0 || frame != null;
    }

    /** Bytes currently allocated for a partial packet (for the tests that bound memory use). */
    int allocated() {
        return frame == null ? 0 : frame.length;
    }

    private void startFrame() {
        long len = ((lenBuf[0] & 0xffL) << 24) | ((lenBuf[1] & 0xff) << 16) | ((lenBuf[2] & 0xff) << 8)
                | (lenBuf[3] & 0xff);
        if (len < NetLimits.LEN_MAX) {
            throw XdrException.rpc("packet " + len + " bytes received from server too small, want "
                    + NetLimits.LEN_MAX, null);
        }
        len -= NetLimits.LEN_MAX;
        if (len > NetLimits.MESSAGE_MAX) {
            throw XdrException.rpc("packet " + len + " bytes received from server too large, want "
                    + NetLimits.MESSAGE_MAX, null);
        }
        if (len < NetLimits.HEADER_MAX) {
            throw XdrException.rpc("Unable to decode message header", "packet of " + len + " bytes after length");
        }
        frameLen = (int) len;
        frameHave = 0;
        frame = new byte[Math.min(frameLen, FIRST_ALLOCATION)];
    }

    private RpcMessage finishFrame() {
        byte[] f = frame;
        int flen = frameLen;
        frame = null;
        lenHave = 0;
        XdrReader r = new XdrReader(f, 0, flen);
        MessageHeader header = MessageHeader.decode(r);
        int fds = 0;
        MessageType type = header.type();
        if (type != null && type.carriesFds()) {
            if (r.remaining() < 4) {
                throw XdrException.rpc("Unable to decode number of FDs", null);
            }
            fds = r.readInt();
            if (fds < 0 || fds > NetLimits.NUM_FDS_MAX) {
                throw XdrException.rpc("Received too many FDs " + Integer.toUnsignedString(fds) + ", expected "
                        + NetLimits.NUM_FDS_MAX + " maximum", null);
            }
        }
        int start = r.position();
        return new RpcMessage(header, fds, Arrays.copyOfRange(f, start, flen));
    }
}
