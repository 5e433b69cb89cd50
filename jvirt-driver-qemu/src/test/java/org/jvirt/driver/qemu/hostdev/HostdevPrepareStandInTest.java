package org.jvirt.driver.qemu.hostdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.xml.domain.DomainXml;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The checks after VFIO support, which this machine (no IOMMU, no USB bus) cannot reach for real: a stand-in
 * sysfs with IOMMU groups, a /dev/vfio/vfio stand-in file, PCI functions and USB devices made by the test. A
 * managed device's detach goes to the node device driver, not on this class path: only unmanaged ones here.
 */
class HostdevPrepareStandInTest {

    private Path root;
    private HostdevPrepare prepare;

    @BeforeEach
    void setUp() throws IOException {
        root = QemuTesting.tempDir("hostdev-sysfs");
        Files.createDirectories(root.resolve("sys/kernel/iommu_groups/0"));
        Files.createDirectories(root.resolve("dev/vfio"));
        Files.createFile(root.resolve("dev/vfio/vfio"));
        Path fn = Files.createDirectories(root.resolve("sys/bus/pci/devices/0000:06:12.5"));
        Files.createFile(fn.resolve("config"));
        Files.createDirectories(root.resolve("sys/bus/pci/drivers/vfio-pci"));
        Files.createSymbolicLink(fn.resolve("driver"), Path.of("../../../bus/pci/drivers/vfio-pci"));
        Path other = Files.createDirectories(root.resolve("sys/bus/pci/devices/0000:00:02.0"));
        Files.createFile(other.resolve("config"));
        Files.createDirectories(root.resolve("sys/bus/pci/drivers/virtio-pci"));
        Files.createSymbolicLink(other.resolve("driver"), Path.of("../../../bus/pci/drivers/virtio-pci"));
        usb("1-1", 1, 2, "1234", "beef");
        usb("2-1", 2, 3, "1234", "beef");
        usb("2-2", 2, 4, "abcd", "0001");
        prepare = new HostdevPrepare(root.resolve("sys"), root.resolve("dev/vfio/vfio"));
    }

    private void usb(String name, int bus, int dev, String vendor, String product) throws IOException {
        Path d = Files.createDirectories(root.resolve("sys/bus/usb/devices").resolve(name));
        Files.writeString(d.resolve("busnum"), bus + "\n");
        Files.writeString(d.resolve("devnum"), dev + "\n");
        Files.writeString(d.resolve("idVendor"), vendor + "\n");
        Files.writeString(d.resolve("idProduct"), product + "\n");
    }

    @AfterEach
    void tearDown() {
        QemuTesting.deleteTree(root);
    }

    private static DomainXml guest(String hostdev) {
        return DomainXml.parse("<domain type='qemu'><name>g</name><memory>65536</memory><os><type>hvm</type></os>"
                + "<devices>" + hostdev + "</devices></domain>");
    }

    private void fails(String hostdev, ErrorNumber code, String message) {
        VirtException e = assertThrows(VirtException.class, () -> prepare.prepare(guest(hostdev), "nodedev:///x"));
        assertEquals(code, e.error().number(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static String pci(String managed, String bus, String slot, String fn) {
        return "<hostdev mode='subsystem' type='pci' managed='" + managed + "'><source><address domain='0x0000' bus='"
                + bus + "' slot='" + slot + "' function='" + fn + "'/></source></hostdev>";
    }

    @Test
    void pciFunctionsMustExistAndAnUnmanagedOneMustBeBoundToVfio() {
        fails(pci("yes", "0xff", "0x1f", "0x7"), ErrorNumber.SYSTEM_ERROR,
                "Device 0000:ff:1f.7 not found: could not access /sys/bus/pci/devices/0000:ff:1f.7/config: "
                        + "No such file or directory");
        fails(pci("no", "0x00", "0x02", "0x0"), ErrorNumber.OPERATION_INVALID,
                "Unmanaged PCI device 0000:00:02.0 must be manually detached from the host");
        prepare.prepare(guest(pci("no", "0x06", "0x12", "0x5")), "nodedev:///x");
    }

    @Test
    void usbDevicesAreFoundByAddressOrByUniqueIds() {
        prepare.prepare(guest("<hostdev mode='subsystem' type='usb'><source><address bus='2' device='4'/></source>"
                + "</hostdev>"), "nodedev:///x");
        prepare.prepare(guest("<hostdev mode='subsystem' type='usb'><source><vendor id='0xabcd'/>"
                + "<product id='0x0001'/></source></hostdev>"), "nodedev:///x");
        fails("<hostdev mode='subsystem' type='usb'><source><address bus='14' device='6'/></source></hostdev>",
                ErrorNumber.INTERNAL_ERROR, "Did not find USB device bus:14 device:6");
        fails("<hostdev mode='subsystem' type='usb'><source><vendor id='0x1234'/><product id='0xbeef'/></source>"
                + "</hostdev>", ErrorNumber.OPERATION_FAILED, "Multiple USB devices for 1234:beef, use <address> to "
                + "specify one");
        fails("<hostdev mode='subsystem' type='usb'><source><vendor id='0x1111'/><product id='0x2222'/></source>"
                + "</hostdev>", ErrorNumber.INTERNAL_ERROR, "Did not find USB device 1111:2222");
    }
}
