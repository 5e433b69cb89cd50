package org.jvirt.rpc.sasl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.security.sasl.SaslException;

/**
 * The byte stream under a SASL security layer, as cyrus-sasl's sasl_encode/sasl_decode produce and consume it
 * (RFC 4422 §3.7): each token travels as a 4-byte big-endian length and the wrapped bytes. One instance per
 * connection; {@link #encode} is called by the (serialised) writer, {@link #decode} by the one reader.
 */
public final class SaslFraming {

    /** A token may be at most this long: libvirt wraps at most 64 KiB, plus the mechanism's own overhead. */
    public static final int MAX_TOKEN = 65536 + 4096;

    private final SecurityLayer layer;
    private byte[] pending = new byte[0];
    private int pendingLength;
    private byte[] decoded = new byte[0];
    private int decodedOffset;

    public SaslFraming(SecurityLayer layer) {
        this.layer = layer;
    }

    public SecurityLayer layer() {
        return layer;
    }

    /** The wire bytes for {@code len} plain bytes: as many tokens as the peer's buffer size needs. */
    public byte[] encode(byte[] buf, int off, int len) throws SaslException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 64);
        int max = Math.max(1, layer.maxRawSend());
        int done = 0;
        do {
            int n = Math.min(max, len - done);
            byte[] token = layer.wrap(buf, off + done, n);
            out.write(token.length >>> 24);
            out.write(token.length >>> 16);
            out.write(token.length >>> 8);
            out.write(token.length);
            out.write(token, 0, token.length);
            done += n;
        } while (done < len);
        return out.toByteArray();
    }

    /** Whether plain bytes are waiting to be read. */
    public boolean hasDecoded() {
        return decodedOffset < decoded.length;
    }

    /** Copies out waiting plain bytes; 0 when none. */
    public int read(byte[] buf, int off, int len) {
        int n = Math.min(len, decoded.length - decodedOffset);
        System.arraycopy(decoded, decodedOffset, buf, off, n);
        decodedOffset += n;
        return n;
    }

    /** Takes wire bytes; every whole token among them is unwrapped and becomes readable. */
    public void decode(byte[] raw, int off, int len) throws IOException {
        if (pendingLength + len > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pendingLength + len, pending.length * 2));
        }
        System.arraycopy(raw, off, pending, pendingLength, len);
        pendingLength += len;
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int pos = 0;
        while (pendingLength - pos >= 4) {
            int tokenLength = ((pending[pos] & 0xff) << 24) | ((pending[pos + 1] & 0xff) << 16)
                    | ((pending[pos + 2] & 0xff) << 8) | (pending[pos + 3] & 0xff);
            if (tokenLength <= 0 || tokenLength > MAX_TOKEN) {
                throw new SaslException("SASL token length " + Integer.toUnsignedString(tokenLength)
                        + " out of range");
            }
            if (pendingLength - pos - 4 < tokenLength) {
                break;
            }
            byte[] p = layer.unwrap(pending, pos + 4, tokenLength);
            plain.write(p, 0, p.length);
            pos += 4 + tokenLength;
        }
        System.arraycopy(pending, pos, pending, 0, pendingLength - pos);
        pendingLength -= pos;
        if (plain.size() > 0) {
            byte[] rest = Arrays.copyOfRange(decoded, decodedOffset, decoded.length);
            byte[] add = plain.toByteArray();
            decoded = Arrays.copyOf(rest, rest.length + add.length);
            System.arraycopy(add, 0, decoded, rest.length, add.length);
            decodedOffset = 0;
        }
    }
}
