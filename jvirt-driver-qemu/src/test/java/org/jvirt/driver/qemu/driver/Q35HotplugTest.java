package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * Hot-plug on q35, where the root complex takes none: a virtio disk and a virtio NIC go into the spare
 * pcie-root-ports the driver leaves (libvirt leaves one), the guest's PCIe hot-plug driver sees them come and
 * go, and a SATA CD-ROM changes media.
 */
class Q35HotplugTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @Timeout(180)
    void virtioDiskAndNicIntoRootPortsAndSataMedia() throws Exception {
        QemuTesting.assumeQemu();
        try (DriverFixture fx = new DriverFixture(); Connect c = fx.open()) {
            String xml = GuestConsole.withPtyConsole(fx.guestXml("q35", """
                    <disk type='file' device='cdrom'><driver name='qemu' type='raw'/>
                      <target dev='sda' bus='sata'/><readonly/></disk>"""))
                    .replace("machine='pc'", "machine='q35'");
            Domain d = c.domainCreateXML(xml, DomainCreateFlag.START_PAUSED);
            BlockingQueue<String> removed = new LinkedBlockingQueue<>();
            try (GuestConsole con = GuestConsole.open(c, d); EventRegistration reg = c.domainEventRegister(
                    DomainEventId.DEVICE_REMOVED, d, (dom, ev) -> removed.add(((DomainEvent.DeviceRemoved) ev).devAlias()));
                    AutoCloseable stop = () -> {
                        if (d.isActive()) {
                            d.destroy(); // first, so that the console's stream ends
                        }
                    }) {
                d.resume();
                con.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(90));

                Path disk = fx.dir.resolve("q35.qcow2");
                assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "32M")
                        .inheritIO().start().waitFor());
                String diskXml = """
                        <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>
                        <source file='%s'/><target dev='vdb' bus='virtio'/></disk>""".formatted(disk);
                int mark = con.mark();
                d.attachDevice(diskXml, DomainDeviceModifyFlag.LIVE);
                con.waitFor("TESTGUEST-UEVENT add block vda", mark, WAIT);
                DiskXml vdb = DomainXml.parse(d.getXMLDesc()).devices().disks().stream()
                        .filter(x -> "vdb".equals(x.targetDev())).findFirst().orElseThrow();
                assertEquals("pci", vdb.address().type());
                assertTrue(vdb.address().number("bus") > 0, "on a root port's bus: " + vdb.toXml());
                assertEquals(0, vdb.address().number("slot"));
                assertEquals("65536", con.run("cat /sys/block/vda/size", WAIT), "32 MiB in sectors");

                mark = con.mark();
                d.attachDevice("<interface type='user'><model type='virtio'/></interface>", DomainDeviceModifyFlag.LIVE);
                con.waitFor("TESTGUEST-UEVENT add net eth", mark, WAIT);
                NetInterfaceXml nic = DomainXml.parse(d.getXMLDesc()).devices().interfaces().get(0);
                assertEquals("net0", nic.alias());
                assertTrue(nic.address().number("bus") > 0, nic.toXml());
                assertTrue(!nic.address().number("bus").equals(vdb.address().number("bus")), "a port each");

                mark = con.mark();
                d.detachDevice(diskXml, DomainDeviceModifyFlag.LIVE);
                d.detachDevice("<interface type='user'><mac address='" + nic.mac() + "'/></interface>",
                        DomainDeviceModifyFlag.LIVE);
                con.waitFor("TESTGUEST-UEVENT remove block vda", mark, WAIT);
                con.waitFor("TESTGUEST-UEVENT remove net eth", mark, WAIT);
                for (int i = 0; i < 2; i++) {
                    String a = removed.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                    assertTrue("virtio-disk1".equals(a) || "net0".equals(a), "removed " + a);
                }
                DomainXml live = DomainXml.parse(d.getXMLDesc());
                assertTrue(live.devices().interfaces().isEmpty());
                assertTrue(live.devices().disks().stream().noneMatch(x -> "vdb".equals(x.targetDev())));

                // the freed root port takes the next device again
                mark = con.mark();
                d.attachDevice(diskXml, DomainDeviceModifyFlag.LIVE);
                con.waitFor("TESTGUEST-UEVENT add block vda", mark, WAIT);

                Path iso = fx.dir.resolve("q35.iso");
                assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", iso.toString(), "4M")
                        .inheritIO().start().waitFor());
                String cd = "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='" + iso
                        + "'/><target dev='sda' bus='sata'/><readonly/></disk>";
                d.updateDevice(cd, DomainDeviceModifyFlag.LIVE);
                DiskXml sda = DomainXml.parse(d.getXMLDesc()).devices().disks().stream()
                        .filter(x -> "sda".equals(x.targetDev())).findFirst().orElseThrow();
                assertEquals(iso.toString(), ((DiskSource.File) sda.source()).path());
                assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-block\"}").contains(iso.toString()));
                d.updateDevice(cd.replaceFirst("<source[^>]*/>", ""), DomainDeviceModifyFlag.LIVE);
                sda = DomainXml.parse(d.getXMLDesc()).devices().disks().stream()
                        .filter(x -> "sda".equals(x.targetDev())).findFirst().orElseThrow();
                assertNull(((DiskSource.File) sda.source()).path());
                assertNotNull(sda.alias());
            }
            fx.assertNoQemu();
        }
    }
}
