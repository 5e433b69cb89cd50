package org.jvirt.rpc.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.security.sasl.SaslException;

import org.junit.jupiter.api.Test;

/** SCRAM-SHA-256 against RFC 7677 §3's exchange, and our client against our server. */
class ScramTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void clientReproducesRfc7677() throws Exception {
        ScramClient c = new ScramClient("user", "pencil".toCharArray(), "rOprNGfwEbeRWgbNEkqO");
        assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", new String(c.start(), StandardCharsets.UTF_8));
        byte[] fin = c.evaluate(b("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertEquals("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", new String(fin, StandardCharsets.UTF_8));
        assertNull(c.evaluate(b("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")));
        assertTrue(c.isComplete());
    }

    @Test
    void clientRefusesAServerThatDoesNotKnowThePassword() throws Exception {
        ScramClient c = new ScramClient("user", "pencil".toCharArray(), "rOprNGfwEbeRWgbNEkqO");
        c.start();
        c.evaluate(b("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"));
        assertThrows(SaslException.class, () -> c.evaluate(b("v=" + Base64.getEncoder().encodeToString(new byte[32]))));
    }

    @Test
    void serverAcceptsTheRfcCredentialAndOurClient() throws Exception {
        ScramCredential cred = ScramCredential.derive("pencil".toCharArray(),
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        ScramServer s = new ScramServer(u -> u.equals("user") ? cred : null);
        ScramClient c = new ScramClient("user", "pencil".toCharArray());
        byte[] first = s.evaluate(c.start());
        byte[] last = s.evaluate(c.evaluate(first));
        assertTrue(s.isComplete());
        assertEquals("user", s.identity());
        assertNull(c.evaluate(last));
        assertTrue(c.isComplete());
        assertNull(s.securityLayer());
    }

    @Test
    void serverRefusesWrongPasswordUnknownUserAndChannelBinding() throws Exception {
        ScramCredential cred = ScramCredential.derive("pencil".toCharArray(), 4096);
        for (String[] who : new String[][] {{"user", "crayon"}, {"nobody", "pencil"}}) {
            ScramServer s = new ScramServer(u -> u.equals("user") ? cred : null);
            ScramClient c = new ScramClient(who[0], who[1].toCharArray());
            byte[] first = s.evaluate(c.start());
            byte[] fin = c.evaluate(first);
            assertThrows(SaslException.class, () -> s.evaluate(fin));
            assertTrue(!s.isComplete() && s.identity() == null);
        }
        ScramServer s = new ScramServer(u -> cred);
        assertThrows(SaslException.class, () -> s.evaluate(b("p=tls-unique,,n=user,r=abc")));
    }

    @Test
    void namesWithCommasAndEqualsTravelEscaped() throws Exception {
        ScramCredential cred = ScramCredential.derive("pw".toCharArray(), 4096);
        ScramServer s = new ScramServer(u -> u.equals("a,b=c") ? cred : null);
        ScramClient c = new ScramClient("a,b=c", "pw".toCharArray());
        byte[] start = c.start();
        assertTrue(new String(start, StandardCharsets.UTF_8).contains("n=a=2Cb=3Dc,"));
        byte[] last = s.evaluate(c.evaluate(s.evaluate(start)));
        assertEquals("a,b=c", s.identity());
        assertNull(c.evaluate(last));
    }
}
