package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.junit.jupiter.api.Test;

/**
 * {@code <disk type='volume'>}: the QEMU driver resolves the pool's volume through the storage driver's public API
 * at start and at hot-plug, and the guest sees the volume as its disk.
 */
class VolumeDiskTest extends FreshDriverTest {

    @Test
    void aGuestBootsWithAVolumeDiskAndAnInactivePoolIsRefused() throws Exception {
        String root = fx.dir.resolve("root").toString();
        try (Connect c = Connect.open(fx.uri + "&host_root=" + root)) {
            StoragePool pool = c.storagePoolDefineXML("<pool type='dir'><name>vd</name><target><path>"
                    + fx.dir.resolve("pool") + "</path></target></pool>");
            pool.create(StoragePoolCreateFlag.WITH_BUILD);
            pool.storageVolCreateXML("<volume><name>v.qcow2</name><capacity unit='M'>16</capacity>"
                    + "<target><format type='qcow2'/></target></volume>");
            pool.storageVolCreateXML("<volume><name>hot.img</name><capacity unit='M'>8</capacity>"
                    + "<allocation>0</allocation></volume>");
            Domain d = c.domainDefineXML(fx.guestXml("vdisk", """
                    <disk type='volume' device='disk'>
                      <source pool='vd' volume='v.qcow2'/>
                      <target dev='vda' bus='virtio'/>
                    </disk>"""));
            d.create();
            try {
                fx.waitReady("vdisk");
                assertTrue(fx.serial("vdisk").matches("(?s).*TESTGUEST-DISKS[^\\n]*vda.*"), fx.serial("vdisk"));
                String live = d.getXMLDesc();
                assertTrue(live.contains("<source file='" + fx.dir.resolve("pool/v.qcow2") + "'"), live);
                assertTrue(live.contains("type='qcow2'"), live);
                assertTrue(d.getXMLDesc(org.jvirt.flags.DomainXMLFlag.INACTIVE).contains(
                        "<source pool='vd' volume='v.qcow2'/>"), "the config keeps the volume");
                d.attachDevice("<disk type='volume' device='disk'><source pool='vd' volume='hot.img'/>"
                        + "<target dev='vdb' bus='virtio'/></disk>", org.jvirt.flags.DomainDeviceModifyFlag.LIVE);
                DriverFixture.waitFor(Duration.ofSeconds(30), () -> fx.serial("vdisk").contains(
                        "TESTGUEST-UEVENT add block vdb"), () -> "no hot-plugged vdb:\n" + fx.serial("vdisk"));
                assertTrue(d.getXMLDesc().contains("<source file='" + fx.dir.resolve("pool/hot.img") + "'"));
            } finally {
                d.destroy();
            }
            DriverFixture.waitState(d, DomainState.SHUTOFF, Duration.ofSeconds(30));
            pool.destroy();
            VirtException e = assertThrows(VirtException.class, d::create);
            assertEquals(ErrorNumber.OPERATION_INVALID.code(), e.error().code());
            assertTrue(e.getMessage().contains("storage pool 'vd' containing volume 'v.qcow2' is not active"),
                    e.getMessage());
            d.undefine();
            pool.undefine();
        }
    }
}
