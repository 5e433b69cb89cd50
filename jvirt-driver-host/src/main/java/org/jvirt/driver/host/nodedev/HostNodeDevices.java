package org.jvirt.driver.host.nodedev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.EventFanout;
import org.jvirt.driver.host.nodedev.NodeCap.ScsiHostCap;
import org.jvirt.flags.ListNodeDevicesFlag;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.NodeDeviceRef;
import org.jvirt.xml.nodedev.NodeDeviceXml;

/**
 * libvirt's node device driver entry points (node_device_driver.c) over the host's device table, for one
 * connection: it holds the table (and so the uevent monitor) from its first node device call or event
 * registration to {@link #close}, so that a hypervisor connection that never asks about devices costs nothing. Every device here comes
 * from the kernel, so each is active and transient; creating and defining devices (vHBAs, mediated devices)
 * fails as libvirt's does on a host without a vport-capable HBA or without mdevctl.
 */
public final class HostNodeDevices implements NodeDeviceDriver, AutoCloseable {

    private static final Set<ListNodeDevicesFlag> CAP_FLAGS = EnumSet.range(ListNodeDevicesFlag.CAP_SYSTEM,
            ListNodeDevicesFlag.CAP_VPD);

    private final EventFanout events;
    private final PciAssignment pci = new PciAssignment(Path.of("/sys"), Path.of("/dev/vfio/vfio"));
    private NodeDevTable table;
    private boolean closed;

    public HostNodeDevices(EventFanout events) {
        this.events = events;
    }

    /** Starts (once) watching the host's devices for this connection: its first call or event registration. */
    public synchronized void start() {
        if (table == null && !closed) {
            table = NodeDevService.host().retain(events);
        }
    }

    private synchronized NodeDevTable table() {
        start();
        if (table == null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR, "connection is closed");
        }
        return table;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (table != null) {
                NodeDevService.host().release(events);
                table = null;
            }
        }
    }

    private NodeDev dev(String name) {
        return table().find(name).orElseThrow(() -> VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.NO_NODE_DEVICE,
                "no node device with matching name '%s'", name));
    }

    /** The flag's capability name: CAP_USB_INTERFACE is "usb", CAP_USB_DEV "usb_device" (virNodeDevCapType). */
    static String capName(ListNodeDevicesFlag f) {
        return switch (f) {
            case CAP_PCI_DEV -> "pci";
            case CAP_USB_DEV -> "usb_device";
            case CAP_USB_INTERFACE -> "usb";
            case CAP_SYSTEM -> "system";
            default -> f.name().substring(4).toLowerCase(Locale.ROOT);
        };
    }

    /** virNodeDeviceObjMatch: one of the named capabilities; every device here is active. */
    @Override
    public List<NodeDeviceRef> listAllNodeDevices(Set<ListNodeDevicesFlag> flags) {
        List<String> caps = flags.stream().filter(CAP_FLAGS::contains).map(HostNodeDevices::capName).toList();
        boolean activeFilter = flags.contains(ListNodeDevicesFlag.ACTIVE) || flags.contains(ListNodeDevicesFlag.INACTIVE);
        if (activeFilter && !flags.contains(ListNodeDevicesFlag.ACTIVE)) {
            return List.of();
        }
        return table().list().stream().filter(d -> caps.isEmpty() || d.cap().names().stream().anyMatch(caps::contains))
                .map(d -> new NodeDeviceRef(d.name())).toList();
    }

    @Override
    public int numOfDevices(String cap) {
        return listDevices(cap).size();
    }

    @Override
    public List<String> listDevices(String cap) {
        return table().list().stream().filter(d -> cap == null || d.cap().names().contains(cap)).map(NodeDev::name)
                .toList();
    }

    @Override
    public NodeDeviceRef lookupByName(String name) {
        return new NodeDeviceRef(dev(name).name());
    }

    /** virNodeDeviceObjListFindSCSIHostByWWNs: a scsi_host whose fc_host WWNs match, compared without case. */
    @Override
    public NodeDeviceRef lookupSCSIHostByWWN(String wwnn, String wwpn) {
        return table().list().stream()
                .filter(d -> d.cap() instanceof ScsiHostCap h && h.wwnn() != null && h.wwnn().equalsIgnoreCase(wwnn)
                        && h.wwpn().equalsIgnoreCase(wwpn))
                .findFirst().map(d -> new NodeDeviceRef(d.name()))
                .orElseThrow(() -> VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.NO_NODE_DEVICE,
                        "no node device with matching wwnn '%s' and wwpn '%s'", wwnn, wwpn));
    }

    @Override
    public String getXMLDesc(NodeDeviceRef ref) {
        return table().xml(ref.name()).orElseGet(() -> dev(ref.name()).toXml());
    }

    @Override
    public String getParent(NodeDeviceRef ref) {
        NodeDev d = dev(ref.name());
        if (d.parent() == null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR, "no parent for this device");
        }
        return d.parent();
    }

    @Override
    public int numOfCaps(NodeDeviceRef ref) {
        return listCaps(ref).size();
    }

    @Override
    public List<String> listCaps(NodeDeviceRef ref) {
        return dev(ref.name()).cap().names();
    }

    @Override
    public boolean isActive(NodeDeviceRef ref) {
        dev(ref.name());
        return true;
    }

    @Override
    public boolean isPersistent(NodeDeviceRef ref) {
        dev(ref.name());
        return false;
    }

    @Override
    public boolean getAutostart(NodeDeviceRef ref) {
        dev(ref.name());
        return false;
    }

    @Override
    public void setAutostart(NodeDeviceRef ref, boolean autostart) {
        dev(ref.name());
        throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.OPERATION_UNSUPPORTED, "Unsupported device type");
    }

    @Override
    public NodeDeviceRef createXML(String xml) {
        NodeDeviceXml def = NodeDeviceXml.parse(xml);
        List<String> caps = def.capabilityTypes();
        if (caps.contains("scsi_host")) {
            boolean fc = def.capabilities().stream().filter(c -> c.type().equals("scsi_host"))
                    .anyMatch(c -> org.jvirt.xml.Dom.children(c.element(), "capability").stream()
                            .anyMatch(s -> "fc_host".equals(s.getAttribute("type"))));
            if (!fc) {
                throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR,
                        "Device is not a fibre channel HBA");
            }
            if (table().list().stream().noneMatch(d -> d.cap().names().contains("vports"))) {
                throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR,
                        "Could not find any vport capable device");
            }
            throw VirtException.noSupport(ErrorDomain.NODEDEV, "virNodeDeviceCreateXML");
        }
        if (caps.contains("mdev")) {
            return mdevctl(def, "cannot create a mediated device without a parent", "virNodeDeviceCreateXML");
        }
        throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.CONFIG_UNSUPPORTED, "Unsupported device type");
    }

    @Override
    public NodeDeviceRef defineXML(String xml) {
        NodeDeviceXml def = NodeDeviceXml.parse(xml);
        if (!def.capabilityTypes().contains("mdev")) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.CONFIG_UNSUPPORTED, "Unsupported device type");
        }
        return mdevctl(def, "cannot define a mediated device without a parent", "virNodeDeviceDefineXML");
    }

    /**
     * Mediated devices are mdevctl's (libvirt runs it for create, define, start, stop, undefine): with a parent
     * that exists and no mdevctl, libvirt's error for the missing program; driving an installed mdevctl is not
     * implemented here.
     */
    private NodeDeviceRef mdevctl(NodeDeviceXml def, String noParent, String function) {
        String parent = def.parent();
        if (parent == null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.XML_ERROR, noParent);
        }
        if (table().find(parent).map(NodeDev::sysfsPath).isEmpty()) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR,
                    "unable to find parent device '%s'", parent);
        }
        if (findMdevctl() == null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.SYSTEM_ERROR,
                    "Cannot find 'mdevctl' in path: No such file or directory");
        }
        throw VirtException.noSupport(ErrorDomain.NODEDEV, function);
    }

    private static Path findMdevctl() {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "mdevctl");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** nodeDeviceDestroy: only vHBAs and mediated devices can be destroyed; there are none of either here. */
    @Override
    public void destroy(NodeDeviceRef ref) {
        NodeDev d = dev(ref.name());
        if (d.cap() instanceof ScsiHostCap h && h.wwnn() == null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR, "Device is not a fibre channel HBA");
        }
        if (d.cap() instanceof ScsiHostCap) {
            throw VirtException.noSupport(ErrorDomain.NODEDEV, "virNodeDeviceDestroy");
        }
        throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.CONFIG_UNSUPPORTED, "Unsupported device type");
    }

    @Override
    public void dettach(NodeDeviceRef ref) {
        pci.checkDetach(null);
        pci.detach(dev(ref.name()), "virNodeDeviceDettach");
    }

    @Override
    public void detachFlags(NodeDeviceRef ref, String driverName) {
        pci.checkDetach(driverName);
        pci.detach(dev(ref.name()), "virNodeDeviceDetachFlags");
    }

    @Override
    public void reAttach(NodeDeviceRef ref) {
        pci.reAttach(dev(ref.name()));
    }

    @Override
    public void reset(NodeDeviceRef ref) {
        pci.reset(dev(ref.name()));
    }

    @Override
    public void undefine(NodeDeviceRef ref) {
        NodeDev d = dev(ref.name());
        throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.OPERATION_INVALID, "Node device '%s' is not defined",
                d.name());
    }

    @Override
    public void create(NodeDeviceRef ref) {
        dev(ref.name());
        throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.OPERATION_INVALID, "Device is already active");
    }
}
