package org.jvirt.rpc.frame;

/** virNetMessageStatus, with libvirt's values. */
public enum MessageStatus {
    /** calls always; a successful reply; a stream's end. */
    OK(0),
    /** a reply or stream packet carrying remote_error (or an empty client abort). */
    ERROR(1),
    /** stream data, more to come. */
    CONTINUE(2);

    private final int code;

    MessageStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with this value, or null for a value libvirt does not define. */
    public static MessageStatus fromCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
