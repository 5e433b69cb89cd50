package org.jvirt.daemon.auth;

/**
 * Who a client is, as far as the daemon knows (libvirt's virIdentity): the unix user and group of a local
 * peer, the SASL user name once authenticated, the x509 distinguished name of a TLS client. Absent parts are
 * null.
 */
public record ClientIdentity(String unixUser, String unixGroup, String saslUser, String x509Dn) {

    public static final ClientIdentity ANONYMOUS = new ClientIdentity(null, null, null, null);

    ClientIdentity withSaslUser(String user) {
        return new ClientIdentity(unixUser, unixGroup, user, x509Dn);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (unixUser != null) {
            b.append("unix-user=").append(unixUser).append(' ');
        }
        if (unixGroup != null) {
            b.append("unix-group=").append(unixGroup).append(' ');
        }
        if (saslUser != null) {
            b.append("sasl-user=").append(saslUser).append(' ');
        }
        if (x509Dn != null) {
            b.append("x509-dn=").append(x509Dn).append(' ');
        }
        return b.isEmpty() ? "<anonymous>" : b.toString().trim();
    }
}
