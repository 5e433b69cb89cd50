package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainSnapshot;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;

/** Internal snapshots of a running qcow2 guest: memory and disk come back, from a running or a shut-off domain. */
class SnapshotTest {

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

    private Stream attach(Connect c, Domain d) {
        Stream s = c.newStream();
        d.openConsole(null, s, true);
        Thread.ofVirtual().start(() -> {
            byte[] buf = new byte[4096];
            int n;
            while ((n = s.recv(buf, 0, buf.length)) > 0) {
                synchronized (console) {
                    console.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    console.notifyAll();
                }
            }
        });
        return s;
    }

    private void waitConsole(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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

    /** Runs a shell command on the console and waits for its "MARK=value" answer. */
    private void shell(Stream s, String cmd, String expect) throws InterruptedException {
        byte[] b = (cmd + "\r").getBytes(StandardCharsets.US_ASCII);
        s.send(b, 0, b.length);
        waitConsole(expect);
    }

    @Test
    @Timeout(240)
    void runningSnapshotRevertsMemoryAndDisk() throws Exception {
        Path disk = fx.dir.resolve("snap.qcow2");
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "32M")
                .inheritIO().start().waitFor());
        String xml = fx.guestXml("sn1", """
                <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                <source file='%s'/><target dev='vda' bus='virtio'/></disk>""".formatted(disk))
                .replaceFirst("<serial type='file'>.*?</serial>", "<serial type='pty'><target port='0'/></serial>");
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(xml);
            d.create(DomainCreateFlag.START_PAUSED);
            Stream s = attach(c, d);
            d.resume();
            waitConsole("TESTGUEST-READY token=" + fx.token);
            shell(s, "touch /tmp/before; echo ONE\"\"=done", "ONE=done");

            long t0 = System.nanoTime();
            DomainSnapshot s1 = d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>");
            long snapMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 5), d.getState()); // as before: unpaused
            assertTrue(d.hasCurrentSnapshot());
            assertEquals("s1", d.snapshotCurrent().getName());
            String sx = s1.getXMLDesc();
            assertTrue(sx.contains("<state>running</state>") && sx.contains("<domain"), sx);

            shell(s, "touch /tmp/after; echo TWO\"\"=done", "TWO=done");
            long t1 = System.nanoTime();
            s1.revert();
            long revertMs = (System.nanoTime() - t1) / 1_000_000;
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 4), d.getState()); // from snapshot
            shell(s, "test -e /tmp/after && echo AFTER\"\"=yes || echo AFTER\"\"=no", "AFTER=no");
            shell(s, "test -e /tmp/before && echo BEFORE\"\"=yes || echo BEFORE\"\"=no", "BEFORE=yes");

            d.destroy();
            DomainSnapshot s2 = d.snapshotCreateXML("<domainsnapshot><name>s2</name></domainsnapshot>");
            assertTrue(s2.getXMLDesc().contains("<state>shutoff</state>"));
            assertEquals("s1", s2.getParent().getName());
            assertEquals(List.of("s1"), d.listAllSnapshots(SnapshotListFlag.ROOTS).stream()
                    .map(DomainSnapshot::getName).toList());

            // a running snapshot onto a shut-off domain: it starts from the saved memory
            console.setLength(0);
            s1.revert();
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 4), d.getState());
            Stream s3 = attach(c, d);
            shell(s3, "test -e /tmp/after && echo AGAIN\"\"=yes || echo AGAIN\"\"=no", "AGAIN=no");
            d.destroy();

            VirtException e = assertThrows(VirtException.class, d::undefine);
            assertTrue(e.getMessage().contains("snapshots"), e.getMessage());
            s1.delete();
            assertFalse(d.snapshotLookupByName("s2").getXMLDesc().contains("<parent>"));
            d.undefine(DomainUndefineFlag.SNAPSHOTS_METADATA);
            fx.assertRunDirClean();
            System.out.printf("internal snapshot of the running guest %d ms, revert %d ms%n", snapMs, revertMs);
        }
    }
}
