package org.jvirt.rpc.frame;

import java.util.Objects;

import org.jvirt.rpc.xdr.XdrReader;
import org.jvirt.rpc.xdr.XdrWriter;

/**
 * virNetMessageHeader, the 24 bytes after the length word. Type and status are kept as the integers that came
 * off the wire, because libvirt answers an out-of-range status on a call with an error reply ("Unexpected
 * message status N") rather than dropping the connection — which needs a header that still holds the value.
 * {@link #type()} and {@link #status()} give the enums (null when the value is unknown).
 *
 * @param program   program number
 * @param version   program version
 * @param procedure procedure number within the program
 * @param typeCode  virNetMessageType value
 * @param serial    call serial; replies and stream packets echo their call's
 * @param statusCode virNetMessageStatus value
 */
public record MessageHeader(int program, int version, int procedure, int typeCode, int serial, int statusCode) {

    public static MessageHeader of(int program, int version, int procedure, MessageType type, int serial,
                                   MessageStatus status) {
        return new MessageHeader(program, version, procedure, type.code(), serial, status.code());
    }

    /** The type, or null when the peer sent a value libvirt does not define. */
    public MessageType type() {
        return MessageType.fromCode(typeCode);
    }

    /** The status, or null when the peer sent a value libvirt does not define. */
    public MessageStatus status() {
        return MessageStatus.fromCode(statusCode);
    }

    public boolean is(MessageType t) {
        return typeCode == t.code();
    }

    public boolean is(MessageStatus s) {
        return statusCode == s.code();
    }

    /** This header with another type and status (e.g. the reply to a call echoes everything else). */
    public MessageHeader with(MessageType type, MessageStatus status) {
        Objects.requireNonNull(type);
        Objects.requireNonNull(status);
        return new MessageHeader(program, version, procedure, type.code(), serial, status.code());
    }

    public void encode(XdrWriter w) {
        w.writeUnsignedInt(program);
        w.writeUnsignedInt(version);
        w.writeInt(procedure);
        w.writeInt(typeCode);
        w.writeUnsignedInt(serial);
        w.writeInt(statusCode);
    }

    public static MessageHeader decode(XdrReader r) {
        return new MessageHeader(r.readUnsignedInt(), r.readUnsignedInt(), r.readInt(), r.readInt(),
                r.readUnsignedInt(), r.readInt());
    }

    @Override
    public String toString() {
        MessageType t = type();
        MessageStatus s = status();
        return "MessageHeader[prog=0x" + Integer.toHexString(program) + ", vers=" + version + ", proc=" + procedure
                + ", type=" + (t == null ? typeCode : t) + ", serial=" + Integer.toUnsignedString(serial)
                + ", status=" + (s == null ? statusCode : s) + "]";
    }
}
