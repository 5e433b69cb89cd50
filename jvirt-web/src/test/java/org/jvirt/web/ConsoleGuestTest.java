package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.web.console.VncTarget;

/**
 * One real TCG guest behind jvirt-web: the serial console websocket shows its READY line (opened while it is
 * paused, then resumed) and takes typed input; the VNC websocket relays the RFB handshake of the guest's own VNC
 * server to ServerInit, the same desktop size a direct connection gets.
 */
class ConsoleGuestTest {

    /** Collects a websocket's binary messages as one byte stream. */
    static final class Bytes implements WebSocket.Listener {
        final ByteArrayOutputStream all = new ByteArrayOutputStream();

        @Override
        public synchronized CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            all.write(b, 0, b.length);
            notifyAll();
            ws.request(1);
            return null;
        }

        synchronized byte[] await(int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (all.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + all.size() + " of " + n + " bytes");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            byte[] b = all.toByteArray();
            all.reset();
            all.write(b, n, b.length - n);
            return java.util.Arrays.copyOf(b, n);
        }

        synchronized String waitText(String want, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!all.toString(StandardCharsets.ISO_8859_1).contains(want)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no '" + want + "' in:\n" + all.toString(StandardCharsets.ISO_8859_1));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static WebSocket open(WebFixture w, String path, WebSocket.Listener l) throws Exception {
        URI u = w.server.baseUri();
        return HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("binary")
                .buildAsync(URI.create("ws://" + u.getHost() + ":" + u.getPort() + path), l).get(10, TimeUnit.SECONDS);
    }

    @Test
    @Timeout(240)
    void serialShowsReadyAndVncRelaysTheHandshake() throws Exception {
        try (GuestWeb g = new GuestWeb()) {
            g.startPaused();
            Bytes serial = new Bytes();
            WebSocket sws = open(g.web, g.web.post("/api/v1/domains/webguest/console/serial").json().get("path")
                    .asText(), serial);
            g.resume();
            serial.waitText(g.readyLine(), Duration.ofSeconds(90));
            sws.sendText("echo TYPED\"\"-OK\r", true).get(5, TimeUnit.SECONDS);
            serial.waitText("TYPED-OK", Duration.ofSeconds(30));
            sws.abort();

            var t = g.web.post("/api/v1/domains/webguest/console/vnc");
            assertEquals(201, t.status(), t.toString());
            Bytes vnc = new Bytes();
            WebSocket vws = open(g.web, t.json().get("path").asText(), vnc);
            int[] viaProxy = rfbHandshake(vnc, vws);
            vws.abort();

            int[] direct = directHandshake((InetSocketAddress) VncTarget.of(g.domain));
            assertEquals(direct[0], viaProxy[0], "width");
            assertEquals(direct[1], viaProxy[1], "height");
            assertTrue(viaProxy[0] >= 320 && viaProxy[1] >= 200, viaProxy[0] + "x" + viaProxy[1]);
        }
    }

    /** RFB 3.8 through the websocket up to ServerInit: returns {width, height}. */
    static int[] rfbHandshake(Bytes in, WebSocket out) throws Exception {
        Duration t = Duration.ofSeconds(20);
        assertEquals("RFB 003.008\n", new String(in.await(12, t), StandardCharsets.US_ASCII));
        out.sendBinary(ByteBuffer.wrap("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII)), true).get();
        int n = in.await(1, t)[0];
        byte[] types = in.await(n, t);
        boolean none = false;
        for (byte b : types) {
            none |= b == 1;
        }
        assertTrue(none, "security type None offered");
        out.sendBinary(ByteBuffer.wrap(new byte[] {1}), true).get();
        assertEquals(0, ByteBuffer.wrap(in.await(4, t)).getInt(), "SecurityResult OK");
        out.sendBinary(ByteBuffer.wrap(new byte[] {1}), true).get(); // ClientInit, shared
        ByteBuffer init = ByteBuffer.wrap(in.await(24, t));
        int w = init.getShort(0) & 0xffff;
        int h = init.getShort(2) & 0xffff;
        int nameLen = init.getInt(20);
        in.await(nameLen, t);
        return new int[] {w, h};
    }

    static int[] directHandshake(InetSocketAddress a) throws Exception {
        try (SocketChannel ch = SocketChannel.open(a)) {
            ByteBuffer b = ByteBuffer.allocate(12);
            read(ch, b);
            ch.write(ByteBuffer.wrap("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer n = ByteBuffer.allocate(1);
            read(ch, n);
            read(ch, ByteBuffer.allocate(n.get(0)));
            ch.write(ByteBuffer.wrap(new byte[] {1}));
            read(ch, ByteBuffer.allocate(4));
            ch.write(ByteBuffer.wrap(new byte[] {1}));
            ByteBuffer init = ByteBuffer.allocate(24);
            read(ch, init);
            return new int[] {init.getShort(0) & 0xffff, init.getShort(2) & 0xffff};
        }
    }

    static void read(SocketChannel ch, ByteBuffer b) throws Exception {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new AssertionError("VNC server closed");
            }
        }
    }
}
