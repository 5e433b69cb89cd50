package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;

/** The serial console as a Stream, and disk hot-plug and unplug seen from inside the guest. */
class ConsoleAndHotplugTest {

    private DriverFixture fx;
    private final StringBuilder console = new StringBuilder();

    @BeforeEach
    void setUp() throws Exception {
        QemuTesting.assumeQemu();
        fx = new DriverFixture();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fx != null) {
            try {
                fx.assertNoQemu();
            } finally {
                fx.close();
            }
        }
    }

    private void pump(Stream s) {
        byte[] buf = new byte[4096];
        int n;
        while ((n = s.recv(buf, 0, buf.length)) > 0) {
            synchronized (console) {
                console.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                console.notifyAll();
            }
        }
    }

    /** Marker lines may follow a prompt or the echo: match anywhere. */
    private void waitConsole(String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (console) {
            while (console.indexOf(marker) < 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("no '" + marker + "' on the console:\n" + console);
                }
                console.wait(left);
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(150)
    void consoleStreamAndDiskHotplug() throws Exception {
        String xml = fx.guestXml("h1", "").replaceFirst("<serial type='file'>.*?</serial>",
                "<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>");
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            Stream s = c.newStream();
            d.openConsole(null, s, false);
            Thread reader = Thread.ofVirtual().start(() -> pump(s));
            VirtException busy = assertThrows(VirtException.class, () -> d.openConsole(null, c.newStream(), false));
            assertTrue(busy.getMessage().contains("Active console session exists"), busy.getMessage());
            d.resume();
            waitConsole("TESTGUEST-READY token=" + fx.token, Duration.ofSeconds(60));
            byte[] cmd = "echo RES\"\"ULT=$((6*7))\r".getBytes(StandardCharsets.US_ASCII);
            s.send(cmd, 0, cmd.length);
            waitConsole("RESULT=42", Duration.ofSeconds(30));

            Path disk = fx.dir.resolve("hot.qcow2");
            assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "32M")
                    .inheritIO().start().waitFor());
            String diskXml = """
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                    <source file='%s'/><target dev='vdb' bus='virtio'/></disk>""".formatted(disk);
            BlockingQueue<String> removed = new LinkedBlockingQueue<>();
            try (EventRegistration reg = c.domainEventRegister(DomainEventId.DEVICE_REMOVED, d,
                    (dom, ev) -> removed.add(((DomainEvent.DeviceRemoved) ev).devAlias()))) {
                long t0 = System.nanoTime();
                d.attachDevice(diskXml, DomainDeviceModifyFlag.LIVE);
                // the guest names disks in the order it finds them: its first disk is vda, whatever the target says
                waitConsole("TESTGUEST-UEVENT add block vda", Duration.ofSeconds(30));
                long plugMs = (System.nanoTime() - t0) / 1_000_000;
                assertTrue(d.getXMLDesc().contains("virtio-disk1"), d.getXMLDesc());
                VirtException dup = assertThrows(VirtException.class,
                        () -> d.attachDevice(diskXml, DomainDeviceModifyFlag.LIVE));
                assertTrue(dup.getMessage().contains("target vdb already exists"), dup.getMessage());
                long t1 = System.nanoTime();
                d.detachDevice(diskXml, DomainDeviceModifyFlag.LIVE);
                long unplugMs = (System.nanoTime() - t1) / 1_000_000;
                waitConsole("TESTGUEST-UEVENT remove block vda", Duration.ofSeconds(30));
                assertEquals("virtio-disk1", removed.poll(10, TimeUnit.SECONDS));
                assertFalse(d.getXMLDesc().contains("vdb"));
                System.out.printf("hot-plug: attach -> guest sees the disk %d ms, detach (until DEVICE_DELETED) %d ms%n",
                        plugMs, unplugMs);
            }
            d.destroy();
            reader.join(10_000);
            assertFalse(reader.isAlive(), "the console stream ends with the guest");
        }
    }
}
