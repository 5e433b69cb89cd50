package org.jvirt.rpc.sasl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.security.sasl.SaslException;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * What an unauthenticated peer controls — SCRAM messages and the wrapped token stream — never gets past the
 * decoders with anything but a SaslException (no runtime exception, no authentication).
 */
class SaslDecoderPropertiesTest {

    private static final ScramCredential CRED;

    static {
        try {
            CRED = ScramCredential.derive("pw".toCharArray(), 4096);
        } catch (SaslException e) {
            throw new IllegalStateException(e);
        }
    }

    @Property(tries = 2000)
    void scramServerRejectsGarbageCleanly(@ForAll @Size(max = 300) byte[] first, @ForAll @Size(max = 300) byte[] last) {
        ScramServer s = new ScramServer(u -> CRED);
        try {
            s.evaluate(first);
            s.evaluate(last);
        } catch (SaslException expected) {
            // the only way to fail
        }
        assertFalse(s.isComplete());
    }

    @Property(tries = 2000)
    void scramServerRejectsWellFormedButWrongFinals(@ForAll @Size(max = 40) String nonce,
                                                    @ForAll @Size(max = 60) String proof) {
        ScramServer s = new ScramServer(u -> CRED);
        try {
            byte[] sf = s.evaluate(("n,,n=user,r=x" + nonce.replace(",", "")).getBytes(StandardCharsets.UTF_8));
            String r = new String(sf, StandardCharsets.UTF_8).split(",")[0];
            s.evaluate(("c=biws," + r + ",p=" + proof).getBytes(StandardCharsets.UTF_8));
        } catch (SaslException expected) {
            // the only way to fail
        }
        assertFalse(s.isComplete());
    }

    @Property(tries = 3000)
    void framingNeverThrowsAnythingElse(@ForAll @Size(max = 600) byte[] wire) {
        SaslFraming f = new SaslFraming(new SaslFramingTest.Toy());
        byte[] buf = new byte[128];
        try {
            f.decode(wire, 0, wire.length);
            while (f.read(buf, 0, buf.length) > 0) {
                // drain
            }
        } catch (IOException expected) {
            // SaslException is an IOException: the only way to fail
        }
    }
}
