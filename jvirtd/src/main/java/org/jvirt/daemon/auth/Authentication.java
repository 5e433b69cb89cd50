package org.jvirt.daemon.auth;

import java.nio.file.Path;

import org.jvirt.daemon.net.Listener;
import org.jvirt.transport.Transport;
import org.jvirt.daemon.net.UnixListener;
import org.jvirt.daemon.session.CallServer;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.daemon.session.SessionLimits;
import org.jvirt.transport.SaslTransport;

/**
 * Where a new client gets its authentication state: the socket's scheme, the peer's unix credentials, and, on
 * a SASL socket, the transport that can switch to a security layer. The daemon's accept loop calls this once
 * per client, before the session reads anything.
 */
public final class Authentication {

    private Authentication() {
    }

    public static ClientSession session(Transport accepted, Listener listener, AuthScheme scheme,
                                        CallServer server, SessionLimits limits) {
        AuthScheme s = scheme == null ? AuthScheme.NONE : scheme;
        SaslTransport sasl = s == AuthScheme.SASL ? new SaslTransport(accepted) : null;
        Transport t = sasl != null ? sasl : accepted;
        ClientSession session = new ClientSession(t, listener.readOnly(), server, limits);
        ClientIdentity id = accepted.unixPeer()
                .map(p -> new ClientIdentity(p.user().getName(), p.group().getName(), null, null))
                .orElse(ClientIdentity.ANONYMOUS);
        Path socket = listener instanceof UnixListener u ? u.path() : null;
        ClientAuth auth = ClientAuth.attach(session, s, accepted.isSecure(), sasl, id, socket);
        auth.x509Source(accepted::x509Dn);
        return session;
    }
}
