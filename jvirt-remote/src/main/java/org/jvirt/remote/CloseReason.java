package org.jvirt.remote;

/** Why a remote connection closed: libvirt's virConnectCloseReason, same values. */
public enum CloseReason {
    /** Misc I/O error (or a protocol violation by the peer). */
    ERROR(0),
    /** End of file from the server. */
    EOF(1),
    /** The peer stopped answering keepalive PINGs. */
    KEEPALIVE(2),
    /** The application closed the connection. */
    CLIENT(3);

    private final int code;

    CloseReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CloseReason fromCode(int code) {
        for (CloseReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return ERROR;
    }
}
