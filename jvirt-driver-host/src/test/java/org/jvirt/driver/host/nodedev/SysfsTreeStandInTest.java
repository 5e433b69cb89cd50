package org.jvirt.driver.host.nodedev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jvirt.driver.host.HostRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The udev rules on a sysfs tree built by the test, standing in for hardware this machine lacks (SATA disk behind
 * a SCSI host, USB, SR-IOV, a udev database) and for malformed kernel values: a malformed device is skipped, the
 * listing never fails.
 */
class SysfsTreeStandInTest {

    private HostRoot root;
    private Path sys;
    private Path udev;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void build() throws IOException {
        root = new HostRoot();
        sys = root.dir.resolve("sys");
        udev = root.dir.resolve("udev");
        Files.createDirectories(udev);
        Path pci = device("devices/pci0000:00/0000:00:1f.2", "bus/pci", "PCI_CLASS=10601\nDRIVER=ahci\n");
        attr(pci, "vendor", "0x8086");
        attr(pci, "device", "0x2922");
        attr(pci, "numa_node", "0");
        attr(pci, "sriov_totalvfs", "7");
        Path bridge = device("devices/pci0000:00/0000:00:1c.0", "bus/pci", "PCI_CLASS=60400\nDRIVER=pcieport\n");
        attr(bridge, "vendor", "0x8086");
        attr(bridge, "device", "0x2940");
        byte[] config = new byte[256];
        config[0x06] = 0x10;             // status: capability list
        config[0x0e] = 0x01;             // header type: PCI-to-PCI bridge
        config[0x34] = 0x40;             // first capability
        config[0x40] = 0x10;             // PCI Express
        config[0x42] = 0x42;             // version 2, type 4 (root port)
        config[0x4c] = 0x03;             // link cap: 8 GT/s,
        config[0x4d] = 0x01;             //   width 16 (bits 9:4),
        config[0x4f] = 0x02;             //   port 2
        config[0x52] = (byte) 0x83;      // link status: 8 GT/s, width 8
        Files.write(bridge.resolve("config"), config);
        Path host = device("devices/pci0000:00/0000:00:1f.2/ata1/host0", "bus/scsi", "DEVTYPE=scsi_host\n");
        Files.createDirectories(sys.resolve("class/scsi_host/host0"));
        attr(sys.resolve("class/scsi_host/host0"), "unique_id", "1");
        device("devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0", "bus/scsi", "DEVTYPE=scsi_target\n");
        Path lun = device("devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0", "bus/scsi",
                "DEVTYPE=scsi_device\n");
        attr(lun, "type", "0");
        attr(lun, "vendor", "ATA     ");
        attr(lun, "model", "QEMU HARDDISK   ");
        Path sda = device("devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda", "class/block",
                "MAJOR=8\nMINOR=0\nDEVNAME=sda\nDEVTYPE=disk\n");
        Files.createSymbolicLink(sda.resolve("device"), lun); // as the kernel links a disk to its SCSI device
        attr(sda, "size", "2048");
        attr(sda, "queue/logical_block_size", "512");
        Files.writeString(udev.resolve("b8:0"), "S:disk/by-id/ata-QEMU_HARDDISK_QM1\nE:ID_TYPE=disk\n"
                + "E:ID_BUS=ata\nE:ID_SERIAL=QEMU_HARDDISK_QM1\n");
        Path usb = device("devices/pci0000:00/0000:00:1d.0/usb1/1-1", "bus/usb",
                "DEVTYPE=usb_device\nBUSNUM=001\nDEVNUM=002\nDRIVER=usb\n");
        attr(usb, "idVendor", "0627");
        attr(usb, "idProduct", "0001");
        attr(usb, "manufacturer", "QEMU");
        attr(usb, "product", "QEMU USB Tablet");
        Path usbif = device("devices/pci0000:00/0000:00:1d.0/usb1/1-1/1-1:1.0", "bus/usb", "DEVTYPE=usb_interface\n");
        attr(usbif, "bInterfaceNumber", "00");
        attr(usbif, "bInterfaceClass", "03");
        attr(usbif, "bInterfaceSubClass", "00");
        attr(usbif, "bInterfaceProtocol", "00");
        // malformed: a vendor id that is no number, an unknown link state, a PCI name that is no address
        attr(device("devices/pci0000:00/0000:00:02.0", "bus/pci", "PCI_CLASS=30000\n"), "vendor", "zz");
        Path net = device("devices/virtual/net/bad0", "class/net", "INTERFACE=bad0\nIFINDEX=7\n");
        attr(net, "address", "52:54:00:00:00:01");
        attr(net, "operstate", "sideways");
        device("devices/pci0000:00/notpci", "bus/pci", "PCI_CLASS=30000\n");
        Path good = device("devices/virtual/net/good0", "class/net", "INTERFACE=good0\nIFINDEX=8\n");
        attr(good, "address", "52:54:00:00:00:02");
        attr(good, "operstate", "up");
        attr(good, "speed", "1000");
    }

    @AfterEach
    void clean() throws IOException {
        root.close();
    }

    /** A device directory with its uevent, subsystem link, and its entry under /sys/bus/X/devices or /sys/class/X. */
    private Path device(String path, String subsystem, String uevent) throws IOException {
        Path dir = Files.createDirectories(sys.resolve(path));
        Files.writeString(dir.resolve("uevent"), uevent);
        Path sub = Files.createDirectories(sys.resolve(subsystem));
        Files.createSymbolicLink(dir.resolve("subsystem"), sub);
        Path list = subsystem.startsWith("bus/") ? Files.createDirectories(sub.resolve("devices")) : sub;
        Files.createSymbolicLink(list.resolve(dir.getFileName().toString()), dir);
        return dir;
    }

    private static void attr(Path dir, String name, String value) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), value + "\n");
    }

    private NodeDevTable table() {
        NodeDevTable t = new NodeDevTable(sys, udev, PciIds.load(), (n, e) -> events.add(n + " " + e));
        t.coldplug();
        return t;
    }

    @Test
    void devicesParentsAndMalformedOnesSkipped() throws IOException {
        Map<String, String> parents = table().list().stream().filter(d -> d.parent() != null)
                .collect(Collectors.toMap(NodeDev::name, NodeDev::parent));
        assertEquals(Map.of(
                "pci_0000_00_1f_2", "computer",
                "pci_0000_00_1c_0", "computer",
                "scsi_host0", "pci_0000_00_1f_2",
                "scsi_target0_0_0", "scsi_host0",
                "scsi_0_0_0_0", "scsi_target0_0_0",
                "block_sda_QEMU_HARDDISK_QM1", "scsi_0_0_0_0",
                "usb_1_1", "computer",
                "usb_1_1_1_0", "usb_1_1",
                "net_good0_52_54_00_00_00_02", "computer"), parents);
    }

    @Test
    void xmlAsLibvirtWritesIt() {
        NodeDevTable t = table();
        String disk = t.find("block_sda_QEMU_HARDDISK_QM1").orElseThrow().toXml();
        assertTrue(disk.contains("<devnode type='dev'>/dev/sda</devnode>\n  <devnode type='link'>"
                + "/dev/disk/by-id/ata-QEMU_HARDDISK_QM1</devnode>\n  <parent>scsi_0_0_0_0</parent>"), disk);
        assertTrue(disk.contains("<block>/dev/sda</block>\n    <bus>ata</bus>\n    <drive_type>disk</drive_type>\n"
                + "    <model>QEMU HARDDISK</model>\n    <vendor>ATA</vendor>\n    <serial>QEMU_HARDDISK_QM1</serial>\n"
                + "    <size>1048576</size>\n    <logical_block_size>512</logical_block_size>\n"
                + "    <num_blocks>2048</num_blocks>"), disk);
        String pci = t.find("pci_0000_00_1f_2").orElseThrow().toXml();
        assertTrue(pci.contains("<driver>\n    <name>ahci</name>\n  </driver>"), pci);
        assertTrue(pci.contains("<class>0x010601</class>"), pci);
        assertTrue(pci.contains("<capability type='virt_functions' maxCount='7'/>"), pci);
        assertTrue(pci.contains("<numa node='0'/>"), pci);
        assertEquals(List.of("pci", "virt_functions"), t.find("pci_0000_00_1f_2").orElseThrow().cap().names());
        String bridge = t.find("pci_0000_00_1c_0").orElseThrow().toXml();
        assertTrue(bridge.contains("<vendor id='0x8086'>Intel Corporation</vendor>\n    <capability type='pci-bridge'/>\n"
                + "    <pci-express>\n      <link validity='cap' port='2' speed='8' width='16'/>\n"
                + "      <link validity='sta' speed='8' width='8'/>\n    </pci-express>"), bridge);
        String usb = t.find("usb_1_1").orElseThrow().toXml();
        assertTrue(usb.contains("<bus>1</bus>\n    <device>2</device>\n    <product id='0x0001'>QEMU USB Tablet</product>\n"
                + "    <vendor id='0x0627'>QEMU</vendor>"), usb);
        assertTrue(t.find("scsi_0_0_0_0").orElseThrow().toXml().contains("<lun>0</lun>\n    <type>disk</type>"));
        assertTrue(t.find("scsi_host0").orElseThrow().toXml().contains("<host>0</host>\n    <unique_id>1</unique_id>"));
        assertTrue(t.find("net_good0_52_54_00_00_00_02").orElseThrow().toXml().contains("<link speed='1000' state='up'/>"));
    }

    @Test
    void ueventsUpdateTheTable() throws IOException {
        NodeDevTable t = table();
        Path net = device("devices/virtual/net/new0", "class/net", "INTERFACE=new0\nIFINDEX=9\n");
        attr(net, "address", "52:54:00:00:00:03");
        attr(net, "operstate", "down");
        t.uevent("add", net, null);
        t.uevent("change", net, null);
        t.uevent("remove", net, null);
        t.uevent("remove", sys.resolve("devices/virtual/net/never"), null);
        assertEquals(List.of("net_new0_52_54_00_00_00_03 Lifecycle[type=CREATED, detail=0]",
                "net_new0_52_54_00_00_00_03 Update[]", "net_new0_52_54_00_00_00_03 Lifecycle[type=DELETED, detail=0]"),
                events);
    }
}
