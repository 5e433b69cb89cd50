package org.jvirt.rpc.stream;

import org.jvirt.VirtException;
import org.jvirt.rpc.RemoteErrors;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.FrameEncoder;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.frame.MessageStatus;
import org.jvirt.rpc.frame.MessageType;
import org.jvirt.rpc.frame.NetLimits;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.VirtError;

/**
 * Builds and reads the packets of a stream. Every builder takes the header of the call that opened the stream
 * (its program, version, procedure and serial are echoed). libvirt has no per-packet acknowledgement; flow
 * control is the transport's back-pressure.
 */
public final class StreamPackets {

    /** The largest data chunk libvirtd sends; sending no more per packet suits every peer. */
    public static final int CHUNK = NetLimits.LEGACY_PAYLOAD_MAX;

    private StreamPackets() {
    }

    private static MessageHeader header(MessageHeader call, MessageType type, MessageStatus status) {
        return call.with(type, status);
    }

    /** STREAM/CONTINUE carrying raw bytes (at most {@link NetLimits#PAYLOAD_MAX}; prefer {@link #CHUNK}). */
    public static byte[] data(MessageHeader call, byte[] bytes, int off, int len) {
        return FrameEncoder.encode(header(call, MessageType.STREAM, MessageStatus.CONTINUE), bytes, off, len);
    }

    /** STREAM/CONTINUE with no bytes: end of data. */
    public static byte[] eof(MessageHeader call) {
        return FrameEncoder.encode(header(call, MessageType.STREAM, MessageStatus.CONTINUE));
    }

    /** STREAM_HOLE/CONTINUE with virNetStreamHole. */
    public static byte[] hole(MessageHeader call, long length, int flags) {
        StreamHole h = new StreamHole(length, flags);
        return FrameEncoder.encode(header(call, MessageType.STREAM_HOLE, MessageStatus.CONTINUE), 0, h::encode);
    }

    /** STREAM/OK, empty: finish (or confirm). */
    public static byte[] finish(MessageHeader call) {
        return FrameEncoder.encode(header(call, MessageType.STREAM, MessageStatus.OK));
    }

    /** STREAM/ERROR, empty: the client's abort. */
    public static byte[] abort(MessageHeader call) {
        return FrameEncoder.encode(header(call, MessageType.STREAM, MessageStatus.ERROR));
    }

    /** STREAM/ERROR with remote_error: the stream failed. */
    public static byte[] error(MessageHeader call, VirtError error) {
        return FrameEncoder.encode(header(call, MessageType.STREAM, MessageStatus.ERROR), 0,
                RemoteErrors.toWire(error)::encode);
    }

    /**
     * What a STREAM or STREAM_HOLE packet means. An error payload is taken as sent (no client rewriting); any
     * other packet type, or a payload that does not decode, is an RPC error.
     */
    public static StreamPacket decode(RpcMessage m) {
        MessageHeader h = m.header();
        if (h.is(MessageType.STREAM_HOLE)) {
            if (!h.is(MessageStatus.CONTINUE)) {
                throw new VirtException(RemoteErrors.unexpectedStatus(h.statusCode()));
            }
            return new StreamPacket.Hole(StreamHole.decode(m.payloadReader()));
        }
        if (!h.is(MessageType.STREAM)) {
            throw new VirtException(RemoteErrors.unexpectedType(h.typeCode()));
        }
        MessageStatus s = h.status();
        if (s == null) {
            throw new VirtException(RemoteErrors.unexpectedStatus(h.statusCode()));
        }
        return switch (s) {
            case CONTINUE -> new StreamPacket.Data(m.payload());
            case OK -> new StreamPacket.Finish();
            case ERROR -> m.payload().length == 0 ? new StreamPacket.Abort()
                    : new StreamPacket.Failure(RemoteErrors.fromWire(RpcCodec.decodeError(m)));
        };
    }
}
