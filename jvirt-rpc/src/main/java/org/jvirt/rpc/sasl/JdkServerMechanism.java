package org.jvirt.rpc.sasl;

import java.util.concurrent.Callable;

import javax.security.auth.Subject;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * A JDK {@link SaslServer} (DIGEST-MD5, GSSAPI) as a {@link ServerMechanism}. GSSAPI runs as the service's
 * Kerberos {@link Subject} (its keytab login); DIGEST-MD5 needs none.
 */
public final class JdkServerMechanism implements ServerMechanism {

    private final SaslServer server;
    private final Subject subject;

    public JdkServerMechanism(SaslServer server, Subject subject) {
        this.server = server;
        this.subject = subject;
    }

    private <T> T as(Callable<T> action) throws SaslException {
        if (subject == null) {
            try {
                return action.call();
            } catch (SaslException e) {
                throw e;
            } catch (Exception e) {
                throw new SaslException(e.getMessage(), e);
            }
        }
        try {
            return Subject.callAs(subject, action);
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SaslException se) {
                throw se;
            }
            throw new SaslException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    @Override
    public String name() {
        return server.getMechanismName();
    }

    @Override
    public byte[] evaluate(byte[] response) throws SaslException {
        byte[] r = response == null ? new byte[0] : response;
        return as(() -> server.evaluateResponse(r));
    }

    @Override
    public boolean isComplete() {
        return server.isComplete();
    }

    @Override
    public String identity() {
        return server.isComplete() ? server.getAuthorizationID() : null;
    }

    @Override
    public SecurityLayer securityLayer() {
        if (!server.isComplete()) {
            return null;
        }
        String qop = (String) server.getNegotiatedProperty(Sasl.QOP);
        int ssf = Strength.of(name(), qop, cipher());
        if (ssf == 0) {
            return null;
        }
        int raw = rawSendSize();
        return new SecurityLayer() {
            @Override
            public byte[] wrap(byte[] plain, int off, int len) throws SaslException {
                synchronized (this) {
                    return server.wrap(plain, off, len);
                }
            }

            @Override
            public byte[] unwrap(byte[] token, int off, int len) throws SaslException {
                return server.unwrap(token, off, len);
            }

            @Override
            public int maxRawSend() {
                return raw;
            }

            @Override
            public int ssf() {
                return ssf;
            }
        };
    }

    private String cipher() {
        try {
            return (String) server.getNegotiatedProperty(Sasl.STRENGTH);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int rawSendSize() {
        Object v = server.getNegotiatedProperty(Sasl.RAW_SEND_SIZE);
        try {
            return v == null ? 65536 : Integer.parseInt(v.toString());
        } catch (NumberFormatException e) {
            return 65536;
        }
    }

    /** The SSF of the finished exchange (0 without a layer). */
    public int ssf() {
        SecurityLayer l = securityLayer();
        return l == null ? 0 : l.ssf();
    }

    @Override
    public void close() {
        try {
            server.dispose();
        } catch (SaslException e) {
            // nothing held that matters
        }
    }
}
