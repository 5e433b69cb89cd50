package org.jvirt.osinfo;

import java.util.List;

/**
 * A failure of the osinfo database: an unknown OS (with the nearest short-ids, as virt-install's "Unknown OS
 * name" suggests them), a malformed database file, an install script that cannot be generated.
 */
public final class OsinfoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The short-ids nearest to what was asked for; empty when the error is not about an unknown name. */
    private final List<String> nearest;

    public OsinfoException(String message) {
        this(message, List.of(), null);
    }

    public OsinfoException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    OsinfoException(String message, List<String> nearest, Throwable cause) {
        super(message, cause);
        this.nearest = List.copyOf(nearest);
    }

    /** For an unknown OS: the known short-ids closest to the name given, nearest first. */
    public List<String> nearest() {
        return nearest;
    }
}
