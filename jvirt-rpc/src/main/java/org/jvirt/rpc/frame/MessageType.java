package org.jvirt.rpc.frame;

/** virNetMessageType, with libvirt's values. */
public enum MessageType {
    /** client to server: a call's arguments. */
    CALL(0),
    /** server to client: a call's result or error. */
    REPLY(1),
    /** either direction: an event or a keepalive. */
    MESSAGE(2),
    /** either direction: stream data, end or error. */
    STREAM(3),
    /** client to server: a call that passes file descriptors. */
    CALL_WITH_FDS(4),
    /** server to client: a reply that passes file descriptors. */
    REPLY_WITH_FDS(5),
    /** either direction: a hole in a sparse stream. */
    STREAM_HOLE(6);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Whether a u32 fd count follows the header. */
    public boolean carriesFds() {
        return this == CALL_WITH_FDS || this == REPLY_WITH_FDS;
    }

    /** The type with this value, or null for a value libvirt does not define. */
    public static MessageType fromCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
