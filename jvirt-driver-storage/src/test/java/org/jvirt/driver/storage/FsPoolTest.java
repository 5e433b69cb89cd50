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
import org.jvirt.driver.storage.backend.FsBackend;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.junit.jupiter.api.Test;

/** fs pools on a real loop device: mkfs by build, mount by start, umount by destroy; netfs argv as libvirt's. */
class FsPoolTest extends HostRootTest {

    private static boolean mounted(Path target) throws Exception {
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.split(" ")[1].equals(
                target.toString()));
    }

    @Test
    void ext4PoolIsBuiltMountedAndUnmounted() throws Exception {
        assumeTrue(LoopDevice.available(), "no loop devices");
        Path target = host.dir("fs");
        try (LoopDevice loop = new LoopDevice(host.root.resolve("loops"), 64L << 20, false)) {
            StoragePool p = conn.storagePoolDefineXML("<pool type='fs'><name>fsp</name><source><device path='"
                    + loop.device + "'/><format type='ext4'/></source><target><path>" + target
                    + "</path></target></pool>");
            try {
                VirtException unformatted = assertThrows(VirtException.class, p::create);
                assertFalse(mounted(target), "a failed start leaves nothing mounted: " + unformatted.getMessage());
                p.build(StoragePoolBuildFlag.NO_OVERWRITE);
                assertEquals("ext4\n", LoopDevice.run(List.of("blkid", "-p", "-o", "value", "-s", "TYPE",
                        loop.device)));
                VirtException again = assertThrows(VirtException.class,
                        () -> p.build(StoragePoolBuildFlag.NO_OVERWRITE));
                assertEquals(ErrorNumber.STORAGE_POOL_BUILT.code(), again.error().code());
                assertTrue(again.getMessage().contains("already formatted using 'ext4'"), again.getMessage());
                p.create();
                assertTrue(mounted(target));
                assertTrue(p.getInfo().capacity() > 40L << 20 && p.getInfo().capacity() <= 64L << 20);
                p.storageVolCreateXML("<volume><name>d.qcow2</name><capacity unit='M'>8</capacity><target>"
                        + "<format type='qcow2'/></target></volume>");
                assertTrue(p.listVolumes().contains("d.qcow2"));
                assertTrue(p.getXMLDesc().contains("<device path='" + loop.device + "'/>"));
                assertTrue(p.getXMLDesc().contains("<format type='ext4'/>"));
                p.destroy();
                assertFalse(mounted(target));
                assertFalse(Files.exists(target.resolve("d.qcow2")), "the volume lives on the unmounted fs");
                p.create();
                assertEquals(List.of("d.qcow2"), p.listVolumes().stream().filter(n -> !n.equals("lost+found"))
                        .toList());
            } finally {
                if (p.isActive()) {
                    p.destroy();
                }
                assertFalse(mounted(target));
                p.undefine();
            }
        }
    }

    @Test
    void aPoolWhoseDeviceIsGoneFailsToStartAndMountsNothing() throws Exception {
        Path target = host.dir("gone");
        StoragePool p = conn.storagePoolDefineXML("<pool type='fs'><name>gone</name><source><device path='"
                + "/dev/storage-test-no-such-device'/><format type='ext4'/></source><target><path>" + target
                + "</path></target></pool>");
        p.build();
        VirtException e = assertThrows(VirtException.class, p::create);
        assertTrue(e.getMessage().contains("mount"), e.getMessage());
        assertFalse(p.isActive());
        assertFalse(mounted(target));
    }

    @Test
    void mountAndMkfsArgvAreLibvirts() {
        PoolDef nfs = PoolDef.parse("<pool type='netfs'><name>n</name><source><host name='srv'/><dir path='/exp'/>"
                + "</source><target><path>/mnt/n</path></target></pool>");
        assertEquals(List.of("mount", "-o", "nodev,nosuid,noexec", "srv:/exp", "/mnt/n"), FsBackend.mountArgv(nfs));
        PoolDef nfs4 = PoolDef.parse("<pool type='netfs'><name>n</name><source><host name='srv'/><dir path='/exp'/>"
                + "<format type='nfs'/></source><target><path>/mnt/n</path></target></pool>");
        assertEquals(List.of("mount", "-o", "nodev,nosuid,noexec", "-t", "nfs", "srv:/exp", "/mnt/n"),
                FsBackend.mountArgv(nfs4));
        PoolDef cifs = PoolDef.parse("<pool type='netfs'><name>n</name><source><host name='srv'/><dir path='share'/>"
                + "<format type='cifs'/></source><target><path>/mnt/n</path></target></pool>");
        assertEquals(List.of("mount", "-o", "nodev,nosuid,noexec,guest", "-t", "cifs", "//srv/share", "/mnt/n"),
                FsBackend.mountArgv(cifs));
        assertEquals(List.of("mkfs", "-t", "xfs", "-f", "/dev/x"), FsBackend.mkfsArgv("xfs", "/dev/x"));
        assertEquals(List.of("showmount", "--no-headers", "--exports", "srv"), FsBackend.showmountArgv("srv"));
        VirtException noHost = assertThrows(VirtException.class,
                () -> conn.findStoragePoolSources("netfs", "<source/>"));
        assertEquals("invalid argument: hostname must be specified for netfs sources", noHost.getMessage());
    }
}
