package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.junit.jupiter.api.Test;

/**
 * The event commands with events actually happening, which the golden test cannot show (a virsh process sees
 * only its own test:///default). A second connection in this process shares the default state while both are
 * open, and changes the domain while {@code event} waits.
 */
class EventCommandsTest {

    private record Run(String out, String err, int rc) {
    }

    private static Run whileToggling(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] rc = new int[1];
        try (Connect c = Connect.open("test:///default");
             PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Thread t = new Thread(() -> rc[0] = Main.run(args, new ByteArrayInputStream(new byte[0]), o, e));
            t.start();
            Domain d = c.domainLookupByName("test");
            // the command registers at some point after it starts: keep changing the domain until it is done
            while (t.isAlive()) {
                if (d.getState().state() == DomainState.PAUSED) {
                    d.resume();
                } else {
                    d.suspend();
                }
                t.join(200);
            }
        }
        return new Run(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), rc[0]);
    }

    @Test
    void oneShotLifecycleEvent() throws Exception {
        Run r = whileToggling("-c", "test:///default", "event", "--domain", "test", "--event", "lifecycle",
                "--timeout", "20");
        assertTrue(r.out().matches("event 'lifecycle' for domain 'test': (Suspended Paused|Resumed Unpaused)\n"
                + "events received: 1\n\n"), r.out());
        assertEquals("", r.err());
        assertEquals(0, r.rc());
    }

    @Test
    void loopWithTimestampsUntilTimeout() throws Exception {
        Run r = whileToggling("-c", "test:///default", "event", "--all", "--loop", "--timestamp", "--timeout", "2");
        String[] lines = r.out().split("\n");
        assertTrue(lines.length >= 3, r.out());
        for (int i = 0; i < lines.length - 2; i++) {
            assertTrue(lines[i].matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000: "
                    + "event 'lifecycle' for domain 'test': (Suspended Paused|Resumed Unpaused)"), lines[i]);
        }
        assertEquals("event loop timed out", lines[lines.length - 2]);
        assertTrue(lines[lines.length - 1].matches("events received: [1-9]\\d*"), r.out());
        assertEquals(0, r.rc());
    }
}
