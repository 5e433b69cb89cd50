package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.transport.Transport;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.daemon.session.SessionLimits;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.RpcMessage;

/**
 * Random bytes into one client session (framing, decoding, dispatch) without sockets: the session always
 * ends cleanly and everything it wrote back is whole, well-framed packets.
 */
class SessionDecoderPropertiesTest {

    private static final DispatchTable TABLE = DispatchTable.standard();

    /** A transport that replays {@code input} and records what the session writes. */
    private static final class Replay implements Transport {
        private final ByteBuffer in;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Replay(byte[] input) {
            in = ByteBuffer.wrap(input);
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (!in.hasRemaining()) {
                return -1;
            }
            int n = Math.min(len, Math.min(in.remaining(), 7)); // odd chunk sizes exercise reassembly
            in.get(buf, off, n);
            return n;
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) {
            out.write(buf, off, len);
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String describe() {
            return "replay";
        }

        @Override
        public void close() {
        }
    }

    private static void check(byte[] input) {
        Replay t = new Replay(input);
        ClientSession s = new ClientSession(t, false, TABLE, SessionLimits.of(4, 2, -1, 0));
        s.run();
        // after CONNECT_CLOSE the writer closes the session once the reply is out, just after run() returns
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!s.isClosed() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(s.isClosed());
        byte[] written;
        synchronized (t) {
            written = t.out.toByteArray();
        }
        List<RpcMessage> packets = new ArrayList<>();
        FrameDecoder d = new FrameDecoder();
        d.feed(written, 0, written.length, packets::add);
        assertTrue(!d.isMidPacket(), "a partial packet was written");
    }

    @Property
    void randomBytes(@ForAll @Size(max = 400) byte[] input) {
        check(input);
    }

    /** Random headers behind a plausible length word reach the call decoder instead of the length check. */
    @Property
    void framedRandomPayloads(@ForAll @Size(min = 24, max = 300) byte[] body, @ForAll @IntRange(min = 0, max = 500) int proc,
                              @ForAll @IntRange(min = 0, max = 7) int type) {
        ByteBuffer b = ByteBuffer.allocate(4 + body.length);
        b.putInt(4 + body.length).put(body);
        b.putInt(4, 0x20008086).putInt(8, 1).putInt(12, proc).putInt(16, type).putInt(24, 0);
        check(b.array());
    }
}
