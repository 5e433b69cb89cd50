package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * jvirsh's block job commands, blockresize and dump against the QEMU driver of this process, on the real test
 * guest over a qcow2 chain made by qemu-img: virsh's messages, its progress on stderr, its refusals of option
 * combinations. BlockJobVirshTest (jvirtd) runs the same commands with the real virsh.
 */
class BlockCommandsTest {

    private record Result(int rc, String out, String err) {
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

    private static void img(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    }

    @Test
    @Timeout(300)
    void blockJobsResizeAndDump() throws Exception {
        QemuTesting.assumeQemu();
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        TestGuest.Artifacts g = TestGuest.ensure();
        Path dir = QemuTesting.tempDir("jvshbj-");
        String token = QemuTesting.marker();
        String uri = "qemu:///session?state_dir=" + dir.resolve("state") + "&run_dir=" + dir.resolve("run");
        Path base = dir.resolve("base.qcow2");
        Path top = dir.resolve("top.qcow2");
        Path copy = dir.resolve("copy.qcow2");
        img("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "16M");
        img("qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", top.toString());
        try (Connect c = Connect.open(uri)) {
            Domain d = c.domainCreateXML("""
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
                        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                          <source file='%s'/><target dev='vda' bus='virtio'/></disk>
                      </devices>
                    </domain>
                    """.formatted(g.kernel(), g.initrd(), token, top));

            Result r = jvirsh(uri, "blockjob", "vm1", "vda", "--info");
            assertEquals("No current block job for vda\n", r.out(), r.toString());
            r = jvirsh(uri, "blockcopy", "vm1", "vda");
            assertEquals(1, r.rc());
            assertEquals("error: need either --dest or --xml\n", r.err());
            r = jvirsh(uri, "blockcopy", "vm1", "vda", "--dest", copy.toString(), "--verbose");
            assertEquals("error: --verbose requires at least one of --timeout, --wait, --pivot, or --finish\n",
                    r.err());
            r = jvirsh(uri, "blockjob", "vm1", "vda", "--info", "--abort");
            assertEquals("error: Options --info and --abort are mutually exclusive\n", r.err());
            r = jvirsh(uri, "blockcopy", "vm1", "vda", "--dest", copy.toString(), "--print-xml");
            assertEquals("<disk type='file'>\n  <source file='" + copy + "'/>\n</disk>\n\n", r.out(), r.toString());

            r = jvirsh(uri, "blockcopy", "vm1", "vda", "--dest", copy.toString(), "--wait", "--verbose", "--pivot");
            assertEquals(0, r.rc(), r.toString());
            assertEquals("\nSuccessfully pivoted\n", r.out());
            assertTrue(r.err().contains("Block Copy: [100 %]"), r.err());
            assertTrue(d.getXMLDesc().contains("<source file='" + copy + "'/>"));

            // --xml names the destination; --reuse-external takes the image as it is; --finish ends the job
            // without the switch, and the reused image stays
            Path reused = dir.resolve("reused.qcow2");
            img("qemu-img", "create", "-q", "-f", "qcow2", reused.toString(), "16M");
            Path destXml = dir.resolve("dest.xml");
            Files.writeString(destXml, "<disk type='file'><driver type='qcow2'/><source file='" + reused
                    + "'/></disk>");
            r = jvirsh(uri, "blockcopy", "vm1", "vda", "--xml", destXml.toString(), "--reuse-external", "--finish");
            assertEquals(0, r.rc(), r.toString());
            assertEquals("\nSuccessfully copied\n", r.out());
            assertTrue(Files.exists(reused));
            assertTrue(d.getXMLDesc().contains("<source file='" + copy + "'/>"));
            r = jvirsh(uri, "blockcopy", "vm1", "vda", "--dest", reused.toString(), "--wait");
            assertEquals(1, r.rc()); // exists, and not reused: libvirt's refusal
            assertTrue(r.err().contains("already exists"), r.err());

            r = jvirsh(uri, "blockcommit", "vm1", "vda", "--active", "--wait");
            assertEquals(1, r.rc()); // a full copy has no backing file to commit into
            assertTrue(r.err().contains("has no backing file"), r.err());

            r = jvirsh(uri, "blockresize", "vm1", "vda", "32M");
            assertEquals("Block device 'vda' is resized\n", r.out(), r.toString());

            Path core = dir.resolve("core");
            r = jvirsh(uri, "dump", "vm1", core.toString(), "--memory-only", "--format", "elf");
            assertEquals("\nDomain 'vm1' dumped to " + core + "\n\n", r.out(), r.toString());
            try (InputStream in = Files.newInputStream(core)) {
                assertEquals("\u007fELF", new String(in.readNBytes(4), StandardCharsets.ISO_8859_1));
            }
            r = jvirsh(uri, "dump", "vm1", core.toString(), "--format", "elf");
            assertEquals("error: --format only works with --memory-only\n", r.err());
            r = jvirsh(uri, "dump", "vm1", core.toString(), "--memory-only", "--format", "zip");
            assertEquals("error: format 'zip' is not supported, expecting 'kdump-zlib', 'kdump-lzo', "
                    + "'kdump-snappy', 'win-dmp' or 'elf'\n", r.err());
            r = jvirsh(uri, "dump", "vm1", core.toString(), "--crash", "--live");
            assertTrue(r.err().contains("Flags 'VIR_DUMP_CRASH' and 'VIR_DUMP_LIVE' are mutually exclusive"),
                    r.err());
            assertFalse(r.rc() == 0);
            d.destroy();
        } finally {
            for (long pid : QemuTesting.pgrep(token)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            QemuTesting.deleteTree(dir);
        }
    }
}
