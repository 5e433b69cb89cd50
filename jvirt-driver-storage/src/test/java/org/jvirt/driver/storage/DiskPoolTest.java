package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolType;
import org.jvirt.VirtException;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.junit.jupiter.api.Test;

/** disk pools on a real loop device: a GPT label by parted, partitions made and removed as volumes. */
class DiskPoolTest extends HostRootTest {

    @Test
    void gptLabelAndPartitionsAsVolumes() throws Exception {
        assumeTrue(LoopDevice.available(), "no loop devices");
        try (LoopDevice loop = new LoopDevice(host.root.resolve("loops"), 64L << 20, true)) {
            String name = Path.of(loop.device).getFileName().toString();
            StoragePool p = conn.storagePoolDefineXML("<pool type='disk'><name>dk</name><source><device path='"
                    + loop.device + "'/><format type='gpt'/></source><target><path>/dev</path></target></pool>");
            try {
                VirtException unlabelled = assertThrows(VirtException.class, p::create);
                assertEquals(ErrorNumber.OPERATION_INVALID.code(), unlabelled.error().code());
                p.build();
                assertTrue(LoopDevice.run(List.of("parted", "-s", "-m", loop.device, "print")).contains(":gpt:"));
                VirtException built = assertThrows(VirtException.class, () -> p.build());
                assertEquals(ErrorNumber.STORAGE_POOL_BUILT.code(), built.error().code());
                p.create();
                assertEquals(List.of(), p.listVolumes());
                VirtException wrongName = assertThrows(VirtException.class, () -> p.storageVolCreateXML(
                        "<volume><name>x</name><capacity unit='M'>8</capacity></volume>"));
                assertEquals("invalid argument: invalid partition name 'x', expected '" + name + "p1'",
                        wrongName.getMessage());
                StorageVol v1 = p.storageVolCreateXML("<volume><name>" + name + "p1</name><capacity unit='M'>8"
                        + "</capacity></volume>");
                StorageVol v2 = p.storageVolCreateXML("<volume><name>" + name + "p2</name><capacity unit='M'>16"
                        + "</capacity></volume>");
                assertEquals(StorageVolType.BLOCK, v1.getInfo().type());
                assertEquals(8L << 20, v1.getInfo().capacity());
                assertEquals(16L << 20, v2.getInfo().capacity());
                assertEquals(loop.device + "p2", v2.getPath());
                assertEquals(List.of(name + "p1", name + "p2"), p.listVolumes());
                assertTrue(p.getInfo().allocation() >= 24L << 20);
                v1.delete();
                assertEquals(List.of(name + "p2"), p.listVolumes());
                assertTrue(!LoopDevice.run(List.of("parted", "-s", "-m", loop.device, "print")).contains("\n1:"));
                p.destroy();
                p.build(StoragePoolBuildFlag.OVERWRITE);
                p.create();
                assertEquals(List.of(), p.listVolumes());
            } finally {
                if (p.isActive()) {
                    p.destroy();
                }
                p.undefine();
            }
        }
    }
}
