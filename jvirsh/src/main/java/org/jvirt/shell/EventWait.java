package org.jvirt.shell;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One wait for events, as virsh's vshEventStart / vshEventWait / vshEventDone: listeners print through
 * {@link #print}; without {@code --loop} the first event ends the wait; {@link #finish} waits for that or for
 * the timeout and prints virsh's closing lines. Listeners run on their subscriptions' own threads, so printing
 * is serialized here and stops once the wait is over.
 */
final class EventWait {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'+0000'");

    private final Shell sh;
    private final boolean loop;
    private final boolean timestamp;
    private final CountDownLatch done = new CountDownLatch(1);
    private int count;
    private boolean over;
    private volatile boolean interrupted;

    EventWait(Shell sh, Invocation cmd) {
        this.sh = sh;
        this.loop = cmd.bool("loop");
        this.timestamp = cmd.bool("timestamp");
    }

    /** vshCommandOptTimeoutToMs: the --timeout option in milliseconds, 0 for none. */
    static int timeoutMs(Shell sh, Invocation cmd) {
        if (!cmd.has("timeout")) {
            return 0;
        }
        long t = cmd.uint("timeout", 0);
        if (t == 0 || t > Integer.MAX_VALUE / 1000) {
            throw sh.fail("Numeric value '%d' for <%s> option is malformed or out of range", t, "timeout");
        }
        return (int) t * 1000;
    }

    /** Prints one event's text (ending in a newline), virshEventPrint. */
    synchronized void print(String msg) {
        if (over || (!loop && count > 0)) {
            return;
        }
        if (timestamp) {
            sh.print("%s: %s", ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP), msg);
        } else {
            sh.print("%s", msg);
        }
        sh.out.flush();
        count++;
        if (!loop) {
            done.countDown();
        }
    }

    /** Waits, then prints how the wait ended; true if any event arrived (virsh's result). */
    boolean finish(int timeoutMs) {
        boolean ended;
        // as virsh, Ctrl-C ends the wait rather than the shell
        sun.misc.Signal sigint = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = null;
        try {
            previous = sun.misc.Signal.handle(sigint, sig -> {
                interrupted = true;
                done.countDown();
            });
        } catch (IllegalArgumentException e) {
            // SIGINT is reserved in this JVM (-Xrs): the wait stays uninterruptible
        }
        try {
            if (timeoutMs > 0) {
                ended = done.await(timeoutMs, TimeUnit.MILLISECONDS);
            } else {
                done.await();
                ended = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupted = true;
            ended = true;
        } finally {
            if (previous != null) {
                sun.misc.Signal.handle(sigint, previous);
            }
        }
        synchronized (this) {
            over = true;
            if (interrupted) {
                sh.print("event loop interrupted\n");
            } else if (!ended) {
                sh.print("event loop timed out\n");
            }
            sh.print("events received: %d\n", count);
            return count > 0;
        }
    }
}
