package org.jvirt.rpc.sasl;

import java.util.Map;

import javax.security.sasl.Sasl;

/**
 * The SSF (security strength factor, bits) libvirt compares against 56, computed from what the JDK's
 * mechanisms report, as cyrus-sasl's plugins count: no layer 0, integrity only 1, confidentiality the
 * cipher's key bits. The JDK's DIGEST-MD5 reports the cipher only as a strength class: "high" (3des, rc4;
 * counted as 112, the lower), "medium" (des, rc4-56: 56), "low" (rc4-40: 40). GSSAPI: 56, cyrus's value.
 */
public final class Strength {

    private static final Map<String, Integer> DIGEST_STRENGTHS = Map.of("high", 112, "medium", 56, "low", 40);

    private Strength() {
    }

    static int of(String mechanism, String qop, String strength) {
        if (qop == null || qop.equals("auth")) {
            return 0;
        }
        if (qop.equals("auth-int")) {
            return 1;
        }
        if (mechanism.equals("DIGEST-MD5")) {
            return strength == null ? 0 : DIGEST_STRENGTHS.getOrDefault(strength, 0);
        }
        return 56;
    }

    /** The JDK properties asking for at least {@code minSsf}: "auth-conf" only from 56 up. */
    public static Map<String, String> properties(int minSsf, boolean allowLayer) {
        String qop;
        if (minSsf >= 56) {
            qop = "auth-conf";
        } else if (minSsf > 0) {
            qop = "auth-conf,auth-int";
        } else {
            qop = allowLayer ? "auth,auth-int,auth-conf" : "auth";
        }
        return Map.of(Sasl.QOP, qop, Sasl.STRENGTH, minSsf >= 56 ? "high,medium" : "high,medium,low",
                Sasl.MAX_BUFFER, "65536", Sasl.POLICY_NOPLAINTEXT, "true",
                Sasl.POLICY_NOANONYMOUS, "true");
    }
}
