package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainBlockJobInfo;
import org.jvirt.DomainBlockJobType;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainBlockCommitFlag;
import org.jvirt.flags.DomainBlockJobAbortFlag;
import org.jvirt.flags.DomainBlockRebaseFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * Block jobs on the real test guest under TCG with qcow2 chains made by qemu-img (data put in by qemu-io): a copy
 * that mirrors, shows its {@code <mirror>}, pivots, and the guest still reads what it wrote before; a copy that is
 * aborted and leaves the original; an inactive commit checked with qemu-io; an active commit with pivot; a pull.
 * Events are BLOCK_JOB (path) and BLOCK_JOB_2 (target) with libvirt's types and statuses.
 */
class BlockJobGuestTest {

    private DriverFixture fx;

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

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", argv) + ": " + out);
        return out;
    }

    /** Whether the image reads {@code pattern} over 4 KiB at {@code offset} (qemu-io, shared with a running QEMU). */
    static boolean hasPattern(Path img, int pattern, long offset) throws Exception {
        Process p = new ProcessBuilder("qemu-io", "-r", "-U", "-f", "qcow2", "-c",
                "read -P 0x" + Integer.toHexString(pattern) + " " + offset + " 4k", img.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // exit 1 with "Pattern verification failed" when the data differ
        return p.exitValue() == 0 && out.contains("read 4096/4096") && !out.contains("failed");
    }

    static String backing(Path img) throws Exception {
        String out = run("qemu-img", "info", "-U", "--output=json", img.toString());
        int i = out.indexOf("\"backing-filename\": \"");
        return i < 0 ? null : out.substring(i + 21, out.indexOf('"', i + 21));
    }

    private static String disk(Path top) {
        return "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + top
                + "'/><target dev='vda' bus='virtio'/></disk>";
    }

    /** Block job events as "ID disk type status". */
    static final class JobEvents implements AutoCloseable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<EventRegistration> regs = new ArrayList<>();

        JobEvents(Connect c) {
            for (DomainEventId id : List.of(DomainEventId.BLOCK_JOB, DomainEventId.BLOCK_JOB_2)) {
                regs.add(c.domainEventRegister(id, null, (dom, ev) -> {
                    if (ev instanceof DomainEvent.BlockJob j) {
                        queue.add(j.id() + " " + j.disk() + " " + j.type() + " " + j.status());
                    }
                }));
            }
        }

        /** Waits for one event equal to {@code want}, returning those seen until then. */
        List<String> until(String want) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                String e = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no '" + want + "'; saw " + seen);
                }
                seen.add(e);
                if (e.equals(want)) {
                    return seen;
                }
            }
        }

        /** Waits until every one of {@code wants} arrived, in any order. */
        void untilAll(String... wants) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!seen.containsAll(List.of(wants))) {
                String e = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new AssertionError("no " + List.of(wants) + "; saw " + seen);
                }
                seen.add(e);
            }
        }

        @Override
        public void close() {
            regs.forEach(EventRegistration::close);
        }
    }

    /** The guest's view of 4 KiB at block {@code n} (page cache dropped first): its first byte, in hex. */
    private static String guestByte(GuestConsole con, int n) throws InterruptedException {
        return con.run("echo 3 > /proc/sys/vm/drop_caches; dd if=/dev/vda bs=4096 skip=" + n
                + " count=1 2>/dev/null | od -An -tx1 -N1", Duration.ofSeconds(30)).strip();
    }

    private static void guestWrite(GuestConsole con, int n, char c) throws InterruptedException {
        con.run("dd if=/dev/zero bs=4096 count=1 2>/dev/null | tr '\\000' '" + c + "' | dd of=/dev/vda bs=4096 seek="
                + n + " conv=fsync 2>/dev/null", Duration.ofSeconds(30));
    }

    @Test
    @Timeout(300)
    void copyMirrorsPivotsAndAbortLeavesTheOriginal() throws Exception {
        Path base = fx.dir.resolve("base.qcow2");
        Path top = fx.dir.resolve("top.qcow2");
        Path copy = fx.dir.resolve("copy.qcow2");
        Path copy2 = fx.dir.resolve("copy2.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "16M");
        run("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 0 4k", base.toString());
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", top.toString());
        try (Connect c = fx.open(); JobEvents ev = new JobEvents(c)) {
            Domain d = c.domainDefineXML(GuestConsole.ptyXml(fx, "bj1", disk(top))); // persistent: see the pivot
            d.create();
            try (GuestConsole con = GuestConsole.open(c, d)) {
                con.waitFor("TESTGUEST-READY", 0, Duration.ofSeconds(90));
                guestWrite(con, 2, 'G');
                assertEquals("42", guestByte(con, 0));
                assertEquals("47", guestByte(con, 2));

                // a copy without pivot readiness: pivot refused, info says COPY
                d.blockRebase("vda", copy.toString(), 0, DomainBlockRebaseFlag.COPY);
                ev.until("BLOCK_JOB_2 vda 2 3"); // COPY READY
                Optional<DomainBlockJobInfo> info = d.getBlockJobInfo("vda");
                assertEquals(DomainBlockJobType.COPY, info.orElseThrow().type());
                assertEquals(info.get().cur(), info.get().end());
                String live = d.getXMLDesc();
                assertTrue(live.contains("<mirror type='file' file='" + copy + "' format='qcow2' job='copy' ready='yes'>\n"
                        + "        <format type='qcow2'/>\n        <source file='" + copy + "'/>\n      </mirror>"), live);
                VirtException busy = assertThrows(VirtException.class,
                        () -> d.blockRebase("vda", copy2.toString(), 0, DomainBlockRebaseFlag.COPY));
                assertEquals(ErrorNumber.BLOCK_COPY_ACTIVE.code(), busy.error().code());

                d.blockJobAbort("vda", DomainBlockJobAbortFlag.PIVOT);
                // COPY COMPLETED under both ids (each subscription delivers on its own, so in either order); as
                // libvirt, the path-named event is sent after the switch, so it names the new image
                ev.untilAll("BLOCK_JOB_2 vda 2 0", "BLOCK_JOB " + copy + " 2 0");
                live = d.getXMLDesc();
                assertTrue(live.contains(copy.toString()) && !live.contains("<mirror"), live);
                // the persistent definition follows the pivot, as libvirt's does
                String inactive = d.getXMLDesc(org.jvirt.flags.DomainXMLFlag.INACTIVE);
                assertTrue(inactive.contains("<source file='" + copy + "'/>"), inactive);
                assertTrue(d.getBlockJobInfo("vda").isEmpty());
                assertEquals(null, backing(copy)); // a full copy: no backing chain
                assertEquals("42", guestByte(con, 0)); // the data from before, read from the copy
                assertEquals("47", guestByte(con, 2));
                guestWrite(con, 3, 'H');
                assertTrue(hasPattern(copy, 0x48, 3 * 4096), "the guest now writes to the copy");
                assertFalse(hasPattern(top, 0x48, 3 * 4096), "and no longer to the old top");

                // abort: the original stays, the destination made for the copy goes
                d.blockRebase("vda", copy2.toString(), 0, DomainBlockRebaseFlag.COPY, DomainBlockRebaseFlag.SHALLOW);
                ev.until("BLOCK_JOB_2 vda 2 3");
                d.blockJobAbort("vda");
                ev.until("BLOCK_JOB_2 vda 2 2"); // CANCELED
                live = d.getXMLDesc();
                assertTrue(live.contains("file='" + copy + "'") || live.contains("file=\"" + copy + "\""), live);
                assertFalse(live.contains("<mirror"), live);
                assertFalse(Files.exists(copy2), "the copy's destination is removed");
                assertEquals("48", guestByte(con, 3));

                VirtException none = assertThrows(VirtException.class, () -> d.blockJobAbort("vda"));
                assertEquals(ErrorNumber.INVALID_ARG.code(), none.error().code());
                assertEquals("invalid argument: disk vda does not have an active block job", none.error().message());
                VirtException missing = assertThrows(VirtException.class, () -> d.blockPull("vdz", 0));
                assertEquals("invalid argument: disk 'vdz' not found in domain", missing.error().message());
                d.destroy();
                d.undefine();
            }
        }
    }

    @Test
    @Timeout(300)
    void commitInactiveAndActiveThenPull() throws Exception {
        Path base = fx.dir.resolve("base.qcow2");
        Path mid = fx.dir.resolve("mid.qcow2");
        Path top = fx.dir.resolve("top.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "16M");
        run("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 0 4k", base.toString());
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", mid.toString());
        run("qemu-io", "-f", "qcow2", "-c", "write -P 0x4d 4096 4k", mid.toString());
        run("qemu-img", "create", "-q", "-f", "qcow2", "-b", mid.toString(), "-F", "qcow2", top.toString());
        try (Connect c = fx.open(); JobEvents ev = new JobEvents(c)) {
            Domain d = c.domainCreateXML(GuestConsole.ptyXml(fx, "bj2", disk(top)));
            try (GuestConsole con = GuestConsole.open(c, d)) {
                con.waitFor("TESTGUEST-READY", 0, Duration.ofSeconds(90));
                guestWrite(con, 2, 'T');

                VirtException needsActive = assertThrows(VirtException.class,
                        () -> d.blockCommit("vda", null, null, 0));
                assertEquals("invalid argument: commit of 'vda' active layer requires active flag",
                        needsActive.error().message());

                // inactive commit of mid into base: base holds mid's data, top now sits on base
                assertFalse(hasPattern(base, 0x4d, 4096));
                d.blockCommit("vda", base.toString(), mid.toString(), 0);
                ev.until("BLOCK_JOB_2 vda 3 0"); // COMMIT COMPLETED
                assertTrue(hasPattern(base, 0x4d, 4096), "mid's data committed into base");
                assertEquals(base.toString(), backing(top));
                assertEquals("4d", guestByte(con, 1));

                // active commit of top into base, then pivot: the guest runs on base with its own write in it
                d.blockCommit("vda", null, null, 0, DomainBlockCommitFlag.ACTIVE);
                ev.until("BLOCK_JOB_2 vda 4 3"); // ACTIVE_COMMIT READY
                assertTrue(d.getXMLDesc().contains("job='active-commit'")
                        || d.getXMLDesc().contains("job=\"active-commit\""), d.getXMLDesc());
                d.blockJobAbort("vda", DomainBlockJobAbortFlag.PIVOT);
                ev.until("BLOCK_JOB_2 vda 4 0");
                String live = d.getXMLDesc();
                assertTrue(live.contains("file='" + base + "'") || live.contains("file=\"" + base + "\""), live);
                assertTrue(hasPattern(base, 0x54, 2 * 4096), "the guest's write reached base");
                assertEquals("54", guestByte(con, 2));
                assertEquals("42", guestByte(con, 0));
                d.destroy();
            }
            // pull: a new top over base; pulling makes it whole
            Path top2 = fx.dir.resolve("top2.qcow2");
            run("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", top2.toString());
            Domain d2 = c.domainCreateXML(GuestConsole.ptyXml(fx, "bj3", disk(top2)));
            try (GuestConsole con = GuestConsole.open(c, d2)) {
                con.waitFor("TESTGUEST-READY", 0, Duration.ofSeconds(90));
                d2.blockPull("vda", 0);
                ev.until("BLOCK_JOB_2 vda 1 0"); // PULL COMPLETED
                assertEquals(null, backing(top2));
                assertEquals("54", guestByte(con, 2));
                d2.destroy();
            }
            // read once QEMU has written its metadata out
            assertTrue(hasPattern(top2, 0x42, 0), "base's data pulled into the top");
            assertTrue(hasPattern(top2, 0x54, 2 * 4096));
        }
    }
}
