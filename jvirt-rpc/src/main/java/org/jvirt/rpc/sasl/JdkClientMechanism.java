package org.jvirt.rpc.sasl;

import java.util.concurrent.Callable;

import javax.security.auth.Subject;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;

/** A JDK {@link SaslClient} (DIGEST-MD5, GSSAPI) as a {@link ClientMechanism}. */
public final class JdkClientMechanism implements ClientMechanism {

    private final SaslClient client;
    private final Subject subject;

    public JdkClientMechanism(SaslClient client, Subject subject) {
        this.client = client;
        this.subject = subject;
    }

    private <T> T as(Callable<T> action) throws SaslException {
        try {
            return subject == null ? action.call() : Subject.callAs(subject, action);
        } catch (SaslException e) {
            throw e;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof SaslException se) {
                throw se;
            }
            throw new SaslException(String.valueOf(e.getCause()), e.getCause());
        } catch (Exception e) {
            throw new SaslException(String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public String name() {
        return client.getMechanismName();
    }

    @Override
    public byte[] start() throws SaslException {
        return client.hasInitialResponse() ? as(() -> client.evaluateChallenge(new byte[0])) : null;
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslException {
        byte[] c = challenge == null ? new byte[0] : challenge;
        return as(() -> client.evaluateChallenge(c));
    }

    @Override
    public boolean isComplete() {
        return client.isComplete();
    }

    @Override
    public SecurityLayer securityLayer() {
        if (!client.isComplete()) {
            return null;
        }
        String qop = (String) client.getNegotiatedProperty(Sasl.QOP);
        String cipher = null;
        try {
            cipher = (String) client.getNegotiatedProperty(Sasl.STRENGTH);
        } catch (RuntimeException e) {
            // not DIGEST-MD5
        }
        int ssf = Strength.of(name(), qop, cipher);
        if (ssf == 0) {
            return null;
        }
        Object rs = client.getNegotiatedProperty(Sasl.RAW_SEND_SIZE);
        int raw = rs == null ? 65536 : Integer.parseInt(rs.toString());
        return new SecurityLayer() {
            @Override
            public byte[] wrap(byte[] plain, int off, int len) throws SaslException {
                return client.wrap(plain, off, len);
            }

            @Override
            public byte[] unwrap(byte[] token, int off, int len) throws SaslException {
                return client.unwrap(token, off, len);
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

    @Override
    public void close() {
        try {
            client.dispose();
        } catch (SaslException e) {
            // nothing held that matters
        }
    }
}
