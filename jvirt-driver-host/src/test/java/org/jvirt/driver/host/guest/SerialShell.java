package org.jvirt.driver.host.guest;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test guest's serial console through a {@code <serial type='unix'>} socket: what it prints, and its root
 * shell to run commands in (each command's output framed by markers the echo of the typed line cannot match).
 */
final class SerialShell implements AutoCloseable {

    private final SocketChannel ch;
    private final StringBuilder text = new StringBuilder();
    private final Thread reader;
    private int runs;

    SerialShell(Path socket, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel c = null;
        while (c == null) {
            try {
                c = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
        ch = c;
        reader = Thread.ofVirtual().start(this::pump);
    }

    private void pump() {
        ByteBuffer b = ByteBuffer.allocate(4096);
        try {
            while (ch.read(b) >= 0) {
                b.flip();
                String s = StandardCharsets.UTF_8.decode(b).toString();
                synchronized (text) {
                    text.append(s);
                    text.notifyAll();
                }
                b.clear();
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Waits for {@code p} in the console text after offset {@code from}; returns the match's group 1 or 0. */
    String waitFor(Pattern p, int from, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (text) {
            while (true) {
                Matcher m = p.matcher(text);
                if (m.find(from)) {
                    return m.groupCount() > 0 ? m.group(1) : m.group();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + p + " on the console: " + text);
                }
                text.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    /** Runs {@code command} in the guest's shell and returns what it printed. */
    String run(String command, Duration timeout) throws IOException, InterruptedException {
        int n = ++runs;
        int from;
        synchronized (text) {
            from = text.length();
        }
        String line = "echo R" + n + "''B; " + command + "; echo R" + n + "''E\n";
        ByteBuffer b = ByteBuffer.wrap(("\n" + line).getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
        return waitFor(Pattern.compile("(?s)\nR" + n + "B\r?\n(.*?)R" + n + "E\r?\n"), from, timeout);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        ch.close();
        reader.join(5000);
    }
}
