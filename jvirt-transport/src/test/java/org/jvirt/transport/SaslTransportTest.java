package org.jvirt.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.jvirt.rpc.sasl.SecurityLayer;

/**
 * The one SASL layer both sides use: the client's switch wraps its next write, the daemon's leaves the reply
 * that completes the exchange in the clear and wraps from the write after it; reads unwrap from the switch on.
 */
class SaslTransportTest {

    /** A layer that XORs every byte, so wrapped bytes differ from plain ones; SSF 56 as DES. */
    private static final SecurityLayer XOR = new SecurityLayer() {
        @Override
        public byte[] wrap(byte[] plain, int off, int len) {
            byte[] out = Arrays.copyOfRange(plain, off, off + len);
            for (int i = 0; i < out.length; i++) {
                out[i] ^= 0x5a;
            }
            return out;
        }

        @Override
        public byte[] unwrap(byte[] token, int off, int len) {
            return wrap(token, off, len);
        }

        @Override
        public int maxRawSend() {
            return 65536;
        }

        @Override
        public int ssf() {
            return 56;
        }
    };

    /** A plain-TCP transport that records what is written and replays what it is given. */
    private static final class Recording implements Transport {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        byte[] toRead = new byte[0];

        @Override
        public int read(byte[] buf, int off, int len) {
            if (toRead.length == 0) {
                return -1;
            }
            int n = Math.min(len, toRead.length);
            System.arraycopy(toRead, 0, buf, off, n);
            toRead = Arrays.copyOfRange(toRead, n, toRead.length);
            return n;
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            written.write(buf, off, len);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String describe() {
            return "tcp:test";
        }

        @Override
        public void close() {
        }

        byte[] take() {
            byte[] b = written.toByteArray();
            written.reset();
            return b;
        }
    }

    @Test
    void clientWrapsFromItsNextWrite() throws Exception {
        Recording wire = new Recording();
        SaslTransport t = new SaslTransport(wire);
        assertFalse(t.isSecure());
        assertFalse(t.isEncrypted());
        t.write(new byte[] {1, 2, 3}, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, wire.take(), "in the clear before the layer");
        t.startLayer(XOR);
        assertTrue(t.isSecure());
        assertTrue(t.isEncrypted(), "SSF 56 encrypts");
        assertEquals(56, t.layerSsf());
        t.write(new byte[] {1, 2, 3}, 0, 3);
        byte[] wrapped = wire.take();
        assertEquals(4 + 3, wrapped.length, "a 4-byte length and the token");
        assertFalse(Arrays.equals(new byte[] {1, 2, 3}, Arrays.copyOfRange(wrapped, 4, 7)));

        // what the peer wrapped reads back plain
        wire.toRead = wrapped;
        byte[] buf = new byte[16];
        int n = t.read(buf, 0, buf.length);
        assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOf(buf, n));
    }

    @Test
    void daemonSendsTheCompletingReplyInTheClear() throws Exception {
        Recording wire = new Recording();
        SaslTransport t = new SaslTransport(wire);
        Runnable replySent = t.armLayer(XOR);
        assertTrue(t.isSecure(), "reads are unwrapped from now on");
        t.write(new byte[] {9, 9}, 0, 2);
        assertArrayEquals(new byte[] {9, 9}, wire.take(), "the reply that completes the exchange");
        t.write(new byte[] {9, 9}, 0, 2);
        assertArrayEquals(new byte[] {9, 9}, wire.take(), "still clear until the session says the reply is out");
        replySent.run(); // the session runs it after the completing reply, before any other write
        t.write(new byte[] {9, 9}, 0, 2);
        assertEquals(4 + 2, wire.take().length, "wrapped from then on");
    }
}
