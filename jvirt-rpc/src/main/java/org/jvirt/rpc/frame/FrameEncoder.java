package org.jvirt.rpc.frame;

import java.util.function.Consumer;

import org.jvirt.rpc.xdr.XdrException;
import org.jvirt.rpc.xdr.XdrWriter;

/**
 * Builds packets: the length word (which counts itself), the header, the fd count for *_WITH_FDS types, then
 * the payload. Refuses anything bigger than libvirt's 32 MiB message limit, as libvirt does, with its words.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /** A packet whose payload the callback writes as XDR (nothing written = empty payload). */
    public static byte[] encode(MessageHeader header, int fdCount, Consumer<XdrWriter> payload) {
        MessageType type = header.type();
        if (fdCount != 0 && (type == null || !type.carriesFds())) {
            throw new IllegalArgumentException("file descriptors need CALL_WITH_FDS or REPLY_WITH_FDS");
        }
        if (fdCount < 0 || fdCount > NetLimits.NUM_FDS_MAX) {
            throw XdrException.rpc("Too many FDs to send " + fdCount + ", expected " + NetLimits.NUM_FDS_MAX
                    + " maximum", null);
        }
        XdrWriter w = new XdrWriter(256, NetLimits.MESSAGE_MAX + NetLimits.LEN_MAX);
        w.writeInt(0); // patched below, once the size is known
        header.encode(w);
        if (type != null && type.carriesFds()) {
            w.writeUnsignedInt(fdCount);
        }
        payload.accept(w);
        w.setInt(0, w.position());
        return w.toByteArray();
    }

    /** A packet with raw payload bytes (stream data, or a payload encoded elsewhere). */
    public static byte[] encode(MessageHeader header, byte[] payload, int off, int len) {
        return encode(header, 0, w -> w.writeRaw(payload, off, len));
    }

    /** A packet with an empty payload. */
    public static byte[] encode(MessageHeader header) {
        return encode(header, 0, w -> { });
    }

    /** Re-encodes a received message (useful for proxies and tests). */
    public static byte[] encode(RpcMessage message) {
        return encode(message.header(), message.fdCount(),
                w -> w.writeRaw(message.payload(), 0, message.payload().length));
    }
}
