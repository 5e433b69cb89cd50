package org.jvirt.driver.qemu.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;

/** Starting and stopping real qemu processes; after each test no process with the test's marker may be left. */
class QemuProcessTest {

    private Path dir;
    private String marker;

    @BeforeEach
    void setUp() throws Exception {
        QemuTesting.assumeQemu();
        dir = QemuTesting.tempDir("jvirt-proc-");
        marker = QemuTesting.marker();
    }

    @AfterEach
    void noStrays() throws Exception {
        if (marker != null) {
            assertEquals(List.of(), QemuTesting.pgrep(marker), "stray qemu processes");
        }
        QemuTesting.deleteTree(dir);
    }

    @Test
    void startWritesPidfileAndLogAndQuitStopsIt() throws Exception {
        long t0 = System.nanoTime();
        QemuProcess q = QemuTesting.startMachineNone(dir, marker);
        long startMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("qemu -machine none start to QMP ready: " + startMs + " ms");
        assertEquals(String.valueOf(q.pid()), Files.readString(dir.resolve("qemu.pid")).strip());
        assertEquals(List.of(q.pid()), QemuTesting.pgrep(marker));
        assertTrue(Files.readString(dir.resolve("qemu.log")).contains("guest=" + marker));
        QemuExit exit = q.stop(Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertEquals(0, exit.exitCode());
        assertFalse(q.isAlive());
        assertFalse(Files.exists(dir.resolve("qemu.pid")), "pidfile removed on exit");
    }

    @Test
    void terminateSendsSigtermAndExitIsObserved() throws Exception {
        QemuProcess q = QemuTesting.startMachineNone(dir, marker);
        var exited = q.onExit();
        assertFalse(exited.isDone());
        QemuExit e = q.terminate(Duration.ofSeconds(10));
        assertTrue(exited.isDone());
        assertEquals(e, exited.get());
        assertTrue(q.logTail(4096).contains("terminating on signal 15"), q.logTail(4096));
    }

    @Test
    void sigkillWhenSigtermIsIgnored() throws Exception {
        QemuProcess q = QemuTesting.startMachineNone(dir, marker);
        // stop the process: a stopped process ignores SIGTERM until continued, SIGKILL still works
        new ProcessBuilder("kill", "-STOP", String.valueOf(q.pid())).start().waitFor(5, TimeUnit.SECONDS);
        long t0 = System.nanoTime();
        QemuExit e = q.terminate(Duration.ofMillis(500));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000);
        assertEquals(128 + 9, e.exitCode(), "killed by SIGKILL");
    }

    @Test
    void earlyExitReportsQemusOwnError() {
        Path qmp = dir.resolve("qmp.sock");
        QemuLaunch launch = new QemuLaunch(QemuTesting.QEMU, List.of("-name", "guest=" + marker, "-machine", "none",
                "-nodefaults", "-display", "none", "-device", "no-such-device-xyz",
                "-qmp", "unix:" + qmp + ",server=on,wait=off"),
                Map.of(), dir, dir.resolve("qemu.log"), dir.resolve("qemu.pid"), qmp, true);
        VirtException e = assertThrows(VirtException.class, () -> QemuProcess.start(launch, Duration.ofSeconds(10)));
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        assertTrue(e.getMessage().contains("process exited while connecting to monitor"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-device-xyz"), e.getMessage());
    }

    @Test
    void missingBinaryIsASystemError() {
        QemuLaunch launch = new QemuLaunch(Path.of("/nonexistent/qemu-system-x86_64"), List.of(), Map.of(), dir,
                dir.resolve("qemu.log"), null, dir.resolve("qmp.sock"), true);
        VirtException e = assertThrows(VirtException.class, () -> QemuProcess.start(launch, Duration.ofSeconds(2)));
        assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
        assertTrue(e.getMessage().contains("cannot execute binary"), e.getMessage());
    }

    @Test
    void manyStartsAndStopsLeaveNothing() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (QemuProcess q = QemuTesting.startMachineNone(dir, marker)) {
                assertTrue(q.isAlive());
            }
        }
    }
}
