package org.jvirt.rpc.sasl;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;

import javax.security.sasl.SaslException;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802 §5, RFC 7677), without channel binding ("n,,"). It checks the
 * server's signature, so a server that does not know the password cannot pass for the real one.
 */
public final class ScramClient implements ClientMechanism {

    private enum State { START, FIRST, FINAL, DONE }

    private final String user;
    private final char[] password;
    private State state = State.START;
    private String clientFirstBare;
    private String clientNonce;
    private byte[] serverSignature;

    public ScramClient(String user, char[] password) {
        this(user, password, null);
    }

    /** With a fixed nonce, for RFC 7677's test vector. */
    ScramClient(String user, char[] password, String nonce) {
        this.user = user;
        this.password = password.clone();
        this.clientNonce = nonce;
    }

    @Override
    public String name() {
        return Scram.MECHANISM;
    }

    @Override
    public byte[] start() throws SaslException {
        if (state != State.START) {
            throw new SaslException("SCRAM: already started");
        }
        if (clientNonce == null) {
            clientNonce = Scram.nonce();
        }
        clientFirstBare = "n=" + Scram.escapeName(Scram.normalize(user)) + ",r=" + clientNonce;
        state = State.FIRST;
        return Scram.bytes("n,," + clientFirstBare);
    }

    @Override
    public byte[] evaluate(byte[] challenge) throws SaslException {
        switch (state) {
            case FIRST -> {
                return answer(Scram.utf8(challenge));
            }
            case FINAL -> {
                verify(Scram.utf8(challenge));
                return null;
            }
            default -> throw new SaslException("SCRAM: unexpected server data");
        }
    }

    private byte[] answer(String serverFirst) throws SaslException {
        Map<Character, String> a = Scram.attributes(serverFirst);
        if (a.containsKey('m')) {
            throw new SaslException("SCRAM: mandatory extension not supported");
        }
        String nonce = Scram.require(a, 'r');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new SaslException("SCRAM: the server's nonce does not extend ours");
        }
        byte[] salt = Scram.unb64(Scram.require(a, 's'));
        int iterations;
        try {
            iterations = Integer.parseInt(Scram.require(a, 'i'));
        } catch (NumberFormatException e) {
            throw new SaslException("SCRAM: bad iteration count");
        }
        if (iterations < Scram.MIN_ITERATIONS || iterations > 10_000_000) {
            throw new SaslException("SCRAM: iteration count " + iterations + " out of range");
        }
        byte[] salted = Scram.saltedPassword(password, salt, iterations);
        Arrays.fill(password, '\0');
        String withoutProof = "c=" + Scram.b64(Scram.bytes("n,,")) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientKey = Scram.hmac(salted, "Client Key");
        byte[] clientSignature = Scram.hmac(Scram.sha256(clientKey), authMessage);
        serverSignature = Scram.hmac(Scram.hmac(salted, "Server Key"), authMessage);
        state = State.FINAL;
        return Scram.bytes(withoutProof + ",p=" + Scram.b64(Scram.xor(clientKey, clientSignature)));
    }

    private void verify(String serverFinal) throws SaslException {
        Map<Character, String> a = Scram.attributes(serverFinal);
        if (a.containsKey('e')) {
            throw new SaslException("SCRAM: server said " + a.get('e'));
        }
        if (!MessageDigest.isEqual(serverSignature, Scram.unb64(Scram.require(a, 'v')))) {
            throw new SaslException("SCRAM: the server's signature is wrong");
        }
        state = State.DONE;
    }

    @Override
    public boolean isComplete() {
        return state == State.DONE;
    }

    @Override
    public SecurityLayer securityLayer() {
        return null;
    }

    @Override
    public void close() {
        Arrays.fill(password, '\0');
    }
}
