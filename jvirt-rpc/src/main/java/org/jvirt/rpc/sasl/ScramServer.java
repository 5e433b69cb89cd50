package org.jvirt.rpc.sasl;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

import javax.security.sasl.SaslException;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802 §5, RFC 7677), without channel binding (libvirt binds none; the
 * -PLUS variant is not offered, so a client's "y" flag is accepted as the RFC allows). An unknown user gets a
 * made-up but stable salt and fails at the proof, so the exchange does not tell which names exist. No
 * security layer: SSF 0, which libvirt accepts only on TLS and unix sockets.
 */
public final class ScramServer implements ServerMechanism {

    private enum State { FIRST, FINAL, DONE, FAILED }

    private static final byte[] UNKNOWN_USER_KEY = new byte[32];

    static {
        Scram.RANDOM.nextBytes(UNKNOWN_USER_KEY);
    }

    private final Function<String, ScramCredential> credentials;
    private State state = State.FIRST;
    private String user;
    private ScramCredential credential;
    private boolean known;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /** @param credentials the stored entry of a user name, or null when there is none */
    public ScramServer(Function<String, ScramCredential> credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return Scram.MECHANISM;
    }

    @Override
    public byte[] evaluate(byte[] response) throws SaslException {
        try {
            return switch (state) {
                case FIRST -> first(Scram.utf8(response));
                case FINAL -> last(Scram.utf8(response));
                case DONE, FAILED -> throw new SaslException("SCRAM: exchange already finished");
            };
        } catch (SaslException | RuntimeException e) {
            state = State.FAILED;
            throw e instanceof SaslException se ? se : new SaslException("SCRAM: " + e.getMessage());
        }
    }

    private byte[] first(String message) throws SaslException {
        // gs2-header: cbind-flag "," [authzid] ","
        int c1 = message.indexOf(',');
        int c2 = c1 < 0 ? -1 : message.indexOf(',', c1 + 1);
        if (c2 < 0) {
            throw new SaslException("SCRAM: malformed client-first-message");
        }
        String flag = message.substring(0, c1);
        if (!flag.equals("n") && !flag.equals("y")) {
            throw new SaslException("SCRAM: channel binding is not supported");
        }
        String authzid = message.substring(c1 + 1, c2);
        gs2Header = message.substring(0, c2 + 1);
        clientFirstBare = message.substring(c2 + 1);
        Map<Character, String> a = Scram.attributes(clientFirstBare);
        if (a.containsKey('m')) {
            throw new SaslException("SCRAM: mandatory extension not supported");
        }
        user = Scram.normalize(Scram.unescapeName(Scram.require(a, 'n')));
        if (!authzid.isEmpty()) {
            if (!authzid.startsWith("a=") || !Scram.unescapeName(authzid.substring(2)).equals(user)) {
                throw new SaslException("SCRAM: authorization identity differs from the user name");
            }
        }
        String clientNonce = Scram.require(a, 'r');
        if (clientNonce.isEmpty()) {
            throw new SaslException("SCRAM: empty nonce");
        }
        credential = credentials.apply(user);
        known = credential != null;
        if (!known) {
            byte[] salt = Arrays.copyOf(Scram.hmac(UNKNOWN_USER_KEY, user), 16);
            byte[] junk = new byte[32];
            Scram.RANDOM.nextBytes(junk);
            credential = new ScramCredential(Scram.MIN_ITERATIONS, salt, junk, junk);
        }
        nonce = clientNonce + Scram.nonce();
        serverFirst = "r=" + nonce + ",s=" + Scram.b64(credential.salt()) + ",i=" + credential.iterations();
        state = State.FINAL;
        return Scram.bytes(serverFirst);
    }

    private byte[] last(String message) throws SaslException {
        int p = message.lastIndexOf(",p=");
        if (p < 0) {
            throw new SaslException("SCRAM: proof missing");
        }
        String withoutProof = message.substring(0, p);
        Map<Character, String> a = Scram.attributes(withoutProof);
        if (!Arrays.equals(Scram.unb64(Scram.require(a, 'c')), Scram.bytes(gs2Header))) {
            throw new SaslException("SCRAM: channel binding data differs");
        }
        if (!nonce.equals(Scram.require(a, 'r'))) {
            throw new SaslException("SCRAM: nonce differs");
        }
        byte[] proof = Scram.unb64(message.substring(p + 3));
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = Scram.hmac(credential.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new SaslException("SCRAM: authentication failed");
        }
        byte[] clientKey = Scram.xor(proof, clientSignature);
        if (!known || !credential.storedKeyMatches(Scram.sha256(clientKey))) {
            throw new SaslException("SCRAM: authentication failed");
        }
        state = State.DONE;
        return Scram.bytes("v=" + Scram.b64(Scram.hmac(credential.serverKey(), authMessage)));
    }

    @Override
    public boolean isComplete() {
        return state == State.DONE;
    }

    @Override
    public String identity() {
        return state == State.DONE ? user : null;
    }

    @Override
    public SecurityLayer securityLayer() {
        return null;
    }
}
