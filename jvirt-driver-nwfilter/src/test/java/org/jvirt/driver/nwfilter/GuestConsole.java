package org.jvirt.driver.nwfilter;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Stream;

/** The test guest's serial shell over virDomainOpenConsole. */
final class GuestConsole {
    private final Stream stream;
    private final StringBuilder text = new StringBuilder();
    private int runs;

    GuestConsole(Connect c, Domain d) {
        stream = c.newStream();
        d.openConsole(null, stream, true);
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int k; (k = stream.recv(buf, 0, buf.length)) > 0; ) {
                    synchronized (text) {
                        text.append(new String(buf, 0, k, StandardCharsets.ISO_8859_1));
                        text.notifyAll();
                    }
                }
            } catch (RuntimeException e) {
                // the guest went away
            }
        });
    }

    /** Waits for a pattern after the start; returns its first group, or the match. */
    String waitFor(Pattern p, int seconds) throws InterruptedException {
        return waitFrom(p, 0, seconds);
    }

    private String waitFrom(Pattern p, int from, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        synchronized (text) {
            while (true) {
                Matcher m = p.matcher(text);
                if (m.find(Math.min(from, text.length()))) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no " + p + " on the console:\n" + text);
                }
                text.wait(left);
            }
        }
    }

    /** Types a command; the markers are split by quotes so the echo of the line cannot match them. */
    String run(String command) throws InterruptedException {
        int n = ++runs;
        int from;
        synchronized (text) {
            from = text.length();
        }
        byte[] line = ("echo R" + n + "\"\"B; " + command + "; echo R" + n + "\"\"E\r")
                .getBytes(StandardCharsets.US_ASCII);
        stream.send(line, 0, line.length);
        return waitFrom(Pattern.compile("(?s)R" + n + "B(.*?)R" + n + "E"), from, 30).replace("\r", "").strip();
    }
}
