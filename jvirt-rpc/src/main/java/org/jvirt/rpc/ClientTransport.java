package org.jvirt.rpc;

/**
 * libvirt's virClientTransport (libvirt-admin.h): how a client reached the daemon, as the ADMIN program reports it
 * in admin_nonnull_client, with libvirt's numbers and virt-admin's words.
 */
public enum ClientTransport {
    /** VIR_CLIENT_TRANS_UNIX: a unix socket (ssh tunnels arrive here too). */
    UNIX(0, "unix"),
    /** VIR_CLIENT_TRANS_TCP: plain TCP (SASL may wrap it). */
    TCP(1, "tcp"),
    /** VIR_CLIENT_TRANS_TLS. */
    TLS(2, "tls");

    private final int code;
    private final String label;

    ClientTransport(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** virt-admin's word for it (vshAdmClientTransportToString). */
    public String label() {
        return label;
    }

    public static ClientTransport ofCode(int code) {
        for (ClientTransport t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown client transport " + code);
    }
}
