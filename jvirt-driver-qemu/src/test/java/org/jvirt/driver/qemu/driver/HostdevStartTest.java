package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

/**
 * Starting a real guest with a {@code <hostdev>} on this machine, which has no IOMMU, no /dev/vfio/vfio and no USB
 * bus: libvirt 9.0's errors (qemuHostdevPreparePCIDevicesCheckSupport, virUSBDeviceSearch), raised before any QEMU
 * runs, and nothing left behind (the fixture checks no QEMU is left; the run directory is gone). A machine with
 * VFIO would get further (the device's existence, then the node device detach), which this one cannot show. A
 * live attach of a host device to a running guest stops at the same check and the guest runs on.
 */
class HostdevStartTest extends FreshDriverTest {

    private static boolean hostHasVfio() {
        try (Stream<Path> groups = Files.list(Path.of("/sys/kernel/iommu_groups"))) {
            return groups.findAny().isPresent() && Files.exists(Path.of("/dev/vfio/vfio"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void startFails(Connect c, String name, String hostdev, ErrorNumber code, String message)
            throws Exception {
        Domain d = c.domainDefineXML(fx.guestXml(name, hostdev));
        VirtException e = assertThrows(VirtException.class, d::create);
        assertEquals(code, e.error().number(), e::getMessage);
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertFalse(d.isActive());
        try (Stream<Path> run = Files.list(fx.dir.resolve("run"))) {
            assertEquals(0, run.filter(p -> p.getFileName().toString().startsWith("d-")).count());
        } catch (java.nio.file.NoSuchFileException ignored) {
            // nothing was ever made
        }
        d.undefine();
    }

    @Test
    void aPciHostdevOfAnAbsentAddressFailsWithLibvirtsErrorAndLeavesNoQemu() throws Exception {
        assumeFalse(hostHasVfio(), "this host has VFIO: the device's existence would be checked next");
        try (Connect c = fx.open()) {
            startFails(c, "hdpci", """
                    <hostdev mode='subsystem' type='pci' managed='yes'>
                      <source><address domain='0x0000' bus='0xff' slot='0x1f' function='0x7'/></source>
                    </hostdev>""", ErrorNumber.CONFIG_UNSUPPORTED,
                    "unsupported configuration: host doesn't support passthrough of host PCI devices");
            startFails(c, "hdvfio", """
                    <hostdev mode='subsystem' type='pci' managed='no'>
                      <driver name='vfio'/>
                      <source><address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/></source>
                    </hostdev>""", ErrorNumber.CONFIG_UNSUPPORTED, "host doesn't support VFIO PCI passthrough");
            startFails(c, "hdkvm", """
                    <hostdev mode='subsystem' type='pci' managed='yes'>
                      <driver name='kvm'/>
                      <source><address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/></source>
                    </hostdev>""", ErrorNumber.CONFIG_UNSUPPORTED, "host doesn't support legacy PCI passthrough");
        }
    }

    @Test
    void aHotPluggedPciHostdevIsRefusedAndTheGuestRunsOn() throws Exception {
        assumeFalse(hostHasVfio(), "this host has VFIO: the device's existence would be checked next");
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(fx.guestXml("hdplug", ""));
            try {
                VirtException e = assertThrows(VirtException.class, () -> d.attachDevice("""
                        <hostdev mode='subsystem' type='pci' managed='yes'>
                          <source><address domain='0x0000' bus='0x00' slot='0x02' function='0x0'/></source>
                        </hostdev>""", org.jvirt.flags.DomainDeviceModifyFlag.LIVE));
                assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.error().number(), e::getMessage);
                assertTrue(e.getMessage().contains("host doesn't support passthrough of host PCI devices"),
                        e.getMessage());
                assertTrue(d.isActive());
                assertFalse(d.getXMLDesc().contains("<hostdev"), d.getXMLDesc());
            } finally {
                d.destroy();
            }
        }
    }

    @Test
    void aUsbHostdevOnAHostWithoutUsbFailsBeforeQemuRuns() throws Exception {
        assumeFalse(Files.isDirectory(Path.of("/sys/bus/usb/devices")), "this host has a USB bus");
        try (Connect c = fx.open()) {
            startFails(c, "hdusb", """
                    <hostdev mode='subsystem' type='usb' managed='no'>
                      <source><address bus='14' device='6'/></source>
                    </hostdev>""", ErrorNumber.SYSTEM_ERROR,
                    "cannot open directory '/sys/bus/usb/devices': No such file or directory");
        }
    }

    @Test
    void aDuplicateHostdevIsRefusedAtDefine() throws Exception {
        try (Connect c = fx.open()) {
            String dev = "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' "
                    + "bus='0x06' slot='0x12' function='0x5'/></source></hostdev>";
            VirtException e = assertThrows(VirtException.class,
                    () -> c.domainDefineXML(fx.guestXml("hddup", dev + dev)));
            assertEquals(ErrorNumber.XML_ERROR, e.error().number());
            assertTrue(e.getMessage().contains("Hostdev already exists in the domain configuration"), e.getMessage());
        }
    }

    /**
     * Detach of host devices as libvirt's qemuDomainDetachDeviceConfig and qemuDomainDetachPrepHostdev do it: a
     * persistent one is found by the host device it names (not its guest address) and removed, a second attach
     * or detach gets libvirt's errors; a running guest without the device gets "not found" naming it, for each
     * way of naming one. (The live unplug of a plugged device needs VFIO, which this machine lacks.)
     */
    @Test
    void hostdevsDetachFromTheConfigAndAMissingOneIsNamed() throws Exception {
        String pci = "<hostdev mode='subsystem' type='pci' managed='yes'><source><address domain='0x0000' "
                + "bus='0x06' slot='0x12' function='0x5'/></source></hostdev>";
        String usb = "<hostdev mode='subsystem' type='usb'><source><vendor id='0x1d6b'/><product id='0x0002'/>"
                + "</source></hostdev>";
        var config = org.jvirt.flags.DomainDeviceModifyFlag.CONFIG;
        var live = org.jvirt.flags.DomainDeviceModifyFlag.LIVE;
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(fx.guestXml("hddet", pci + usb));
            d.detachDevice(pci.replace("<source>", "<boot order='2'/><source>"), config); // the same host device
            assertFalse(d.getXMLDesc().contains("bus='0x06'"), d.getXMLDesc());
            assertTrue(d.getXMLDesc().contains("<vendor id='0x1d6b'/>"), d.getXMLDesc());
            VirtException gone = assertThrows(VirtException.class, () -> d.detachDevice(pci, config));
            assertEquals(ErrorNumber.DEVICE_MISSING, gone.error().number());
            assertEquals("device not found: device not present in domain configuration", gone.getMessage());
            VirtException twice = assertThrows(VirtException.class, () -> d.attachDevice(usb, config));
            assertEquals(ErrorNumber.OPERATION_INVALID, twice.error().number());
            assertEquals("Requested operation is not valid: device is already in the domain configuration",
                    twice.getMessage());
            d.attachDevice(pci, config);
            assertTrue(d.getXMLDesc().contains("bus='0x06'"), d.getXMLDesc());
            d.undefine();

            Domain run = c.domainCreateXML(fx.guestXml("hddetlive", ""));
            try {
                for (String[] c2 : new String[][] {
                    {pci, "host pci device 0000:06:12.5 not found"},
                    {usb, "host usb device vendor=0x1d6b product=0x0002 not found"},
                    {"<hostdev mode='subsystem' type='usb'><source><address bus='3' device='7'/></source></hostdev>",
                        "host usb device 003.007 not found"}}) {
                    VirtException e = assertThrows(VirtException.class, () -> run.detachDevice(c2[0], live));
                    assertEquals(ErrorNumber.DEVICE_MISSING, e.error().number());
                    assertEquals("device not found: " + c2[1], e.getMessage());
                }
                assertTrue(run.isActive());
            } finally {
                run.destroy();
            }
        }
    }
}
