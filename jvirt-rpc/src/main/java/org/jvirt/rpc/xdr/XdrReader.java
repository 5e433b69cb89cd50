package org.jvirt.rpc.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jvirt.VirtException;

/**
 * Reads XDR (RFC 4506, as libvirt's rpcgen code reads it) from a byte range. The input is untrusted: every
 * length and count is checked against both its declared maximum and the bytes that remain before anything is
 * allocated, so a forged length can neither exhaust memory nor read past the end. Every failure is a
 * {@link VirtException} with libvirt's "Unable to decode message payload".
 */
public final class XdrReader {

    private final byte[] buf;
    private final int limit;
    private int pos;

    public XdrReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public XdrReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Reads the remaining bytes of a buffer (copied once; the buffer's position is not moved). */
    public static XdrReader of(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            return new XdrReader(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return new XdrReader(copy);
    }

    public int remaining() {
        return limit - pos;
    }

    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || n > limit - pos) {
            throw XdrException.decode("truncated " + what + ": need " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public int readInt() {
        need(4, "int");
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** An XDR unsigned int; Java keeps the 32 bits in an int (use {@link Integer#toUnsignedLong} to widen). */
    public int readUnsignedInt() {
        return readInt();
    }

    public long readHyper() {
        long hi = readInt();
        long lo = readInt() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    public long readUnsignedHyper() {
        return readHyper();
    }

    public double readDouble() {
        return Double.longBitsToDouble(readHyper());
    }

    /** XDR bool. Like glibc's xdr_bool, any non-zero value reads as true. */
    public boolean readBool() {
        return readInt() != 0;
    }

    /**
     * The discriminant of an optional ({@code T *x}). Any non-zero value means present, as libtirpc reads it
     * (go-libvirt sends 0x01000000).
     */
    public boolean readPresent() {
        return readInt() != 0;
    }

    /** A variable-length length/count word, checked against the declared maximum. */
    private int readLength(int max, String what) {
        int n = readInt();
        if (n < 0 || Integer.compareUnsigned(n, max) > 0) {
            throw XdrException.decode(what + " length " + Integer.toUnsignedString(n) + " exceeds maximum " + max);
        }
        return n;
    }

    private void skipPadding(int n) {
        int pad = (4 - (n & 3)) & 3;
        need(pad, "padding");
        pos += pad;
    }

    /** {@code opaque x[n]}: exactly n bytes, then padding to a multiple of four. */
    public byte[] readFixedOpaque(int n) {
        need(n, "opaque");
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        skipPadding(n);
        return out;
    }

    /** {@code opaque x<max>}: length, bytes, padding. */
    public byte[] readOpaque(int max) {
        int n = readLength(max, "opaque");
        return readFixedOpaque(n);
    }

    /** {@code string x<max>}: length, UTF-8 bytes (no NUL), padding. */
    public String readString(int max) {
        int n = readLength(max, "string");
        need(n, "string");
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += n;
        skipPadding(n);
        return s;
    }

    /** {@code remote_string}: an optional string; null when absent. */
    public String readOptionalString(int max) {
        return readPresent() ? readString(max) : null;
    }

    /** {@code remote_uuid} ({@code opaque[16]}). */
    public UUID readUuid() {
        need(16, "uuid");
        long hi = readHyper();
        long lo = readHyper();
        return new UUID(hi, lo);
    }

    /**
     * {@code char x[n]} or {@code char x<max>}: rpcgen widens every char to a 4-byte int, so each element costs
     * four bytes on the wire. Kept as bytes (the C {@code char}).
     */
    public byte[] readFixedChars(int n) {
        if (n < 0 || n > remaining() / 4) {
            throw XdrException.decode("truncated char array of " + n);
        }
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) readInt();
        }
        return out;
    }

    public byte[] readChars(int max) {
        int n = readLength(max, "char array");
        return readFixedChars(n);
    }

    /** An optional value ({@code T *x}); null when absent. */
    public <T> T readOptional(Function<XdrReader, T> element) {
        return readPresent() ? element.apply(this) : null;
    }

    /**
     * {@code T x<max>}: count, then elements. Every XDR value takes at least four bytes, so a count larger than a
     * quarter of the remaining bytes is rejected before any list is allocated.
     */
    public <T> List<T> readArray(int max, Function<XdrReader, T> element) {
        int n = readLength(max, "array");
        return readFixedArray(n, element);
    }

    /** {@code T x[n]}: exactly n elements, no count. */
    public <T> List<T> readFixedArray(int n, Function<XdrReader, T> element) {
        if (n > remaining() / 4) {
            throw XdrException.decode("array count " + n + " exceeds the " + remaining() + " bytes left");
        }
        if (n == 0) {
            return List.of();
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(this));
        }
        return Collections.unmodifiableList(out);
    }

    /** Fails unless every byte was consumed (for callers that want strictness; libvirt itself ignores a tail). */
    public void expectEnd() {
        if (pos != limit) {
            throw XdrException.decode((limit - pos) + " trailing bytes");
        }
    }
}
