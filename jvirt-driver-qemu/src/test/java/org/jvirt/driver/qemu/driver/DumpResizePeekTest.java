package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainBlockResizeFlag;
import org.jvirt.flags.DomainCoreDumpFlag;
import org.jvirt.flags.DomainMemoryPeekFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * virDomainCoreDump(WithFormat), virDomainBlockResize, virDomainBlockPeek and virDomainMemoryPeek on the real test
 * guest: each dump format's magic, the pause around a non-live dump (SUSPENDED/RESUMED), RESET and CRASH, the
 * guest seeing its disk grow, libvirt's refusals.
 */
class DumpResizePeekTest {

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

    private static byte[] head(Path file, int n) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    @Test
    @Timeout(300)
    void dumpsResizesAndPeeks() throws Exception {
        Path raw = fx.dir.resolve("disk.raw");
        byte[] data = new byte[16 << 20];
        System.arraycopy("PEEKDATA".getBytes(StandardCharsets.US_ASCII), 0, data, 0, 8);
        Files.write(raw, data);
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + raw
                + "'/><target dev='vda' bus='virtio'/></disk>";
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            Domain d = c.domainCreateXML(GuestConsole.ptyXml(fx, "dump1", disk));
            try (GuestConsole con = GuestConsole.open(c, d)) {
                con.waitFor("TESTGUEST-READY", 0, Duration.ofSeconds(90));
                ev.queue.clear();

                // peeks
                assertArrayEquals("PEEKDATA".getBytes(StandardCharsets.US_ASCII), d.blockPeek("vda", 0, 8));
                assertArrayEquals("PEEKDATA".getBytes(StandardCharsets.US_ASCII), d.blockPeek(raw.toString(), 0, 8));
                VirtException past = assertThrows(VirtException.class, () -> d.blockPeek("vda", (16 << 20) - 4, 8));
                assertEquals("invalid argument: 'vda' starting from 16777212 has only 4 bytes available",
                        past.error().message());
                assertEquals(64, d.memoryPeek(0, 64, DomainMemoryPeekFlag.PHYSICAL).length);
                VirtException noFlag = assertThrows(VirtException.class, () -> d.memoryPeek(0, 64));
                assertEquals("invalid argument: flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL",
                        noFlag.error().message());

                // resize: the file and the guest's disk grow
                d.blockResize("vda", 32 << 10);
                assertEquals(32L << 20, Files.size(raw));
                DriverFixture.waitFor(Duration.ofSeconds(30), () -> {
                    try {
                        return con.run("cat /sys/block/vda/size", Duration.ofSeconds(20)).equals("65536");
                    } catch (InterruptedException e) {
                        return false;
                    }
                }, () -> "the guest did not see vda grow");
                d.blockResize("vda", (48L << 20) + 1, DomainBlockResizeFlag.BYTES);
                assertEquals((48L << 20) + 1, Files.size(raw)); // raw: not rounded, as libvirt
                VirtException noDisk = assertThrows(VirtException.class, () -> d.blockResize("vdz", 1));
                assertEquals("invalid argument: disk 'vdz' was not found in the domain config",
                        noDisk.error().message());

                // a memory-only ELF dump pauses the guest and lets it run again
                Path elf = fx.dir.resolve("core.elf");
                d.coreDump(elf.toString(), DomainCoreDumpFlag.MEMORY_ONLY);
                assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, head(elf, 4));
                assertEquals("-rw-------", "-" + java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(elf)));
                assertEquals(List.of("Suspended Paused", "Resumed Unpaused"),
                        ev.until("Resumed Unpaused", Duration.ofSeconds(10)));
                assertEquals(DomainState.RUNNING, d.getState().state());
                Files.delete(elf);

                Path kdump = fx.dir.resolve("core.kdump");
                d.coreDumpWithFormat(kdump.toString(), DomainCoreDumpFormat.KDUMP_ZLIB, DomainCoreDumpFlag.MEMORY_ONLY,
                        DomainCoreDumpFlag.LIVE);
                // QEMU 7.2 writes kdump in makedumpfile's flattened format (its header first), whatever the file
                assertEquals("makedumpfile", new String(head(kdump, 12), StandardCharsets.US_ASCII));
                Files.delete(kdump);
                // QEMU itself stops the vCPUs while it writes guest memory, LIVE or not; its events pass through
                ev.until("Resumed Unpaused", Duration.ofSeconds(10));
                ev.queue.clear();

                // the whole state, live: a migration stream, no pause
                Path state = fx.dir.resolve("core.state");
                d.coreDump(state.toString(), DomainCoreDumpFlag.LIVE);
                assertEquals("QEVM", new String(head(state, 4), StandardCharsets.US_ASCII));
                // the migration's end stops the guest; the dump lets it run again, as libvirt's does
                assertEquals("Resumed Unpaused", ev.until("Resumed Unpaused", Duration.ofSeconds(10)).getLast());
                assertEquals(DomainState.RUNNING, d.getState().state());
                assertEquals("alive", con.run("echo al\"\"ive", Duration.ofSeconds(30)));
                Files.delete(state);

                // refusals leave no file
                Path bad = fx.dir.resolve("bad.core");
                VirtException fmt = assertThrows(VirtException.class,
                        () -> d.coreDumpWithFormat(bad.toString(), DomainCoreDumpFormat.KDUMP_ZLIB));
                assertEquals(ErrorNumber.OPERATION_UNSUPPORTED.code(), fmt.error().code());
                VirtException excl = assertThrows(VirtException.class, () -> d.coreDump(bad.toString(),
                        DomainCoreDumpFlag.CRASH, DomainCoreDumpFlag.LIVE));
                assertEquals("Flags 'VIR_DUMP_CRASH' and 'VIR_DUMP_LIVE' are mutually exclusive",
                        excl.error().message());
                assertThrows(VirtException.class, () -> d.coreDump(fx.dir.resolve("no/such/dir/core").toString(),
                        DomainCoreDumpFlag.MEMORY_ONLY));
                assertFalse(Files.exists(bad));
                assertEquals(DomainState.RUNNING, d.getState().state());

                // RESET: the guest boots again
                int mark = con.mark();
                Path reset = fx.dir.resolve("core.reset");
                d.coreDump(reset.toString(), DomainCoreDumpFlag.MEMORY_ONLY, DomainCoreDumpFlag.RESET);
                con.waitFor("TESTGUEST-READY", mark, Duration.ofSeconds(90));
                Files.delete(reset);

                // CRASH: shut off, crashed
                Path crash = fx.dir.resolve("core.crash");
                ev.queue.clear();
                d.coreDump(crash.toString(), DomainCoreDumpFlag.MEMORY_ONLY, DomainCoreDumpFlag.CRASH);
                ev.until("Stopped Crashed", Duration.ofSeconds(30));
                // a transient guest is gone once it stopped, as libvirt removes it
                VirtException gone = assertThrows(VirtException.class, d::getState);
                assertEquals(ErrorNumber.NO_DOMAIN.code(), gone.error().code());
                assertTrue(Arrays.equals(new byte[] {0x7f, 'E', 'L', 'F'}, head(crash, 4)));
            }
        }
    }
}
