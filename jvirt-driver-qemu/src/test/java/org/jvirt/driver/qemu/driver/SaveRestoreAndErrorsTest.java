package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** Save/restore and managed save with the real guest; bad input refused clearly, leaving nothing behind. */
class SaveRestoreAndErrorsTest extends FreshDriverTest {

    @Test
    void saveRestoreAndManagedSave() throws Exception {
        try (Connect c = fx.open(); DriverFixture.Events ev = new DriverFixture.Events(c)) {
            Domain d = c.domainDefineXML(fx.guestXml("r1", ""));
            d.create();
            fx.waitReady("r1");
            Path img = fx.dir.resolve("r1.save");
            long t0 = System.nanoTime();
            d.save(img.toString(), null);
            long saveMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(new DomainStateInfo(DomainState.SHUTOFF, 5), d.getState()); // saved
            assertTrue(ev.until("Stopped Saved", Duration.ofSeconds(10)).contains("Stopped Saved"));
            assertTrue(c.domainSaveImageGetXMLDesc(img.toString()).contains("<name>r1</name>"));
            byte[] head = Files.readAllBytes(img);
            assertEquals("LibvirtQemudSave", new String(head, 0, 16, java.nio.charset.StandardCharsets.US_ASCII));

            long t1 = System.nanoTime();
            Domain r = c.domainRestore(img.toString(), null);
            long restoreMs = (System.nanoTime() - t1) / 1_000_000;
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 3), r.getState()); // restored
            assertEquals(List.of("Started Restored"), ev.until("Started Restored", Duration.ofSeconds(5)));
            assertTrue(r.isPersistent());
            // the guest carries on where it was: it still answers the power button
            d.managedSave();
            assertTrue(d.hasManagedSaveImage());
            assertEquals(DomainState.SHUTOFF, d.getState().state());
            VirtException e = assertThrows(VirtException.class, () -> d.undefine());
            assertEquals("Requested operation is not valid: Refusing to undefine while domain managed save image exists",
                    e.getMessage());
            d.create(); // from the managed save image, which then goes
            assertEquals(new DomainStateInfo(DomainState.RUNNING, 3), d.getState());
            assertFalse(d.hasManagedSaveImage());
            d.shutdown();
            DriverFixture.waitState(d, DomainState.SHUTOFF, Duration.ofSeconds(30));
            assertEquals("shutdown", d.getState().reasonName());
            assertTrue(fx.serial("r1").contains("TESTGUEST-POWERDOWN"), "the restored guest ran on");
            fx.assertRunDirClean();
            System.out.printf("save %d ms (%d KiB image), restore %d ms%n", saveMs, Files.size(img) / 1024, restoreMs);
        }
    }

    @Test
    void badInputIsRefusedAndLeavesNothingBehind() throws Exception {
        try (Connect c = fx.open()) {
            VirtException e = assertThrows(VirtException.class, () -> c.domainDefineXML(
                    fx.guestXml("b1", "<interface type='user'><model type='e9999'/></interface>")));
            assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.error().number());
            assertTrue(e.getMessage().contains("unknown interface model 'e9999'"), e.getMessage());

            e = assertThrows(VirtException.class, () -> c.domainDefineXML(fx.guestXml("b/2", "")));
            assertEquals(ErrorNumber.XML_ERROR, e.error().number());
            assertTrue(e.getMessage().contains("cannot contain '/'"), e.getMessage());

            e = assertThrows(VirtException.class, () -> c.domainDefineXML(fx.guestXml("b3",
                    "").replace("<devices>", "<devices><emulator>/bin/true</emulator>")));
            assertTrue(e.getMessage().contains("/bin/true"), e.getMessage());

            Domain missing = c.domainDefineXML(fx.guestXml("b4", """
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                    <source file='/nonexistent/disk.qcow2'/><target dev='vda' bus='virtio'/></disk>"""));
            e = assertThrows(VirtException.class, missing::create);
            assertEquals(ErrorNumber.SYSTEM_ERROR, e.error().number());
            assertEquals("Cannot access storage file '/nonexistent/disk.qcow2': No such file or directory",
                    e.getMessage());
            assertEquals(DomainState.SHUTOFF, missing.getState().state());

            // qemu starts, then dies at once: the kernel file is not there
            e = assertThrows(VirtException.class, () -> c.domainCreateXML(fx.guestXml("b5", "")
                    .replaceFirst("<kernel>[^<]*</kernel>", "<kernel>/nonexistent/vmlinuz</kernel>")));
            assertTrue(e.getMessage().contains("qemu unexpectedly closed the monitor")
                    || e.getMessage().contains("process exited while connecting to monitor"), e.getMessage());
            assertTrue(e.getMessage().contains("/nonexistent/vmlinuz"), e.getMessage());
            assertThrows(VirtException.class, () -> c.domainLookupByName("b5"));

            // a disk under a path with commas and spaces is fine, not an error
            Path odd = Files.createDirectories(fx.dir.resolve("odd dir, v2"));
            Path disk = odd.resolve("disk,1.qcow2");
            Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "32M")
                    .inheritIO().start();
            assertEquals(0, img.waitFor());
            Domain ok = c.domainCreateXML(fx.guestXml("b6", """
                    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                    <source file='%s'/><target dev='vda' bus='virtio'/></disk>""".formatted(disk)));
            fx.waitReady("b6");
            assertTrue(fx.serial("b6").contains("vda"), fx.serial("b6"));
            assertTrue(ok.blockStats("vda").rdReq() > 0);
            ok.destroy();

            assertEquals(List.of("b4"), c.listDefinedDomains());
            fx.assertRunDirClean();
            try (var s = Files.list(fx.dir.resolve("state").resolve("domains"))) {
                assertEquals(List.of("b4.xml"), s.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }
}
