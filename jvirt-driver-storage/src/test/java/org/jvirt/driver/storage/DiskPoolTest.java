package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

/**
 * disk pools on a real loop device: a GPT label by parted, partitions made and removed as volumes, their bytes
 * uploaded, downloaded and wiped.
 */
class DiskPoolTest extends HostRootTest {

    private byte[] download(StorageVol v, long offset, int length) {
        org.jvirt.Stream down = conn.newStream();
        v.download(down, offset, length);
        byte[] buf = new byte[length];
        int n = 0;
        int got;
        while (n < length && (got = down.recv(buf, n, length - n)) > 0) {
            n += got;
        }
        down.finish();
        assertEquals(length, n);
        return buf;
    }

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
                byte[] data = new byte[100_000];
                new java.util.Random(9).nextBytes(data);
                org.jvirt.Stream up = conn.newStream();
                v2.upload(up, 4096, 0);
                up.send(data, 0, data.length);
                up.finish();
                assertArrayEquals(data, download(v2, 4096, data.length));
                v2.wipe(org.jvirt.StorageVolWipeAlgorithm.ZERO);
                assertArrayEquals(new byte[data.length], download(v2, 4096, data.length));
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
