package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainCheckpoint;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.xml.checkpoint.DomainCheckpointXml;

/**
 * Checkpoints of a running qcow2 guest under TCG: each is a persistent dirty bitmap that counts what the guest
 * writes after it, that QEMU stores in the image when the guest stops (qemu-img info shows it) and that deletion
 * removes again.
 */
class CheckpointTest extends FreshDriverTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration T = Duration.ofSeconds(60);

    /** The bitmaps qemu-img finds in an image: name and flags, sorted. */
    private static List<String> imageBitmaps(Path image) throws Exception {
        Process p = new ProcessBuilder("qemu-img", "info", "-U", "--output=json", image.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> names = new ArrayList<>();
        for (JsonNode b : JSON.readTree(out).path("format-specific").path("data").path("bitmaps")) {
            names.add(b.path("name").asText() + b.path("flags").toString());
        }
        names.sort(null); // the image keeps them in no particular order
        return names;
    }

    private static long size(DomainCheckpoint c) {
        return DomainCheckpointXml.parse(c.getXMLDesc(CheckpointXMLFlag.SIZE, CheckpointXMLFlag.NO_DOMAIN)).disks()
                .get(0).size();
    }

    private static void shutdown(Domain d) throws InterruptedException {
        d.shutdown();
        DriverFixture.waitState(d, DomainState.SHUTOFF, T);
    }

    @Test
    @Timeout(300)
    void bitmapsFollowTheCheckpointsIntoTheImage() throws Exception {
        Path disk = fx.dir.resolve("chk.qcow2");
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "32M")
                .inheritIO().start().waitFor());
        String xml = GuestConsole.ptyXml(fx, "chk1", """
                <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                <source file='%s'/><target dev='vda' bus='virtio'/></disk>""".formatted(disk));
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(xml);
            VirtException inactive = assertThrows(VirtException.class,
                    () -> d.checkpointCreateXML("<domaincheckpoint/>"));
            assertEquals(ErrorNumber.OPERATION_UNSUPPORTED, inactive.number());
            assertEquals("Operation not supported: cannot create checkpoint for inactive domain",
                    inactive.getMessage());

            d.create(DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                guest.boot(fx, Duration.ofSeconds(90));
                DomainCheckpoint c1 = d.checkpointCreateXML("<domaincheckpoint><name>c1</name></domaincheckpoint>");
                String x1 = c1.getXMLDesc(CheckpointXMLFlag.NO_DOMAIN);
                assertTrue(x1.contains("<disk name='vda' checkpoint='bitmap' bitmap='c1'/>"), x1);
                assertTrue(c1.getXMLDesc().contains("<domain type='qemu'>"), "the definition is kept with it");
                VirtException other = assertThrows(VirtException.class, () -> d.checkpointCreateXML(
                        "<domaincheckpoint><name>c9</name><disks><disk name='vda' bitmap='x'/></disks>"
                                + "</domaincheckpoint>"));
                assertEquals("unsupported configuration: bitmap for disk 'vda' must match checkpoint name 'c9'",
                        other.getMessage());
                VirtException badName = assertThrows(VirtException.class,
                        () -> d.checkpointCreateXML("<domaincheckpoint><name>../x</name></domaincheckpoint>"));
                assertEquals(ErrorNumber.XML_INVALID_SCHEMA, badName.number());

                // the guest writes 1 MiB: c1's bitmap counts it, a checkpoint taken afterwards starts clean
                long before = size(c1);
                guest.con.run("dd if=/dev/urandom of=/dev/vda bs=64k count=16 conv=fsync 2>/dev/null", T);
                long after = size(c1);
                assertTrue(after - before >= 1024 * 1024, before + " -> " + after);
                DomainCheckpoint c2 = d.checkpointCreateXML("<domaincheckpoint><name>c2</name></domaincheckpoint>");
                assertEquals("c1", c2.getParent().getName());
                assertTrue(size(c2) < 1024 * 1024, "c2 counts only what came after it: " + size(c2));
                assertEquals(List.of("c2"), c1.listAllChildren(CheckpointListFlag.DESCENDANTS).stream()
                        .map(DomainCheckpoint::getName).toList());

                shutdown(d);
                assertEquals(List.of("c1[\"auto\"]", "c2[\"auto\"]"), imageBitmaps(disk),
                        "persistent bitmaps are in the image once the guest stopped");
                VirtException offline = assertThrows(VirtException.class, c1::delete);
                assertEquals("Operation not supported: cannot delete checkpoint for inactive domain",
                        offline.getMessage());
                assertThrows(VirtException.class, () -> c1.getXMLDesc(CheckpointXMLFlag.SIZE));
            }

            // started again, QEMU loads the bitmaps from the image; deleting c1 removes its bitmap, c2 moves up
            d.create(DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                guest.boot(fx, Duration.ofSeconds(90));
                d.checkpointLookupByName("c1").delete();
                DomainCheckpoint c2 = d.checkpointLookupByName("c2");
                VirtException root = assertThrows(VirtException.class, c2::getParent);
                assertEquals(ErrorNumber.NO_DOMAIN_CHECKPOINT, root.number());
                DomainCheckpoint c3 = d.checkpointCreateXML("<domaincheckpoint><name>c3</name></domaincheckpoint>");
                assertEquals("c2", c3.getParent().getName());
                c3.delete(CheckpointDeleteFlag.METADATA_ONLY); // the bitmap stays in the image
                shutdown(d);
                assertEquals(List.of("c2[\"auto\"]", "c3[\"auto\"]"), imageBitmaps(disk));
            }

            // metadata of a bitmap that is there: redefine (with validation, which needs the guest running)
            assertEquals(List.of("c2"), d.listAllCheckpoints().stream().map(DomainCheckpoint::getName).toList());
            VirtException undefine = assertThrows(VirtException.class, d::undefine);
            assertEquals("Requested operation is not valid: cannot delete inactive domain with 1 checkpoints",
                    undefine.getMessage());
            d.create(DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                d.checkpointCreateXML("<domaincheckpoint><name>c3</name><parent><name>c2</name></parent>"
                        + "<creationTime>1700000000</creationTime><disks><disk name='vda'/></disks>"
                        + "</domaincheckpoint>", CheckpointCreateFlag.REDEFINE,
                        CheckpointCreateFlag.REDEFINE_VALIDATE);
                VirtException missing = assertThrows(VirtException.class, () -> d.checkpointCreateXML(
                        "<domaincheckpoint><name>c4</name><creationTime>1</creationTime><disks><disk name='vda'/></disks>"
                                + "</domaincheckpoint>",
                        CheckpointCreateFlag.REDEFINE, CheckpointCreateFlag.REDEFINE_VALIDATE));
                assertEquals(ErrorNumber.CHECKPOINT_INCONSISTENT, missing.number());
                d.checkpointLookupByName("c2").delete(CheckpointDeleteFlag.CHILDREN);
                assertEquals(List.of(), d.listAllCheckpoints());
            }
            assertFalse(d.isActive());
            assertEquals(List.of(), imageBitmaps(disk));
            VirtException backup = assertThrows(VirtException.class, d::backupGetXMLDesc);
            assertEquals(ErrorNumber.NO_SUPPORT, backup.number());
            d.undefine(DomainUndefineFlag.CHECKPOINTS_METADATA);
        }
    }
}
