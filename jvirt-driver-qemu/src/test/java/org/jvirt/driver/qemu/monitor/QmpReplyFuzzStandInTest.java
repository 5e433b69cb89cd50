package org.jvirt.driver.qemu.monitor;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.jvirt.VirtException;

/**
 * Fuzzing of what QEMU sends on the monitor, through a QEMU stand-in (a pair of streams: QEMU will not send
 * garbage on demand): a greeting and capability reply, then, once our command is written, mutated replies,
 * errors and events, random bytes, then end of file. {@code execute} returns a reply or throws a VirtException;
 * nothing else escapes and nothing hangs. Inputs per run: jqwik's {@code jqwik.tries.default}.
 */
class QmpReplyFuzzStandInTest {

    private static final List<String> SEEDS = List.of(
            "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}, \"id\": \"jvirt-2\"}",
            "{\"return\": [{\"current\": true, \"CPU\": 0, \"qom-path\": \"/machine/unattached/device[0]\", "
                    + "\"thread-id\": 1234}], \"id\": \"jvirt-2\"}",
            "{\"error\": {\"class\": \"GenericError\", \"desc\": \"not now\"}, \"id\": \"jvirt-2\"}",
            "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 12}, \"event\": \"STOP\"}",
            "{\"timestamp\": {\"seconds\": 1700000000, \"microseconds\": 12}, \"event\": \"SHUTDOWN\", "
                    + "\"data\": {\"guest\": true, \"reason\": \"guest-shutdown\"}}",
            "{\"timestamp\": {\"seconds\": -1, \"microseconds\": 99999999999}, \"event\": \"BLOCK_JOB_COMPLETED\", "
                    + "\"data\": {\"device\": \"drive0\", \"len\": 1, \"offset\": 1, \"speed\": 0, \"type\": \"mirror\"}}",
            "{\"return\": {}, \"id\": \"jvirt-2\"}",
            "{\"return\": {}, \"id\": 2}",
            "{\"QMP\": {\"version\": {}, \"capabilities\": []}}");

    private static final String[] SPLICES = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1",
        "1e999999", "\"id\"", "\"jvirt-2\"", "\"return\"", "\"error\"", "\"event\"", "\\u0000", "\\ud800", "\n",
        "\u00ff", "9".repeat(400), "[".repeat(2000), "{\"a\":".repeat(1000)};

    static String mutate(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        int n = r.nextInt(6);
        for (int i = 0; i < n && b.length() > 0; i++) {
            int at = r.nextInt(b.length());
            int len = Math.min(b.length() - at, 1 + r.nextInt(20));
            switch (r.nextInt(4)) {
                case 0 -> b.setCharAt(at, (char) r.nextInt(0x100));
                case 1 -> b.delete(at, at + len);
                case 2 -> b.insert(at, b.substring(at, at + len));
                default -> b.insert(at, SPLICES[r.nextInt(SPLICES.length)]);
            }
        }
        return b.toString().replace("\n", " ");
    }

    /** QEMU's side: segment k is served once k lines (commands) have been written to it. */
    private static final class StandIn {
        private final LinkedBlockingQueue<byte[]> segments = new LinkedBlockingQueue<>();
        private final List<byte[]> script;
        private int released;
        private byte[] current = new byte[0];
        private int pos;

        StandIn(List<byte[]> script) {
            this.script = script;
            release();
        }

        private synchronized void release() {
            if (released < script.size()) {
                segments.add(script.get(released++));
                if (released == script.size()) {
                    segments.add(new byte[0]); // end of file right after the last segment
                }
            }
        }

        final InputStream in = new InputStream() {
            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                try {
                    while (pos == current.length) {
                        current = segments.take();
                        pos = 0;
                        if (current.length == 0) {
                            segments.add(current);
                            return -1;
                        }
                    }
                } catch (InterruptedException e) {
                    return -1;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };

        final OutputStream out = new OutputStream() {
            @Override
            public void write(int c) {
                if (c == '\n') {
                    release();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }
        };
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] lines(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static void run(long seed) {
        Random r = new Random(seed);
        boolean badGreeting = r.nextInt(4) == 0;
        String greeting = badGreeting ? mutate(SEEDS.get(8), r)
                : "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": []}}";
        StringBuilder fuzz = new StringBuilder();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (r.nextInt(8) == 0) {
                byte[] junk = new byte[r.nextInt(200)];
                r.nextBytes(junk);
                fuzz.append(new String(junk, StandardCharsets.ISO_8859_1));
            } else {
                fuzz.append(mutate(SEEDS.get(r.nextInt(SEEDS.size())), r));
            }
            fuzz.append('\n');
        }
        byte[] tail = fuzz.toString().getBytes(StandardCharsets.ISO_8859_1);
        // a broken greeting may never be followed by a command: everything at once, then end of file
        StandIn qemu = badGreeting
                ? new StandIn(List.of(concat(lines(greeting), lines("{\"return\": {}, \"id\": \"jvirt-1\"}"), tail)))
                : new StandIn(List.of(lines(greeting), lines("{\"return\": {}, \"id\": \"jvirt-1\"}"), tail));
        QmpMonitor m;
        try {
            m = QmpMonitor.open("fuzz", qemu.in, qemu.out, () -> { }, Duration.ofSeconds(10));
        } catch (VirtException expected) {
            return;
        }
        try {
            m.execute("query-status", null, Duration.ofSeconds(10));
        } catch (VirtException expected) {
            // an error reply, a closed monitor: fine
        } finally {
            m.close();
        }
    }

    @Property
    void mutatedRepliesAndEvents(@ForAll long seed) {
        run(seed);
    }
}
