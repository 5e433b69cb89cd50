package org.jvirt.daemon.auth;

import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.sasl.ServerMechanism;
import org.jvirt.transport.SaslTransport;

/**
 * One client's authentication: the scheme of the socket it came through, whether it has authenticated, the
 * SASL exchange in progress, and its identity. Kept as a per-session resource; a session nobody attached one to
 * (built outside the daemon, in tests) counts as auth "none".
 */
public final class ClientAuth implements AutoCloseable {

    private final AuthScheme scheme;
    private final boolean secure;
    private final SaslTransport saslTransport;
    private final java.nio.file.Path socketPath;
    private volatile java.util.function.Supplier<java.util.Optional<String>> x509;
    private volatile boolean authenticated;
    private volatile Runnable onAuthenticated;
    private volatile ClientIdentity identity;
    private ServerMechanism mechanism;
    private boolean saslInitDone;

    ClientAuth(AuthScheme scheme, boolean secure, SaslTransport saslTransport, ClientIdentity identity,
               java.nio.file.Path socketPath) {
        this.socketPath = socketPath;
        this.scheme = scheme;
        this.secure = secure;
        this.saslTransport = saslTransport;
        this.identity = identity;
        this.authenticated = scheme == AuthScheme.NONE;
    }

    /** Attaches the state of a new client; the daemon calls it before the session reads anything. */
    public static ClientAuth attach(ClientSession session, AuthScheme scheme, boolean secure,
                                    SaslTransport saslTransport, ClientIdentity identity,
                                    java.nio.file.Path socketPath) {
        ClientAuth a = new ClientAuth(scheme, secure, saslTransport, identity, socketPath);
        return session.resource(ClientAuth.class, () -> a);
    }

    /** The client's state (auth "none", anonymous, when nothing was attached). */
    public static ClientAuth of(ClientSession session) {
        return session.resource(ClientAuth.class,
                () -> new ClientAuth(AuthScheme.NONE, session.isSecure(), null, ClientIdentity.ANONYMOUS, null));
    }

    public AuthScheme scheme() {
        return scheme;
    }

    public boolean secure() {
        return secure;
    }

    public boolean authenticated() {
        return authenticated;
    }

    /** Who the client is; a TLS client's DN joins once its handshake (on the session's thread) is done. */
    public ClientIdentity identity() {
        java.util.function.Supplier<java.util.Optional<String>> dn = x509;
        if (dn != null) {
            java.util.Optional<String> v = dn.get();
            if (v.isPresent()) {
                synchronized (this) {
                    identity = new ClientIdentity(identity.unixUser(), identity.unixGroup(), identity.saslUser(),
                            v.get());
                    x509 = null;
                }
            }
        }
        return identity;
    }

    void x509Source(java.util.function.Supplier<java.util.Optional<String>> dn) {
        this.x509 = dn;
    }

    /** The local peer's process for polkit; null on TCP/TLS or when it cannot be told apart. */
    public PeerProcess peerProcess() {
        return socketPath == null || identity.unixUser() == null ? null
                : PeerProcess.find(socketPath, identity.unixUser());
    }

    SaslTransport saslTransport() {
        return saslTransport;
    }

    synchronized ServerMechanism mechanism() {
        return mechanism;
    }

    synchronized void mechanism(ServerMechanism m) {
        if (mechanism != null && mechanism != m) {
            mechanism.close();
        }
        mechanism = m;
    }

    /** The exchange succeeded: forget it without disposing of it, since its security layer lives on. */
    synchronized void mechanismFinished() {
        mechanism = null;
    }

    synchronized boolean saslInitDone() {
        return saslInitDone;
    }

    synchronized void saslInitDone(boolean done) {
        saslInitDone = done;
    }

    void authenticatedAs(String saslUser) {
        if (saslUser != null) {
            identity = identity().withSaslUser(saslUser);
        }
        authenticated = true;
        Runnable r = onAuthenticated;
        if (r != null) {
            r.run();
        }
    }

    /** Runs once the client has authenticated (SASL or polkit); never for a socket with auth "none". */
    public void onAuthenticated(Runnable r) {
        onAuthenticated = r;
    }

    @Override
    public synchronized void close() {
        if (mechanism != null) {
            mechanism.close();
            mechanism = null;
        }
    }
}
