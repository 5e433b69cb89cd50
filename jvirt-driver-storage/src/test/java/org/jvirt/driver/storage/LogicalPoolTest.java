package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.backend.LogicalBackend;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.VolDef;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * logical pools on a real loop device: the volume group is built, started, refreshed, stopped and deleted with the
 * real LVM tools. This kernel has no device-mapper, so LVs cannot be made: lvcreate's argv is golden-tested and
 * the clear error checked (libvirt fails the same way here).
 */
class LogicalPoolTest extends HostRootTest {

    private final String vg = "stgvg" + ProcessHandle.current().pid() + (System.nanoTime() % 100000);

    @AfterEach
    void removeGroup() throws Exception {
        new ProcessBuilder("vgremove", "-f", vg).start().waitFor();
    }

    private static boolean hasLvm() {
        return Files.isExecutable(Path.of("/usr/sbin/vgcreate")) && LoopDevice.available();
    }

    private String pvs() throws Exception {
        return LoopDevice.run(List.of("pvs", "--noheadings", "-o", "pv_name,vg_name"));
    }

    @Test
    void volumeGroupIsBuiltStartedRefreshedAndDeleted() throws Exception {
        assumeTrue(hasLvm(), "no LVM or loop devices");
        try (LoopDevice loop = new LoopDevice(host.root.resolve("loops"), 64L << 20, false)) {
            StoragePool p = conn.storagePoolDefineXML("<pool type='logical'><name>" + vg + "</name><source>"
                    + "<device path='" + loop.device + "'/><name>" + vg + "</name></source></pool>");
            try {
                p.build();
                assertTrue(pvs().contains(loop.device + " " + vg), pvs());
                VirtException built = assertThrows(VirtException.class, () -> p.build());
                assertEquals(ErrorNumber.STORAGE_POOL_BUILT.code(), built.error().code());
                p.create();
                assertTrue(p.isActive());
                long cap = p.getInfo().capacity();
                assertTrue(cap > 40L << 20 && cap <= 64L << 20, "vg size " + cap);
                assertEquals(cap, p.getInfo().available());
                assertTrue(p.getXMLDesc().contains("<path>/dev/" + vg + "</path>"), p.getXMLDesc());
                assertTrue(conn.findStoragePoolSources("logical", null).contains("<name>" + vg + "</name>"));
                VirtException lv = assertThrows(VirtException.class, () -> p.storageVolCreateXML(
                        "<volume><name>lv1</name><capacity unit='M'>8</capacity></volume>"));
                assertTrue(lv.getMessage().contains("device-mapper"), lv.getMessage());
                assertEquals(List.of(), p.listVolumes());
                assertTrue(LoopDevice.run(List.of("lvs", "--noheadings", vg)).isBlank(), "no half-made LV");
                p.destroy();
                p.delete();
                assertFalse(pvs().contains(vg), pvs());
                assertFalse(pvs().contains(loop.device), "pvremove ran: " + pvs());
            } finally {
                if (p.isActive()) {
                    p.destroy();
                }
                p.undefine();
            }
        }
    }

    @Test
    void aFailedBuildLeavesNoHalfMadeGroup() throws Exception {
        assumeTrue(hasLvm(), "no LVM or loop devices");
        try (LoopDevice loop = new LoopDevice(host.root.resolve("loops"), 32L << 20, false)) {
            StoragePool p = conn.storagePoolDefineXML("<pool type='logical'><name>" + vg + "</name><source>"
                    + "<device path='" + loop.device + "'/><device path='/dev/storage-test-missing'/><name>" + vg
                    + "</name></source></pool>");
            assertThrows(VirtException.class, () -> p.build(StoragePoolBuildFlag.OVERWRITE));
            assertFalse(pvs().contains(loop.device), "the first device's PV was removed again: " + pvs());
            assertFalse(pvs().contains(vg));
            LoopDevice.run(List.of("mkfs.ext4", "-q", "-F", loop.device));
            StoragePool q = conn.storagePoolDefineXML("<pool type='logical'><name>" + vg + "x</name><source>"
                    + "<device path='" + loop.device + "'/><name>" + vg + "x</name></source></pool>");
            VirtException fs = assertThrows(VirtException.class, () -> q.build());
            assertTrue(fs.getMessage().contains("forced overwrite is necessary"), fs.getMessage());
            assertFalse(pvs().contains(loop.device));
            p.undefine();
            q.undefine();
        }
    }

    @Test
    void lvcreateArgvIsLibvirts() {
        PoolDef def = PoolDef.parse("<pool type='logical'><name>vg0</name><source><name>vg0</name></source></pool>");
        VolDef full = VolDef.parse("<volume><name>a</name><capacity unit='M'>10</capacity></volume>", "raw",
                VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        assertEquals(List.of("lvcreate", "--name", "a", "-L", "10240K", "vg0", "--yes"),
                LogicalBackend.lvcreateArgv(def, full));
        VolDef sparse = VolDef.parse("<volume><name>s</name><capacity unit='G'>1</capacity><allocation>0"
                + "</allocation></volume>", "raw", VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        assertEquals(List.of("lvcreate", "--name", "s", "-L", "1K", "--type", "snapshot", "--virtualsize",
                "1048576K", "vg0", "--yes"), LogicalBackend.lvcreateArgv(def, sparse));
        VolDef snap = VolDef.parse("<volume><name>c</name><capacity unit='M'>4</capacity><backingStore><path>"
                + "/dev/vg0/a</path></backingStore></volume>", "raw", VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        assertEquals(List.of("lvcreate", "--name", "c", "-L", "4096K", "-s", "/dev/vg0/a", "--yes"),
                LogicalBackend.lvcreateArgv(def, snap));
        assertEquals(List.of("vgcreate", "vg0"), LogicalBackend.vgcreateArgv(def));
    }
}
