package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * Block jobs, resize and dumps through jvirtd with the real virsh (libvirt's own client, wire and event
 * handling): blockpull, blockcommit --active --pivot, blockcopy --wait --verbose --pivot (virsh waits on the
 * BLOCK_JOB events jvirtd forwards), blockjob --info/--raw/--bandwidth/--abort, blockresize, dump --memory-only
 * in kdump-zlib and a live whole-state dump, on the real test guest over a qcow2 chain made by qemu-img.
 */
class BlockJobVirshTest {

    private static void img(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    }

    private static String head(Path f, int n) throws Exception {
        try (InputStream in = Files.newInputStream(f)) {
            return new String(in.readNBytes(n), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Opens the daemon's QEMU connection. On a loaded machine a connect right after the socket appeared was seen
     * refused (here and in ConsoleInteropTest), so it is retried for a while; a failure says what jvirtd logged.
     */
    private static Connect open(MigrationDaemonProcess host) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return Connect.open(host.uri());
            } catch (org.jvirt.VirtException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(e.getMessage() + "\n--- jvirtd\n" + host.log(), e);
                }
                Thread.sleep(200);
            }
        }
    }

    @Test
    @Timeout(300)
    void virshRunsBlockJobsResizeAndDumpThroughJvirtd() throws Exception {
        QemuTesting.assumeQemu();
        assumeTrue(Tools.hasVirsh(), "no virsh");
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        Path dir = QemuTesting.tempDir("jvbj-");
        String token = QemuTesting.marker();
        Path base = dir.resolve("base.qcow2");
        Path mid = dir.resolve("mid.qcow2");
        Path top = dir.resolve("top.qcow2");
        Path copy = dir.resolve("copy.qcow2");
        Path copy2 = dir.resolve("copy2.qcow2");
        img("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "16M");
        img("qemu-io", "-f", "qcow2", "-c", "write -P 0x42 0 4k", base.toString());
        img("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", mid.toString());
        img("qemu-io", "-f", "qcow2", "-c", "write -P 0x4d 4096 4k", mid.toString());
        img("qemu-img", "create", "-q", "-f", "qcow2", "-b", mid.toString(), "-F", "qcow2", top.toString());
        try (MigrationDaemonProcess host = new MigrationDaemonProcess("bj", dir.resolve("h"));
                Connect c = open(host)) {
            String uri = host.uri();
            c.domainCreateXML("""
                    <domain type='qemu'>
                      <name>bj</name>
                      <memory unit='MiB'>256</memory>
                      <vcpu>1</vcpu>
                      <os>
                        <type arch='x86_64' machine='pc'>hvm</type>
                        <kernel>%s</kernel>
                        <initrd>%s</initrd>
                        <cmdline>console=ttyS0 quiet tg.net=0 tg.token=%s</cmdline>
                      </os>
                      <features><acpi/></features>
                      <devices>
                        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                          <source file='%s'/><target dev='vda' bus='virtio'/></disk>
                      </devices>
                    </domain>""".formatted(g.kernel(), g.initrd(), token, top));

            Tools.Result r = Tools.virsh(uri, "blockjob", "bj", "vda", "--info");
            assertEquals("No current block job for vda", r.out().strip(), r.toString());

            r = Tools.virsh(uri, "blockpull", "bj", "vda", "--base", mid.toString(), "--wait", "--verbose");
            assertEquals(0, r.code(), r + host.log());
            assertTrue(r.out().contains("Pull complete"), r.toString());
            assertTrue(r.err().contains("Block Pull: [100 %]"), r.toString());

            r = Tools.virsh(uri, "blockcommit", "bj", "vda", "--active", "--pivot", "--verbose");
            assertEquals(0, r.code(), r + host.log());
            assertTrue(r.out().contains("Successfully pivoted"), r.toString());
            assertTrue(Tools.virsh(uri, "dumpxml", "bj").out().contains("<source file='" + base + "'/>"));

            r = Tools.virsh(uri, "blockcopy", "bj", "vda", "--dest", copy.toString(), "--wait", "--verbose",
                    "--pivot");
            assertEquals(0, r.code(), r + host.log());
            assertTrue(r.out().contains("Successfully pivoted"), r.toString());
            assertTrue(r.err().contains("Block Copy: [100 %]"), r.toString());
            String xml = Tools.virsh(uri, "dumpxml", "bj").out();
            assertTrue(xml.contains("<source file='" + copy + "'/>") && !xml.contains("<mirror"), xml);

            r = Tools.virsh(uri, "blockcopy", "bj", "vda", "--dest", copy2.toString(), "--wait");
            assertEquals(0, r.code(), r + host.log());
            assertTrue(r.out().contains("Now in mirroring phase"), r.toString());
            xml = Tools.virsh(uri, "dumpxml", "bj").out();
            assertTrue(xml.contains("<mirror type='file' file='" + copy2 + "' format='qcow2' job='copy' ready='yes'>"),
                    xml);
            assertEquals(0, Tools.virsh(uri, "blockjob", "bj", "vda", "--bandwidth", "5").code());
            r = Tools.virsh(uri, "blockjob", "bj", "vda", "--info", "--raw");
            List<String> lines = r.out().strip().lines().map(String::strip).toList();
            assertEquals("type=Block Copy", lines.get(0), r.toString());
            assertEquals("bandwidth=5", lines.get(1), r.toString());
            assertEquals(lines.get(2).substring(4), lines.get(3).substring(4), "ready: cur == end");
            r = Tools.virsh(uri, "blockjob", "bj", "vda");
            assertTrue(r.err().contains("Block Copy: [100 %]") && r.out().contains("Bandwidth limit: 5242880 bytes/s"
                    + " (5.000 MiB/s)"), r.toString());
            assertEquals(0, Tools.virsh(uri, "blockjob", "bj", "vda", "--abort").code());
            xml = Tools.virsh(uri, "dumpxml", "bj").out();
            assertTrue(xml.contains("<source file='" + copy + "'/>") && !xml.contains("<mirror"), xml);
            assertFalse(Files.exists(copy2));

            r = Tools.virsh(uri, "blockresize", "bj", "vda", "64M");
            assertEquals("Block device 'vda' is resized", r.out().strip(), r.toString());

            Path kdump = dir.resolve("core.kdump");
            r = Tools.virsh(uri, "dump", "bj", kdump.toString(), "--memory-only", "--format", "kdump-zlib");
            assertEquals("Domain 'bj' dumped to " + kdump, r.out().strip(), r + host.log());
            assertEquals("makedumpfile", head(kdump, 12));
            Files.delete(kdump);
            Path state = dir.resolve("core.state");
            r = Tools.virsh(uri, "dump", "bj", state.toString(), "--live");
            assertEquals(0, r.code(), r + host.log());
            assertEquals("QEVM", head(state, 4));
            Files.delete(state);
            assertEquals("running", Tools.virsh(uri, "domstate", "bj").out().strip());

            r = Tools.virsh(uri, "blockjob", "bj", "vdz", "--info");
            assertTrue(r.err().contains("invalid argument: disk 'vdz' not found in domain"), r.toString());
            r = Tools.virsh(uri, "dump", "bj", state.toString(), "--format", "elf");
            assertTrue(r.err().contains("--format only works with --memory-only"), r.toString());

            assertEquals(0, Tools.virsh(uri, "destroy", "bj").code());
        } finally {
            for (long pid : QemuTesting.pgrep(token)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            QemuTesting.deleteTree(dir);
        }
    }
}
