package org.jvirt.web;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.web.console.VncTarget;

/**
 * jvirt-web's benchmarks (scripts/bench-web.sh runs them; not a test): /metrics latency at 1 000 domains and
 * REST list latency at 10 000 domains on the test driver, each beside the in-process API calls behind it; and
 * the VNC console's throughput and latency through the websocket proxy against a direct connection to the same
 * real guest's VNC server (full-screen raw framebuffer updates).
 */
public final class WebBench {

    private WebBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("metrics", "list", "console") : List.of(args);
        if (which.contains("metrics")) {
            httpLatency("/metrics", 1_000, 30, 200);
        }
        if (which.contains("list")) {
            httpLatency("/api/v1/domains", 10_000, 5, 30);
        }
        if (which.contains("console")) {
            console(Integer.getInteger("updates", 100));
        }
        System.exit(0);
    }

    private static void httpLatency(String path, int domains, int warm, int runs) throws Exception {
        try (WebFixture w = new WebFixture("test:///default")) {
            Connect c = w.server.connection();
            long t0 = System.nanoTime();
            for (int i = c.numOfDomains() + c.numOfDefinedDomains(); i < domains; i++) {
                Domain d = c.domainDefineXML("<domain type='test'><name>b" + i + "</name><memory>65536</memory>"
                        + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>");
                if (i % 2 == 0) {
                    d.create();
                }
            }
            System.out.printf(Locale.ROOT, "defined %d domains in %.1f s%n", domains, (System.nanoTime() - t0) / 1e9);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest req = HttpRequest.newBuilder(w.uri(path)).build();
            long bytes = 0;
            for (int i = 0; i < warm; i++) {
                http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                ms[i] = (System.nanoTime() - s) / 1e6;
                bytes = r.body().length;
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(path + ": " + r.statusCode());
                }
            }
            // the same work in-process, without HTTP, JSON or the text format
            double[] api = new double[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                if (path.equals("/metrics")) {
                    c.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class));
                } else {
                    for (Domain d : c.listAllDomains()) {
                        d.getState();
                        d.isActive();
                        d.isPersistent();
                    }
                }
                api[i] = (System.nanoTime() - s) / 1e6;
            }
            System.out.printf(Locale.ROOT, "GET %s at %d domains (%d bytes): median %.2f ms, p95 %.2f ms, p99 %.2f ms;"
                    + " the API calls alone in-process: median %.2f ms; ratio %.1fx%n", path, domains, bytes,
                    pct(ms, 50), pct(ms, 95), pct(ms, 99), pct(api, 50), pct(ms, 50) / Math.max(1e-6, pct(api, 50)));
            if (path.equals("/metrics")) {
                org.jvirt.web.metrics.WebMetrics wm = new org.jvirt.web.metrics.WebMetrics(c);
                double[] sc = new double[runs];
                for (int i = 0; i < runs + warm; i++) {
                    long s = System.nanoTime();
                    wm.scrape();
                    if (i >= warm) {
                        sc[i - warm] = (System.nanoTime() - s) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "  of which the scrape in-process (stats + text format): median %.2f ms%n",
                        pct(sc, 50));
            }
        }
    }

    /** An RFB byte stream: a direct socket or the websocket proxy. */
    private interface Wire {
        byte[] read(int n) throws Exception;

        void write(byte[] b) throws Exception;
    }

    private static void console(int updates) throws Exception {
        try (GuestWeb g = new GuestWeb()) {
            g.startPaused();
            g.resume();
            Thread.sleep(8000); // the guest boots and draws its console
            InetSocketAddress vnc = (InetSocketAddress) VncTarget.of(g.domain);
            try (SocketChannel ch = SocketChannel.open(vnc)) {
                Wire direct = new Wire() {
                    @Override
                    public byte[] read(int n) throws Exception {
                        ByteBuffer b = ByteBuffer.allocate(n);
                        while (b.hasRemaining()) {
                            if (ch.read(b) < 0) {
                                throw new IllegalStateException("closed");
                            }
                        }
                        return b.array();
                    }

                    @Override
                    public void write(byte[] b) throws Exception {
                        ch.write(ByteBuffer.wrap(b));
                    }
                };
                report("direct VNC", run(direct, updates));
            }
            ConsoleGuestTest.Bytes in = new ConsoleGuestTest.Bytes();
            String path = g.web.post("/api/v1/domains/" + g.name + "/console/vnc").json().get("path").asText();
            WebSocket ws = ConsoleGuestTest.open(g.web, path, in);
            Wire proxied = new Wire() {
                @Override
                public byte[] read(int n) throws Exception {
                    return in.await(n, Duration.ofSeconds(30));
                }

                @Override
                public void write(byte[] b) throws Exception {
                    ws.sendBinary(ByteBuffer.wrap(b), true).get();
                }
            };
            report("websocket proxy", run(proxied, updates));
            ws.abort();
        }
    }

    private static void report(String what, double[] r) {
        System.out.printf(Locale.ROOT, "%s: %d full-screen raw updates of %.0f KiB: %.1f MiB/s, update latency median"
                + " %.2f ms, p95 %.2f ms%n", what, (int) r[0], r[1] / 1024, r[2], r[3], r[4]);
    }

    /** Handshake, raw encoding only, then N non-incremental full-screen updates: {n, bytes/update, MiB/s, p50, p95}. */
    private static double[] run(Wire w, int n) throws Exception {
        w.read(12);
        w.write("RFB 003.008\n".getBytes());
        int k = w.read(1)[0];
        w.read(k);
        w.write(new byte[] {1});
        w.read(4);
        w.write(new byte[] {1});
        ByteBuffer init = ByteBuffer.wrap(w.read(24));
        int width = init.getShort(0) & 0xffff;
        int height = init.getShort(2) & 0xffff;
        int bpp = init.get(4) & 0xff;
        w.read(init.getInt(20));
        w.write(new byte[] {2, 0, 0, 1, 0, 0, 0, 0}); // SetEncodings: Raw
        double[] ms = new double[n];
        long total = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            ByteBuffer req = ByteBuffer.allocate(10).put((byte) 3).put((byte) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) width).putShort((short) height);
            w.write(req.array());
            total += readUpdate(w, bpp);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new double[] {n, (double) total / n, total / 1048576.0 / secs, pct(ms, 50), pct(ms, 95)};
    }

    /** Reads one FramebufferUpdate of raw rectangles (pseudo-encodings carry no pixels here); returns its size. */
    private static long readUpdate(Wire w, int bpp) throws Exception {
        {
            byte[] h = w.read(4); // QEMU sends nothing else unasked (no bell, no cut text from this guest)
            if (h[0] == 0) {
                int rects = ((h[2] & 0xff) << 8) | (h[3] & 0xff);
                long size = 4;
                for (int r = 0; r < rects; r++) {
                    ByteBuffer rh = ByteBuffer.wrap(w.read(12));
                    int rw = rh.getShort(4) & 0xffff;
                    int rhgt = rh.getShort(6) & 0xffff;
                    int enc = rh.getInt(8);
                    int len = enc == 0 ? rw * rhgt * bpp / 8 : 0;
                    w.read(len);
                    size += 12 + len;
                }
                return size;
            }
            throw new IllegalStateException("unexpected RFB message " + h[0]);
        }
    }

    private static double pct(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

}
