package org.jvirt.rpc.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.sasl.SaslException;

/**
 * The formulas of SCRAM-SHA-256 (RFC 5802 §3 with RFC 7677's hash), shared by {@link ScramServer}, {@link
 * ScramClient} and the password file: Hi (PBKDF2 with HMAC-SHA-256), the keys, the name escaping, and the
 * "a=b,c=d" message syntax.
 */
public final class Scram {

    public static final String MECHANISM = "SCRAM-SHA-256";
    /** cyrus-sasl's client refuses fewer iterations than this. */
    public static final int MIN_ITERATIONS = 4096;
    static final SecureRandom RANDOM = new SecureRandom();

    private Scram() {
    }

    /** SaltedPassword := Hi(Normalize(password), salt, i). */
    public static byte[] saltedPassword(char[] password, byte[] salt, int iterations) throws SaslException {
        byte[] pw = normalize(new String(password)).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pw, "HmacSHA256"));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SaslException("SCRAM: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(pw, (byte) 0);
        }
    }

    static byte[] hmac(byte[] key, String text) throws SaslException {
        return hmac(key, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] data) throws SaslException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new SaslException("SCRAM: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) throws SaslException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new SaslException("SCRAM: " + e.getMessage(), e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] r = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (byte) (a[i] ^ b[i]);
        }
        return r;
    }

    /** SASLprep, as far as it matters for passwords typed by people: compatibility composition (NFKC). */
    static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    /** "," and "=" in a name travel as "=2C" and "=3D". */
    static String escapeName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    static String unescapeName(String name) throws SaslException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '=') {
                if (name.startsWith("=2C", i)) {
                    b.append(',');
                } else if (name.startsWith("=3D", i)) {
                    b.append('=');
                } else {
                    throw new SaslException("SCRAM: invalid escape in user name");
                }
                i += 2;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** "r=abc,s=xyz,i=4096" → {r: abc, s: xyz, i: 4096}, in order; a repeated or malformed attribute fails. */
    static Map<Character, String> attributes(String message) throws SaslException {
        Map<Character, String> m = new LinkedHashMap<>();
        for (String part : message.split(",", -1)) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw new SaslException("SCRAM: malformed message");
            }
            if (m.put(part.charAt(0), part.substring(2)) != null) {
                throw new SaslException("SCRAM: attribute " + part.charAt(0) + " repeated");
            }
        }
        return m;
    }

    static String require(Map<Character, String> attrs, char key) throws SaslException {
        String v = attrs.get(key);
        if (v == null) {
            throw new SaslException("SCRAM: attribute " + key + " missing");
        }
        return v;
    }

    static String nonce() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static byte[] unb64(String s) throws SaslException {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new SaslException("SCRAM: bad base64");
        }
    }

    static String utf8(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
