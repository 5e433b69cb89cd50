package org.jvirt.driver.qemu.driver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Stream;

/**
 * The test guest's serial shell through virDomainOpenConsole: everything the guest prints is collected (and so
 * drained, which a guest printing a panic needs), commands are typed as on a terminal.
 */
final class GuestConsole implements AutoCloseable {

    /** A serial port and console on a pty, the shell's terminal. */
    static final String PTY_CONSOLE = "<serial type='pty'><target port='0'/></serial>"
            + "<console type='pty'><target type='serial' port='0'/></console>";

    private final Stream stream;
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;

    private int runs;

    GuestConsole(Connect c, Domain d) {
        stream = c.newStream();
        d.openConsole(null, stream, true);
        reader = Thread.ofVirtual().start(this::pump);
    }

    /** Opens the domain's console (taking it over from any other session). */
    static GuestConsole open(Connect c, Domain d) {
        return new GuestConsole(c, d);
    }

    /** A test guest XML with its serial port on a pty instead of a file. */
    static String withPtyConsole(String guestXml) {
        return guestXml.replaceFirst("<serial type='file'>.*?</serial>", PTY_CONSOLE);
    }

    /** The test guest's XML with its serial port on a pty instead of a file. */
    static String ptyXml(DriverFixture fx, String name, String extraDevices) throws Exception {
        return withPtyConsole(fx.guestXml(name, extraDevices));
    }

    /** Where the console text ends now: markers waited for after this are new. */
    int mark() {
        return length();
    }

    /**
     * Runs a shell command in the guest and returns what it printed (trimmed, line ends as \n). The begin and
     * end markers are typed split by empty quotes, so the shell's echo of the line cannot match them.
     */
    String run(String command, Duration timeout) throws InterruptedException {
        int n = ++runs;
        String begin = "RUN" + n + "BEGIN";
        String end = "RUN" + n + "END";
        int from = mark();
        type("echo RUN" + n + "\"\"BEGIN; " + command + "; echo RUN" + n + "\"\"END");
        int start = waitFor(begin, from, timeout);
        int stop = waitFor(end, start, timeout) - end.length();
        synchronized (text) {
            return text.substring(start, stop).replace("\r", "").strip();
        }
    }

    private void pump() {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = stream.recv(buf, 0, buf.length)) > 0) {
                synchronized (text) {
                    text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    text.notifyAll();
                }
            }
        } catch (RuntimeException e) {
            // the guest went away
        }
    }

    /** Waits until {@code marker} appears at or after {@code from}; returns the index after it. */
    int waitFor(String marker, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            int at;
            while ((at = text.indexOf(marker, from)) < 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("no '" + marker + "' on the console:\n" + text);
                }
                text.wait(left);
            }
            return at + marker.length();
        }
    }

    int length() {
        synchronized (text) {
            return text.length();
        }
    }

    String text(int from) {
        synchronized (text) {
            return text.substring(Math.min(from, text.length()));
        }
    }

    /** Types a line into the guest's shell. */
    void type(String line) {
        byte[] b = (line + "\r").getBytes(StandardCharsets.US_ASCII);
        stream.send(b, 0, b.length);
    }

    /**
     * Waits briefly for the stream to end; it ends with the guest, so destroy the domain first. The stream is
     * not aborted: closing the pty's channel while the reader is blocked on it waits for that read.
     */
    @Override
    public void close() throws InterruptedException {
        reader.join(5000);
    }
}
