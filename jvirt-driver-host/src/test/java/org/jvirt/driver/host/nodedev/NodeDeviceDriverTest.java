package org.jvirt.driver.host.nodedev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeDevice;
import org.jvirt.VirtException;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.driver.host.VirtAssert;
import org.jvirt.flags.ListNodeDevicesFlag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** nodedev:///system's entry points on this machine: listings with flags, lookups and libvirt's errors. */
class NodeDeviceDriverTest {

    private HostRoot root;
    private Connect conn;

    @BeforeEach
    void open() throws Exception {
        root = new HostRoot();
        conn = Connect.open(root.uri("nodedev", "system"));
    }

    @AfterEach
    void close() throws Exception {
        conn.close();
        root.close();
    }

    private static VirtException fails(ErrorNumber number, String message, Runnable r) {
        return VirtAssert.fails(ErrorDomain.NODEDEV, number, message, r);
    }

    private String firstPci() {
        return conn.listAllNodeDevices(ListNodeDevicesFlag.CAP_PCI_DEV).get(0).getName();
    }

    @Test
    void listingsWithFlags() {
        List<NodeDevice> all = conn.listAllNodeDevices();
        assertEquals(all.size(), conn.nodeNumOfDevices(null));
        assertEquals(List.of("computer"),
                conn.listAllNodeDevices(ListNodeDevicesFlag.CAP_SYSTEM).stream().map(NodeDevice::getName).toList());
        List<NodeDevice> pciOrNet = conn.listAllNodeDevices(ListNodeDevicesFlag.CAP_PCI_DEV, ListNodeDevicesFlag.CAP_NET);
        assertTrue(pciOrNet.stream().allMatch(d -> d.getName().startsWith("pci_") || d.getName().startsWith("net_")));
        assertTrue(pciOrNet.stream().anyMatch(d -> d.getName().startsWith("net_lo_")));
        assertEquals(all.size(), conn.listAllNodeDevices(ListNodeDevicesFlag.ACTIVE).size());
        assertEquals(List.of(), conn.listAllNodeDevices(ListNodeDevicesFlag.INACTIVE), "every kernel device is active");
        assertEquals(conn.nodeListDevices("pci").size(), conn.nodeNumOfDevices("pci"));
        NodeDevice pci = conn.nodeDeviceLookupByName(firstPci());
        assertTrue(pci.isActive());
        assertFalse(pci.isPersistent());
        assertEquals(List.of("pci"), pci.listCaps());
        assertEquals(1, pci.numOfCaps());
    }

    @Test
    void libvirtErrors() {
        fails(ErrorNumber.NO_NODE_DEVICE, "no node device with matching name 'pci_nope'",
                () -> conn.nodeDeviceLookupByName("pci_nope"));
        fails(ErrorNumber.INTERNAL_ERROR, "no parent for this device",
                () -> conn.nodeDeviceLookupByName("computer").getParent());
        fails(ErrorNumber.NO_NODE_DEVICE, "no node device with matching wwnn '2000000000000001' and wwpn '2000000000000002'",
                () -> conn.nodeDeviceLookupSCSIHostByWWN("2000000000000001", "2000000000000002"));
        String pci = firstPci();
        fails(ErrorNumber.CONFIG_UNSUPPORTED, "Unsupported device type", () -> conn.nodeDeviceLookupByName(pci).destroy());
        fails(ErrorNumber.OPERATION_INVALID, "Node device '" + pci + "' is not defined",
                () -> conn.nodeDeviceLookupByName(pci).undefine());
        fails(ErrorNumber.OPERATION_INVALID, "Device is already active", () -> conn.nodeDeviceLookupByName(pci).create());
        fails(ErrorNumber.INTERNAL_ERROR, "no device capabilities for 'x'",
                () -> conn.nodeDeviceCreateXML("<device><name>x</name></device>"));
        fails(ErrorNumber.CONFIG_UNSUPPORTED, "Unsupported device type",
                () -> conn.nodeDeviceCreateXML("<device><capability type='pci'/></device>"));
        fails(ErrorNumber.INTERNAL_ERROR, "Device is not a fibre channel HBA",
                () -> conn.nodeDeviceCreateXML("<device><capability type='scsi_host'/></device>"));
        String mdev = "<device><capability type='mdev'><type id='nvidia-63'/></capability></device>";
        fails(ErrorNumber.XML_ERROR, "cannot create a mediated device without a parent", () -> conn.nodeDeviceCreateXML(mdev));
        fails(ErrorNumber.XML_ERROR, "cannot define a mediated device without a parent", () -> conn.nodeDeviceDefineXML(mdev));
        fails(ErrorNumber.INTERNAL_ERROR, "unable to find parent device 'pci_nope'",
                () -> conn.nodeDeviceCreateXML(mdev.replace("<capability", "<parent>pci_nope</parent><capability")));
        if (!java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/mdevctl"))
                && !java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/mdevctl"))) {
            fails(ErrorNumber.SYSTEM_ERROR, "Cannot find 'mdevctl' in path", () -> conn.nodeDeviceCreateXML(
                    mdev.replace("<capability", "<parent>" + pci + "</parent><capability")));
        }
    }

    @Test
    void pciDetachReattachResetAnswerAsLibvirtOnAHostWithoutIommu() {
        NodeDevice pci = conn.nodeDeviceLookupByName(firstPci());
        VirtAssert.fails(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "unknown driver name 'xen'",
                () -> pci.detachFlags("xen"));
        VirtAssert.fails(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                "KVM device assignment is no longer supported on this system", () -> pci.detachFlags("kvm"));
        org.junit.jupiter.api.Assumptions.assumeFalse(new PciAssignment(java.nio.file.Path.of("/sys"),
                java.nio.file.Path.of("/dev/vfio/vfio")).vfioAvailable(), "this host has an IOMMU and VFIO");
        VirtAssert.fails(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                "VFIO device assignment is currently not supported on this system", pci::dettach);
        VirtAssert.fails(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                "VFIO device assignment is currently not supported on this system", () -> pci.detachFlags(null));
        pci.reAttach(); // on its host driver already: where re-attaching leaves it, nothing is unbound
        VirtAssert.fails(ErrorDomain.NODEDEV, ErrorNumber.NO_SUPPORT, "virNodeDeviceReset", pci::reset);
        NodeDevice net = conn.listAllNodeDevices(ListNodeDevicesFlag.CAP_NET).get(0);
        VirtAssert.fails(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "device " + net.getName() + " is not a PCI device",
                net::reAttach);
        try (Connect ro = Connect.openReadOnly(root.uri("nodedev", "system"))) {
            VirtException e = assertThrows(VirtException.class, ro.nodeDeviceLookupByName(pci.getName())::reAttach);
            assertEquals(ErrorNumber.OPERATION_DENIED, e.error().number());
        }
    }

    @Test
    void readOnlyConnectionCreatesNothing() {
        try (Connect ro = Connect.openReadOnly(root.uri("nodedev", "system"))) {
            assertFalse(ro.listAllNodeDevices().isEmpty());
            VirtException e = assertThrows(VirtException.class, () -> ro.nodeDeviceCreateXML(
                    "<device><capability type='mdev'/></device>"));
            assertEquals(ErrorNumber.OPERATION_DENIED, e.error().number());
        }
    }
}
