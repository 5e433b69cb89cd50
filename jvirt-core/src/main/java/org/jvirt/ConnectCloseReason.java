package org.jvirt;

/** Why a connection closed under the application: libvirt's virConnectCloseReason, same values. */
public enum ConnectCloseReason {
    /** Misc I/O error (or a protocol violation by the peer). */
    ERROR(0),
    /** End of file from the server. */
    EOF(1),
    /** The peer stopped answering keepalive PINGs. */
    KEEPALIVE(2),
    /** The application closed the connection. */
    CLIENT(3);

    private final int code;

    ConnectCloseReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reason for a wire value; an unknown one is an {@link #ERROR}, as libvirt's clients treat it. */
    public static ConnectCloseReason fromCode(int code) {
        for (ConnectCloseReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return ERROR;
    }
}
