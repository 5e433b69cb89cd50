package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventDetails;
import org.jvirt.event.EventRegistration;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/** A qemu:///session driver over temporary directories, the test guest's XML, and waiting helpers. */
final class DriverFixture implements AutoCloseable {

    final Path dir;
    final String uri;
    final String token = QemuTesting.marker();

    DriverFixture() throws IOException {
        dir = QemuTesting.tempDir("jvq-");
        uri = "qemu:///session?state_dir=" + dir.resolve("state") + "&run_dir=" + dir.resolve("run");
    }

    Connect open() {
        return Connect.open(uri);
    }

    Path serialLog(String name) {
        return dir.resolve(name + "-serial.log");
    }

    /** The test guest: kernel + initramfs, a user NIC, the serial console into a file. */
    String guestXml(String name, String extraDevices) throws IOException, InterruptedException {
        TestGuest.Artifacts g = TestGuest.ensure();
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.net=0 tg.token=%s</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <serial type='file'><source path='%s'/><target port='0'/></serial>
                    %s
                  </devices>
                </domain>
                """.formatted(name, g.kernel(), g.initrd(), token, serialLog(name), extraDevices);
    }

    /** Waits for the test guest's READY line in its serial log (a file: polled, it is only a test). */
    void waitReady(String name) throws InterruptedException {
        waitFor(Duration.ofSeconds(60), () -> serial(name).contains("TESTGUEST-READY token=" + token),
                () -> "no READY from " + name + "; serial:\n" + serial(name));
    }

    String serial(String name) {
        try {
            return Files.readString(serialLog(name), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    static void waitFor(Duration timeout, BooleanSupplier cond, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get());
            }
            Thread.sleep(20);
        }
    }

    static void waitState(Domain d, DomainState s, Duration timeout) throws InterruptedException {
        waitFor(timeout, () -> d.getState().state() == s, () -> d.getName() + " is " + d.getState() + ", not " + s);
    }

    /** Lifecycle events of one connection as "Type Detail" strings, in order. */
    static final class Events implements AutoCloseable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final EventRegistration reg;

        Events(Connect c) {
            reg = c.domainEventRegister((dom, ev) -> {
                if (ev instanceof DomainEvent.Lifecycle l) {
                    queue.add(DomainEventDetails.typeName(l.type()) + " " + l.detailName());
                }
            });
        }

        /** Takes events until {@code want} arrives; returns all taken. */
        List<String> until(String want, Duration timeout) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String e = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no '" + want + "' event; saw " + seen);
                }
                seen.add(e);
                if (e.equals(want)) {
                    return seen;
                }
            }
        }

        @Override
        public void close() throws Exception {
            reg.close();
        }
    }

    /** The run directory holds no status file and no per-domain directory (nothing half-written either). */
    void assertRunDirClean() throws IOException {
        Path run = dir.resolve("run");
        if (!Files.exists(run)) {
            return;
        }
        try (var s = Files.list(run)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("driver.lock"))
                    .toList(), "leftovers in " + run);
        }
    }

    void assertNoQemu() throws Exception {
        waitFor(Duration.ofSeconds(10), () -> {
            try {
                return QemuTesting.pgrep(token).isEmpty() && QemuTesting.pgrep(dir.toString()).isEmpty();
            } catch (Exception e) {
                return false;
            }
        }, () -> "stray qemu for " + token);
    }

    @Override
    public void close() throws Exception {
        // kill anything of ours still running, whatever the test did, then check
        for (String pattern : List.of(token, dir.toString())) {
            for (long pid : QemuTesting.pgrep(pattern)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        QemuTesting.deleteTree(dir);
    }

    static void assertTrueMsg(boolean b, String msg) {
        assertTrue(b, msg);
    }
}
