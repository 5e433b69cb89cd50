package org.jvirt.rpc.sasl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import javax.security.sasl.SaslException;

import org.junit.jupiter.api.Test;

/** The length-prefixed token stream: any split of the wire bytes gives back the plain bytes, in order. */
class SaslFramingTest {

    /** A toy layer (xor and a trailer) that makes tokens longer than their plain bytes, as real ones are. */
    static final class Toy implements SecurityLayer {
        @Override
        public byte[] wrap(byte[] plain, int off, int len) {
            byte[] t = new byte[len + 3];
            for (int i = 0; i < len; i++) {
                t[i] = (byte) (plain[off + i] ^ 0x5a);
            }
            t[len] = 'E';
            t[len + 1] = 'N';
            t[len + 2] = 'D';
            return t;
        }

        @Override
        public byte[] unwrap(byte[] token, int off, int len) throws SaslException {
            if (len < 3 || token[off + len - 1] != 'D') {
                throw new SaslException("bad token");
            }
            byte[] p = new byte[len - 3];
            for (int i = 0; i < p.length; i++) {
                p[i] = (byte) (token[off + i] ^ 0x5a);
            }
            return p;
        }

        @Override
        public int maxRawSend() {
            return 1000;
        }

        @Override
        public int ssf() {
            return 112;
        }
    }

    @Test
    void roundTripAcrossArbitrarySplits() throws Exception {
        Random r = new Random(7);
        byte[] plain = new byte[70_000];
        r.nextBytes(plain);
        SaslFraming out = new SaslFraming(new Toy());
        byte[] wire = out.encode(plain, 0, plain.length);
        assertEquals(plain.length + 70 * 7, wire.length, "70 tokens of at most 1000 bytes, 4+3 bytes each");
        SaslFraming in = new SaslFraming(new Toy());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[333];
        for (int pos = 0; pos < wire.length; ) {
            int n = Math.min(wire.length - pos, 1 + r.nextInt(5000));
            in.decode(wire, pos, n);
            pos += n;
            int k;
            while ((k = in.read(buf, 0, buf.length)) > 0) {
                got.write(buf, 0, k);
            }
        }
        assertArrayEquals(plain, got.toByteArray());
    }

    @Test
    void aHugeLengthIsRefused() {
        SaslFraming in = new SaslFraming(new Toy());
        assertThrows(SaslException.class, () -> in.decode(new byte[] {0x7f, 0, 0, 0}, 0, 4));
    }
}
