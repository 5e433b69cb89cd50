package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.NotFoundException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jvirsh migrate between two QEMU driver instances of this process (each with its own state and run
 * directories, so each is a host of its own): the options become the right flags and parameters, --verbose shows
 * virsh's progress, --p2p is refused naming why. A real TCG guest; jvirtd's LiveMigrationTest covers daemons.
 */
class MigrateCommandTest {

    private static Path dir;
    private static String token;
    private static String uriA;
    private static String uriB;
    private static Connect a;
    private static Connect b;

    private record Result(int rc, String out, String err) {
    }

    @BeforeAll
    static void boot() throws Exception {
        QemuTesting.assumeQemu();
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        dir = QemuTesting.tempDir("jvshmig-");
        token = QemuTesting.marker();
        uriA = "qemu:///session?state_dir=" + dir.resolve("a/state") + "&run_dir=" + dir.resolve("a/run");
        uriB = "qemu:///session?state_dir=" + dir.resolve("b/state") + "&run_dir=" + dir.resolve("b/run");
        a = Connect.open(uriA);
        b = Connect.open(uriB);
        Domain d = a.domainCreateXML("""
                <domain type='qemu'>
                  <name>vm1</name>
                  <memory unit='MiB'>256</memory>
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
                """.formatted(g.kernel(), g.initrd(), token, dir.resolve("serial.log")));
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!serial().contains("TESTGUEST-READY token=" + token)) {
            assertTrue(System.nanoTime() < deadline, "no READY: " + serial() + " state " + d.getState());
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (Connect c : new Connect[] {a, b}) {
            if (c != null) {
                for (Domain d : c.listAllDomains()) {
                    if (d.isActive()) {
                        d.destroy();
                    }
                }
                c.close();
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

    private static String serial() {
        try {
            return Files.readString(dir.resolve("serial.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static Result jvirsh(String uri, String... command) {
        List<String> args = new ArrayList<>(List.of("-c", uri));
        args.addAll(List.of(command));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(args.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void migratesLiveWithProgressThenBackSuspendedAndRefusesPeerToPeer() {
        Result r = jvirsh(uriA, "migrate", "--live", "--verbose", "--persistent", "vm1", uriB);
        assertEquals(0, r.rc(), r::toString);
        assertTrue(r.err().endsWith("\rMigration: [100 %]"), r::toString);
        Domain there = b.domainLookupByName("vm1");
        assertEquals(DomainState.RUNNING, there.getState().state());
        assertTrue(there.isPersistent(), "--persistent");
        assertThrows(NotFoundException.class, () -> a.domainLookupByName("vm1"), "transient on A: gone");

        Result p2p = jvirsh(uriB, "migrate", "--live", "--p2p", "vm1", uriA);
        assertEquals(1, p2p.rc(), p2p::toString);
        assertEquals("error: this function is not supported by the connection driver: virDomainMigrateToURI3\n",
                p2p.err());
        Result postcopy = jvirsh(uriB, "migrate", "--live", "--postcopy", "vm1", uriA);
        assertEquals(1, postcopy.rc(), postcopy::toString);
        assertTrue(postcopy.err().contains("VIR_MIGRATE_POSTCOPY"), postcopy::toString);
        Result timeout = jvirsh(uriB, "migrate", "--timeout", "5", "vm1", uriA);
        assertEquals("error: migrate: Unexpected timeout for offline migration\n", timeout.err());
        assertEquals(DomainState.RUNNING, there.getState().state(), "refused migrations leave it running");

        Result back = jvirsh(uriB, "migrate", "--live", "--suspend", "--undefinesource", "--dname", "vm1", "vm1",
                uriA);
        assertEquals(0, back.rc(), back::toString);
        Domain here = a.domainLookupByName("vm1");
        assertEquals(DomainState.PAUSED, here.getState().state(), "--suspend");
        assertFalse(here.isPersistent());
        assertThrows(NotFoundException.class, () -> b.domainLookupByName("vm1"), "--undefinesource");
        here.resume();
        assertEquals(DomainState.RUNNING, here.getState().state());
    }
}
