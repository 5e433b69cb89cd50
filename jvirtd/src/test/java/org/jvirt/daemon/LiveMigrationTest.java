package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainJobType;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.MigrateParam;
import org.jvirt.NotFoundException;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventDetails;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainMigrateFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Live migration of a real (TCG) guest between two jvirtd daemons, each in its own JVM with its own QEMU driver
 * state: two hosts on loopback. One guest boot serves the whole class; it goes A -> B through jvirt's API, back
 * B -> A with the real virsh 9.0 ({@code virsh migrate --live}), survives a failed and an aborted migration, and
 * at the end answers the ACPI power button on A, which only a guest that still runs can do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveMigrationTest {

    private static final String NAME = "migrant";
    private static Path dir;
    private static String token;
    private static MigrationDaemonProcess hostA;
    private static MigrationDaemonProcess hostB;
    private static Connect a;
    private static Connect b;
    private static Events eventsA;
    private static Events eventsB;

    @BeforeAll
    static void start() throws Exception {
        QemuTesting.assumeQemu();
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        dir = QemuTesting.tempDir("jvmig-");
        token = QemuTesting.marker();
        hostA = new MigrationDaemonProcess("A", dir.resolve("a"));
        hostB = new MigrationDaemonProcess("B", dir.resolve("b"));
        a = Connect.open(hostA.uri());
        b = Connect.open(hostB.uri());
        eventsA = new Events(a);
        eventsB = new Events(b);
        Domain d = a.domainDefineXML(guestXml(g));
        d.create();
        waitFor(Duration.ofSeconds(90), () -> serial().contains("TESTGUEST-READY token=" + token),
                () -> "no READY; serial:\n" + serial());
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connect c : new Connect[] {a, b}) {
            if (c == null) {
                continue;
            }
            try {
                Domain d = c.domainLookupByName(NAME);
                if (d.isActive()) {
                    d.destroy();
                }
            } catch (VirtException ignored) {
                // not there: fine
            }
            c.close();
        }
        for (MigrationDaemonProcess h : new MigrationDaemonProcess[] {hostA, hostB}) {
            if (h != null) {
                h.close();
            }
        }
        if (token != null) {
            for (long pid : QemuTesting.pgrep(token)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        if (dir != null) {
            QemuTesting.deleteTree(dir);
        }
    }

    private static String guestXml(TestGuest.Artifacts g) {
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
                  </devices>
                </domain>
                """.formatted(NAME, g.kernel(), g.initrd(), token, dir.resolve("serial.log"));
    }

    /**
     * The guest's console. Both hosts' QEMUs write the same file (one host's disk): the incoming QEMU reopens
     * it, so lines after a migration are the new host's.
     */
    private static String serial() {
        try {
            return Files.readString(dir.resolve("serial.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @Order(1)
    void javaApiMigratesTheRunningGuestFromAToB() throws Exception {
        Domain src = a.domainLookupByName(NAME);
        long t0 = System.nanoTime();
        Domain dst = src.migrate(b, Map.of(), DomainMigrateFlag.LIVE, DomainMigrateFlag.PERSIST_DEST);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("MEASURE live migration A->B through the Java API: " + ms + " ms");

        assertEquals(NAME, dst.getName());
        assertEquals(src.getUUID(), dst.getUUID());
        assertEquals(DomainState.RUNNING, dst.getState().state());
        assertEquals("migrated", dst.getState().reasonName());
        assertTrue(dst.isPersistent(), "PERSIST_DEST defines it on B");
        assertTrue(dst.qemuMonitorCommand("{\"execute\":\"query-status\"}").contains("\"running\""));

        // A: persistent, so still defined, shut off as migrated
        Domain left = a.domainLookupByName(NAME);
        assertFalse(left.isActive());
        assertEquals(DomainState.SHUTOFF, left.getState().state());
        assertEquals("migrated", left.getState().reasonName());

        eventsA.until("Suspended Migrated");
        eventsA.until("Stopped Migrated");
        eventsB.until("Started Migrated");
        eventsB.until("Resumed Migrated");
    }

    @Test
    @Order(2)
    void realVirshMigratesItBackFromBToA() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        long t0 = System.nanoTime();
        Tools.Result r = Tools.virsh(hostB.uri(), "migrate", "--live", "--verbose", "--persistent",
                "--undefinesource", NAME, hostA.uri());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("MEASURE live migration B->A with virsh migrate (whole virsh run): " + ms + " ms");
        assertEquals(0, r.code(), r::toString);
        assertTrue((r.out() + r.err()).contains("Migration: [100 %]"), r::toString);

        Domain back = a.domainLookupByName(NAME);
        assertEquals(DomainState.RUNNING, back.getState().state());
        assertTrue(back.isPersistent());
        assertThrows(NotFoundException.class, () -> b.domainLookupByName(NAME), "--undefinesource");
        assertTrue(Tools.virsh(hostA.uri(), "domstate", "--reason", NAME).out().contains("running (migrated)"));
        eventsB.until("Stopped Migrated");
        eventsB.until("Undefined Removed");
        eventsA.until("Resumed Migrated");
    }

    @Test
    @Order(3)
    void aMigrationThatCannotConnectFailsAndTheGuestRunsOnAtTheSource() throws Exception {
        Domain src = a.domainLookupByName(NAME);
        // B listens on 127.0.0.1 only and tells A to connect to 127.0.0.2: refused at once
        VirtException e = assertThrows(VirtException.class, () -> src.migrate(b,
                Map.of(MigrateParam.LISTEN_ADDRESS.key(), "127.0.0.1", MigrateParam.URI.key(), "tcp:127.0.0.2"),
                DomainMigrateFlag.LIVE));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number(), e::toString);
        assertTrue(e.getMessage().contains("job 'migration out' failed"), e::getMessage);
        assertEquals(DomainState.RUNNING, src.getState().state());
        assertThrows(NotFoundException.class, () -> b.domainLookupByName(NAME), "the incoming guest went");
        eventsB.until("Stopped Failed");
        assertEquals(DomainJobType.NONE, src.getJobInfo().type());
    }

    @Test
    @Order(4)
    void anIncomingMigrationWhoseClientWentIsEndedByTheDestination() throws Exception {
        String xml = a.domainLookupByName(NAME).getXMLDesc();
        try (Connect half = Connect.open(hostB.uri())) {
            org.jvirt.spi.Migration.Prepared p = org.jvirt.MigrationInternals.prepare3(half,
                    Map.of(MigrateParam.DEST_XML.key(), xml), null, java.util.Set.of(DomainMigrateFlag.LIVE));
            assertTrue(p.uri().startsWith("tcp:"), p::uri);
            Domain waiting = b.domainLookupByName(NAME);
            assertEquals(DomainState.PAUSED, waiting.getState().state());
            assertEquals("migration", waiting.getState().reasonName());
            assertEquals(DomainJobType.UNBOUNDED, waiting.getJobInfo().type(), "an incoming migration job");
        }
        // the client is gone without Finish: B ends the incoming QEMU (libvirt's close callback)
        waitFor(Duration.ofSeconds(30), () -> {
            try {
                b.domainLookupByName(NAME);
                return false;
            } catch (NotFoundException e) {
                return true;
            }
        }, () -> "the abandoned incoming guest is still on B");
        eventsB.until("Stopped Failed");
    }

    @Test
    @Order(5)
    void aBadDestinationXmlIsRefusedBeforeAnythingStarts() throws Exception {
        Domain src = a.domainLookupByName(NAME);
        String other = src.getXMLDesc().replaceFirst("<uuid>[^<]*</uuid>",
                "<uuid>00000000-0000-0000-0000-000000000001</uuid>");
        VirtException e = assertThrows(VirtException.class,
                () -> src.migrate(b, Map.of(MigrateParam.DEST_XML.key(), other), DomainMigrateFlag.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, e.number(), e::toString);
        VirtException p2p = assertThrows(VirtException.class,
                () -> src.migrate(b, Map.of(), DomainMigrateFlag.LIVE, DomainMigrateFlag.PEER2PEER));
        assertEquals(ErrorNumber.INVALID_ARG, p2p.number());
        VirtException unsupported = assertThrows(VirtException.class,
                () -> src.migrateToURI3(hostB.uri(), Map.of(), DomainMigrateFlag.LIVE, DomainMigrateFlag.PEER2PEER));
        assertEquals(ErrorNumber.NO_SUPPORT, unsupported.number(), unsupported::toString);
        assertTrue(unsupported.getMessage().contains("peer-to-peer"), unsupported::getMessage);
        if (Tools.hasVirsh()) {
            // real virsh: the client library asks for the P2P feature first and stops there
            Tools.Result p2pVirsh = Tools.virsh(hostA.uri(), "migrate", "--live", "--p2p", NAME, hostB.uri());
            assertEquals(1, p2pVirsh.code(), p2pVirsh::toString);
            assertTrue(p2pVirsh.err().contains("not supported"), p2pVirsh::toString);
            // a destination nobody listens at
            Tools.Result nowhere = Tools.virsh(hostA.uri(), "migrate", "--live", NAME,
                    "qemu+unix:///session?socket=" + dir.resolve("nowhere.sock"));
            assertEquals(1, nowhere.code(), nowhere::toString);
            assertTrue(nowhere.err().contains("Failed to connect socket"), nowhere::toString);
        }
        assertEquals(DomainState.RUNNING, src.getState().state());
        assertThrows(NotFoundException.class, () -> b.domainLookupByName(NAME));
    }

    @Test
    @Order(6)
    void jobInfoShowsTheMigrationAndAbortStopsIt() throws Exception {
        Domain src = a.domainLookupByName(NAME);
        // 1 MiB/s: the guest's few tens of MiB of non-zero memory take long enough to watch and abort
        CompletableFuture<Domain> migration = CompletableFuture.supplyAsync(() -> src.migrate(b,
                Map.of(MigrateParam.BANDWIDTH.key(), 1L), DomainMigrateFlag.LIVE));
        DomainJobInfo[] seen = new DomainJobInfo[1];
        waitFor(Duration.ofSeconds(60), () -> {
            seen[0] = src.getJobInfo();
            return seen[0].type() == DomainJobType.UNBOUNDED && seen[0].dataProcessed() > 0;
        }, () -> "no migration job seen: " + seen[0] + " / " + migration);
        assertTrue(seen[0].dataTotal() >= 256L << 20, seen[0]::toString);
        assertTrue(seen[0].dataRemaining() > 0, seen[0]::toString);
        Tools.Result info = Tools.virsh(hostA.uri(), "domjobinfo", NAME);
        assertTrue(info.out().contains("Unbounded"), info::toString);
        src.abortJob();
        VirtException e = assertThrows(VirtException.class, () -> {
            try {
                migration.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException x) {
                throw x.getCause();
            }
        });
        assertEquals(ErrorNumber.OPERATION_ABORTED, e.number(), e::toString);
        assertEquals(DomainState.RUNNING, src.getState().state());
        assertEquals(DomainJobType.NONE, src.getJobInfo().type());
        VirtException noJob = assertThrows(VirtException.class, src::abortJob);
        assertEquals(ErrorNumber.OPERATION_INVALID, noJob.number());
        assertThrows(NotFoundException.class, () -> b.domainLookupByName(NAME));
    }

    @Test
    @Order(7)
    void jobInfoShowsASaveAndAbortStopsItToo() throws Exception {
        Domain src = a.domainLookupByName(NAME);
        // a save is a QEMU migration into a file: slowed the same way, through the monitor
        src.qemuMonitorCommand("{\"execute\":\"migrate-set-parameters\",\"arguments\":{\"max-bandwidth\":1048576}}");
        Path image = dir.resolve("saved.img");
        CompletableFuture<Void> save = CompletableFuture.runAsync(() -> src.save(image.toString(), null));
        DomainJobInfo[] seen = new DomainJobInfo[1];
        waitFor(Duration.ofSeconds(60), () -> {
            seen[0] = src.getJobInfo();
            return seen[0].type() == DomainJobType.UNBOUNDED && seen[0].dataProcessed() > 0;
        }, () -> "no save job seen: " + seen[0] + " / " + save);
        Tools.Result abort = Tools.virsh(hostA.uri(), "domjobabort", NAME);
        assertEquals(0, abort.code(), abort::toString);
        VirtException e = assertThrows(VirtException.class, () -> {
            try {
                save.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException x) {
                throw x.getCause();
            }
        });
        assertEquals(ErrorNumber.OPERATION_ABORTED, e.number(), e::toString);
        assertTrue(e.getMessage().contains("job 'domain save' canceled by client"), e::getMessage);
        assertEquals(DomainState.RUNNING, src.getState().state());
        assertFalse(Files.exists(image), "no partial image left");
        assertEquals(DomainJobType.NONE, src.getJobInfo().type());
    }

    @Test
    @Order(8)
    void afterAllThatTheGuestStillAnswersThePowerButtonOnA() throws Exception {
        Domain d = a.domainLookupByName(NAME);
        d.shutdown();
        waitFor(Duration.ofSeconds(90), () -> serial().contains("TESTGUEST-POWERDOWN"),
                () -> "the guest did not react; serial:\n" + serial());
        waitFor(Duration.ofSeconds(60), () -> d.getState().state() == DomainState.SHUTOFF,
                () -> "not shut off: " + d.getState());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static void waitFor(Duration timeout, BooleanSupplier cond, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what.get());
            }
            Thread.sleep(50);
        }
    }

    /** One connection's lifecycle events as "Type Detail" strings. */
    static final class Events {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final EventRegistration reg;

        Events(Connect c) {
            reg = c.domainEventRegister((dom, ev) -> {
                if (ev instanceof DomainEvent.Lifecycle l) {
                    queue.add(DomainEventDetails.typeName(l.type()) + " " + l.detailName());
                }
            });
        }

        List<String> until(String want) throws InterruptedException {
            List<String> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                String e = queue.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertNotNull(e, () -> "no '" + want + "' event; saw " + seen);
                seen.add(e);
                if (e.equals(want)) {
                    return seen;
                }
            }
        }
    }
}
