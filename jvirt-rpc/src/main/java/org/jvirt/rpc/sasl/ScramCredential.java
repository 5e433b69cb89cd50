package org.jvirt.rpc.sasl;

import java.security.MessageDigest;
import java.util.Base64;

import javax.security.sasl.SaslException;

/**
 * What a server keeps of a SCRAM-SHA-256 password (RFC 5802 §3): salt, iteration count, StoredKey and
 * ServerKey. The password itself cannot be recovered from it, and a stolen entry does not let anyone log in.
 */
public record ScramCredential(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {

    public ScramCredential {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives the entry for a password with a fresh random salt. */
    public static ScramCredential derive(char[] password, int iterations) throws SaslException {
        byte[] salt = new byte[16];
        Scram.RANDOM.nextBytes(salt);
        return derive(password, salt, iterations);
    }

    public static ScramCredential derive(char[] password, byte[] salt, int iterations) throws SaslException {
        if (iterations < Scram.MIN_ITERATIONS) {
            throw new SaslException("SCRAM: at least " + Scram.MIN_ITERATIONS + " iterations are needed");
        }
        byte[] salted = Scram.saltedPassword(password, salt, iterations);
        byte[] clientKey = Scram.hmac(salted, "Client Key");
        return new ScramCredential(iterations, salt, Scram.sha256(clientKey), Scram.hmac(salted, "Server Key"));
    }

    /** "iterations:salt:storedKey:serverKey", base64 — the password file's form. */
    public String encode() {
        Base64.Encoder e = Base64.getEncoder();
        return iterations + ":" + e.encodeToString(salt) + ":" + e.encodeToString(storedKey) + ":"
                + e.encodeToString(serverKey);
    }

    public static ScramCredential decode(String s) {
        String[] p = s.split(":");
        if (p.length != 4) {
            throw new IllegalArgumentException("SCRAM entry needs iterations:salt:storedKey:serverKey");
        }
        Base64.Decoder d = Base64.getDecoder();
        return new ScramCredential(Integer.parseInt(p[0]), d.decode(p[1]), d.decode(p[2]), d.decode(p[3]));
    }

    boolean storedKeyMatches(byte[] candidate) {
        return MessageDigest.isEqual(storedKey, candidate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredential c && c.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }

    @Override
    public String toString() {
        return "ScramCredential[iterations=" + iterations + "]";
    }
}
