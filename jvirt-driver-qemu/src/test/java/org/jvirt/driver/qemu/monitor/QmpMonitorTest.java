package org.jvirt.driver.qemu.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.process.QemuProcess;
import org.jvirt.driver.qemu.testing.QemuTesting;

/** The QMP client against a real qemu-system-x86_64 with {@code -machine none}. */
class QmpMonitorTest {

    private Path dir;
    private QemuProcess qemu;

    @BeforeEach
    void start() throws Exception {
        QemuTesting.assumeQemu();
        dir = QemuTesting.tempDir("jvirt-qmp-");
        qemu = QemuTesting.startMachineNone(dir, QemuTesting.marker());
    }

    @AfterEach
    void stop() {
        if (qemu != null) {
            qemu.close();
        }
        QemuTesting.deleteTree(dir);
    }

    @Test
    void greetingAndVersion() {
        JsonNode greeting = qemu.monitor().greeting();
        assertTrue(greeting.path("version").path("qemu").path("major").asInt() >= 7, greeting.toString());
        JsonNode v = qemu.monitor().execute("query-version");
        assertEquals(greeting.path("version").path("qemu"), v.path("qemu"));
    }

    @Test
    void roundTripTime() {
        QmpMonitor m = qemu.monitor();
        for (int i = 0; i < 50; i++) {
            m.execute("query-status");
        }
        int n = 500;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertEquals("running", m.execute("query-status").path("status").asText());
        }
        double us = (System.nanoTime() - t0) / 1000.0 / n;
        System.out.printf("QMP round trip (query-status): %.1f us mean over %d%n", us, n);
        assertTrue(us < 50_000, "round trip " + us + " us");
    }

    @Test
    void concurrentCallersGetTheirOwnReplies() throws Exception {
        QmpMonitor m = qemu.monitor();
        List<CompletableFuture<JsonNode>> fs = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fs.add(i % 2 == 0 ? m.executeAsync("query-status", null) : m.executeAsync("query-name", null));
        }
        for (int i = 0; i < fs.size(); i++) {
            JsonNode r = fs.get(i).get(10, TimeUnit.SECONDS);
            assertEquals(i % 2 == 0, r.has("status"), r.toString());
        }
    }

    @Test
    void commandErrorCarriesQmpClass() {
        QmpCommandException e = assertThrows(QmpCommandException.class,
                () -> qemu.monitor().execute("no-such-command"));
        assertEquals("CommandNotFound", e.errorClass());
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        assertTrue(e.getMessage().contains("unable to execute QEMU command 'no-such-command'"), e.getMessage());
    }

    @Test
    void passthroughReturnsRawReplyWithUsersId() {
        String r = qemu.monitor().passthrough("{\"execute\":\"query-name\",\"id\":\"mine\"}", Duration.ofSeconds(5));
        assertTrue(r.contains("\"id\":\"mine\""), r);
        assertTrue(r.contains("\"return\""), r);
        String err = qemu.monitor().passthrough("{\"execute\":\"bogus\"}", Duration.ofSeconds(5));
        assertTrue(err.contains("CommandNotFound") && !err.contains("\"id\""), err);
        assertThrows(VirtException.class, () -> qemu.monitor().passthrough("not json", Duration.ofSeconds(5)));
    }

    @Test
    void eventsArriveInOrderAndASlowListenerDoesNotBlockCommands() throws Exception {
        QmpMonitor m = qemu.monitor();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch got = new CountDownLatch(4);
        m.addListener(e -> {
            if (seen.isEmpty()) {
                try {
                    release.await(10, TimeUnit.SECONDS); // a listener stuck on the first event
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add(e.name());
            got.countDown();
        });
        m.execute("stop");
        m.execute("cont");
        m.execute("stop");
        m.execute("cont");
        // the reader keeps answering while the listener is stuck
        for (int i = 0; i < 20; i++) {
            m.execute("query-status");
        }
        release.countDown();
        assertTrue(got.await(10, TimeUnit.SECONDS), "events: " + seen);
        assertEquals(List.of("STOP", "RESUME", "STOP", "RESUME"), seen);
    }

    @Test
    void qemuExitFailsLaterCallsAndCompletesOnClose() throws Exception {
        QmpMonitor m = qemu.monitor();
        List<String> events = new CopyOnWriteArrayList<>();
        m.addListener(e -> events.add(e.name()));
        try {
            m.execute("quit");
        } catch (VirtException e) {
            // QEMU may close before replying
        }
        VirtException cause = m.onClose().get(10, TimeUnit.SECONDS);
        assertTrue(cause.getMessage().contains("End of file from qemu monitor")
                || cause.getMessage().contains("Unable to read from monitor"), cause.getMessage());
        assertEquals(List.of("SHUTDOWN"), events);
        assertFalse(m.isOpen());
        VirtException e = assertThrows(VirtException.class, () -> m.execute("query-status"));
        assertEquals(cause.getMessage(), e.getMessage());
        assertEquals(0, qemu.onExit().get(10, TimeUnit.SECONDS).exitCode());
    }
}
