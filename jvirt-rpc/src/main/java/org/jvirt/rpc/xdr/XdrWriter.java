package org.jvirt.rpc.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Writes XDR into a growing byte array. It checks what rpcgen's encoder checks: declared maxima of strings,
 * opaques and arrays, and non-null values where the protocol has no "absent". A violation is a
 * {@code VirtException} with libvirt's "Unable to encode message payload", raised before the bytes go anywhere.
 * The total size is capped (by default at libvirt's 32 MiB message limit), so a runaway value cannot grow the
 * buffer without bound.
 */
public final class XdrWriter {

    /** libvirt's VIR_NET_MESSAGE_MAX plus the length word: nothing larger can ever be sent. */
    public static final int DEFAULT_CAP = 33554432 + 4;

    private byte[] buf;
    private int pos;
    private final int cap;

    public XdrWriter() {
        this(256, DEFAULT_CAP);
    }

    public XdrWriter(int initialCapacity, int cap) {
        this.buf = new byte[Math.max(16, Math.min(initialCapacity, cap))];
        this.cap = cap;
    }

    public int position() {
        return pos;
    }

    private void ensure(int n) {
        if (n > cap - pos) {
            throw XdrException.encode("message would exceed " + cap + " bytes");
        }
        if (pos + n > buf.length) {
            int size = (int) Math.min(cap, Math.max((long) buf.length * 2, (long) pos + n));
            buf = Arrays.copyOf(buf, size);
        }
    }

    public XdrWriter writeInt(int v) {
        ensure(4);
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
        return this;
    }

    /** Overwrites four bytes already written (e.g. a length word patched once the size is known). */
    public void setInt(int at, int v) {
        if (at < 0 || at > pos - 4) {
            throw new IndexOutOfBoundsException(at);
        }
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    public XdrWriter writeUnsignedInt(int v) {
        return writeInt(v);
    }

    public XdrWriter writeHyper(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    public XdrWriter writeUnsignedHyper(long v) {
        return writeHyper(v);
    }

    public XdrWriter writeDouble(double v) {
        return writeHyper(Double.doubleToRawLongBits(v));
    }

    public XdrWriter writeBool(boolean v) {
        return writeInt(v ? 1 : 0);
    }

    /** The discriminant of an optional: exactly 1 or 0 (libvirt reads any non-zero as present). */
    public XdrWriter writePresent(boolean present) {
        return writeInt(present ? 1 : 0);
    }

    private void pad(int n) {
        int p = (4 - (n & 3)) & 3;
        ensure(p);
        for (int i = 0; i < p; i++) {
            buf[pos++] = 0;
        }
    }

    /** Raw bytes with no length and no padding (stream data, pre-encoded payloads). */
    public XdrWriter writeRaw(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, pos, len);
        pos += len;
        return this;
    }

    public XdrWriter writeFixedOpaque(byte[] bytes, int n) {
        if (bytes == null || bytes.length != n) {
            throw XdrException.encode("fixed opaque needs exactly " + n + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        writeRaw(bytes, 0, n);
        pad(n);
        return this;
    }

    public XdrWriter writeOpaque(byte[] bytes, int max) {
        if (bytes == null) {
            throw XdrException.encode("null opaque");
        }
        checkMax(bytes.length, max, "opaque");
        writeInt(bytes.length);
        writeRaw(bytes, 0, bytes.length);
        pad(bytes.length);
        return this;
    }

    public XdrWriter writeString(String s, int max) {
        if (s == null) {
            throw XdrException.encode("null string where the protocol requires one");
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        checkMax(b.length, max, "string");
        writeInt(b.length);
        writeRaw(b, 0, b.length);
        pad(b.length);
        return this;
    }

    /** {@code remote_string}: null is sent as "absent". */
    public XdrWriter writeOptionalString(String s, int max) {
        writePresent(s != null);
        return s == null ? this : writeString(s, max);
    }

    public XdrWriter writeUuid(UUID uuid) {
        if (uuid == null) {
            throw XdrException.encode("null uuid");
        }
        writeHyper(uuid.getMostSignificantBits());
        return writeHyper(uuid.getLeastSignificantBits());
    }

    /** {@code char x[n]}: each char widened to a 4-byte int, as rpcgen does (sign-extended, C char is signed). */
    public XdrWriter writeFixedChars(byte[] chars, int n) {
        if (chars == null || chars.length != n) {
            throw XdrException.encode("char array needs exactly " + n + " elements");
        }
        for (byte c : chars) {
            writeInt(c);
        }
        return this;
    }

    public XdrWriter writeChars(byte[] chars, int max) {
        if (chars == null) {
            throw XdrException.encode("null char array");
        }
        checkMax(chars.length, max, "char array");
        writeInt(chars.length);
        for (byte c : chars) {
            writeInt(c);
        }
        return this;
    }

    public <T> XdrWriter writeOptional(T value, BiConsumer<XdrWriter, T> element) {
        writePresent(value != null);
        if (value != null) {
            element.accept(this, value);
        }
        return this;
    }

    public <T> XdrWriter writeArray(List<T> values, int max, BiConsumer<XdrWriter, T> element) {
        if (values == null) {
            throw XdrException.encode("null array");
        }
        checkMax(values.size(), max, "array");
        writeInt(values.size());
        for (T v : values) {
            element.accept(this, v);
        }
        return this;
    }

    public <T> XdrWriter writeFixedArray(List<T> values, int n, BiConsumer<XdrWriter, T> element) {
        if (values == null || values.size() != n) {
            throw XdrException.encode("fixed array needs exactly " + n + " elements");
        }
        for (T v : values) {
            element.accept(this, v);
        }
        return this;
    }

    /** Writes a struct (any {@link XdrStruct}); null is an encode error. */
    public XdrWriter write(XdrStruct value) {
        if (value == null) {
            throw XdrException.encode("null struct where the protocol requires one");
        }
        value.encode(this);
        return this;
    }

    private static void checkMax(int n, int max, String what) {
        if (Integer.compareUnsigned(n, max) > 0) {
            throw XdrException.encode(what + " of " + n + " exceeds maximum " + max);
        }
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** A read-only view of what was written, without copying. */
    public ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(buf, 0, pos).asReadOnlyBuffer();
    }
}
