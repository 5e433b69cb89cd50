package org.jvirt.driver.qemu.hostdev;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeDevice;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.DomainXml;

/**
 * The host side of a guest's host devices at start and stop, in libvirt's order (qemuHostdevPreparePCIDevices,
 * virHostdevPreparePCIDevices, virHostdevPrepareUSBDevices): the host must support VFIO (an IOMMU, i.e. groups
 * under /sys/kernel/iommu_groups, and /dev/vfio/vfio), else libvirt's CONFIG_UNSUPPORTED; each PCI function must
 * exist in sysfs; a managed one is detached through the node device driver's public API
 * ({@code virNodeDeviceDetachFlags(..., "vfio")}, the same path as {@code virsh nodedev-detach}) and re-attached
 * at stop; a USB device must be found under /sys/bus/usb/devices. A start that fails here re-attaches what it
 * detached, and no QEMU has run.
 */
public final class HostdevPrepare {

    private final Path sysRoot;
    private final Path vfioDevice;

    HostdevPrepare(Path sysRoot, Path vfioDevice) {
        this.sysRoot = sysRoot;
        this.vfioDevice = vfioDevice;
    }

    /** This host's sysfs and /dev/vfio/vfio. */
    public static HostdevPrepare host() {
        return new HostdevPrepare(Path.of("/sys"), Path.of("/dev/vfio/vfio"));
    }

    private static VirtException error(ErrorNumber n, String format, Object... args) {
        return VirtException.of(ErrorDomain.QEMU, n, format, args);
    }

    /** virHostHasIOMMU and /dev/vfio/vfio: qemuHostdevHostSupportsPassthroughVFIO. */
    boolean supportsVfio() {
        Path groups = sysRoot.resolve("kernel/iommu_groups");
        try (DirectoryStream<Path> s = Files.newDirectoryStream(groups)) {
            return s.iterator().hasNext() && Files.exists(vfioDevice);
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks and detaches the definition's host devices; {@code nodedevUri} is the scope's node device driver. */
    public void prepare(DomainXml live, String nodedevUri) {
        prepare(HostdevSource.of(live), nodedevUri);
    }

    /** As {@link #prepare(DomainXml, String)}, for devices being hot-plugged. */
    public void prepare(List<HostdevSource> sources, String nodedevUri) {
        List<HostdevSource.Pci> pci = sources.stream().filter(HostdevSource.Pci.class::isInstance)
                .map(HostdevSource.Pci.class::cast).toList();
        if (!pci.isEmpty()) {
            boolean vfio = supportsVfio();
            for (HostdevSource.Pci p : pci) {
                if ("kvm".equals(p.backend())) {
                    throw error(ErrorNumber.CONFIG_UNSUPPORTED, "host doesn't support legacy PCI passthrough");
                }
                if (!vfio) {
                    throw error(ErrorNumber.CONFIG_UNSUPPORTED, p.backend() == null
                            ? "host doesn't support passthrough of host PCI devices"
                            : "host doesn't support VFIO PCI passthrough");
                }
            }
            for (HostdevSource.Pci p : pci) {
                Path config = sysRoot.resolve("bus/pci/devices").resolve(p.name()).resolve("config");
                if (!Files.exists(config)) {
                    throw error(ErrorNumber.SYSTEM_ERROR, "Device %s not found: could not access %s: "
                            + "No such file or directory", p.name(), Path.of("/sys/bus/pci/devices", p.name(), "config"));
                }
            }
        }
        for (HostdevSource s : sources) {
            if (s instanceof HostdevSource.Usb u) {
                findUsb(u);
            }
        }
        List<HostdevSource.Pci> detached = new ArrayList<>();
        try (Connect c = pci.stream().anyMatch(HostdevSource.Pci::managed) ? Connect.open(nodedevUri) : null) {
            for (HostdevSource.Pci p : pci) {
                if (p.managed()) {
                    NodeDevice d = c.nodeDeviceLookupByName(p.nodeDevice());
                    d.detachFlags("vfio");
                    detached.add(p);
                } else if (!"vfio-pci".equals(boundDriver(p))) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "Unmanaged PCI device %s must be manually detached from the host", p.name());
                }
            }
        } catch (RuntimeException e) {
            reattach(detached, nodedevUri);
            throw e;
        }
    }

    /**
     * At stop, or after a start that failed once they were detached: the managed PCI functions bound to vfio-pci
     * go back to their host drivers (one never detached, as after a refused start, is left alone). Failures are
     * logged: the guest is gone either way.
     */
    public void release(DomainXml live, String nodedevUri) {
        release(HostdevSource.of(live), nodedevUri);
    }

    /** As {@link #release(DomainXml, String)}, for given devices. */
    public void release(List<HostdevSource> sources, String nodedevUri) {
        reattach(sources.stream().filter(HostdevSource.Pci.class::isInstance)
                .map(HostdevSource.Pci.class::cast).filter(HostdevSource.Pci::managed)
                .filter(p -> "vfio-pci".equals(boundDriver(p))).toList(), nodedevUri);
    }

    private static void reattach(List<HostdevSource.Pci> devices, String nodedevUri) {
        if (devices.isEmpty()) {
            return;
        }
        try (Connect c = Connect.open(nodedevUri)) {
            for (HostdevSource.Pci p : devices) {
                try {
                    c.nodeDeviceLookupByName(p.nodeDevice()).reAttach();
                } catch (VirtException e) {
                    warn("Failed to re-attach PCI device " + p.name() + ": " + e.getMessage());
                }
            }
        } catch (VirtException e) {
            warn("Failed to re-attach PCI devices " + devices + ": " + e.getMessage());
        }
    }

    private static void warn(String msg) {
        System.getLogger(HostdevPrepare.class.getName()).log(System.Logger.Level.WARNING, msg);
    }

    private String boundDriver(HostdevSource.Pci p) {
        Path link = sysRoot.resolve("bus/pci/devices").resolve(p.name()).resolve("driver");
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName().toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** virUSBDeviceSearch: the device must be under /sys/bus/usb/devices (by bus and number, or by ids). */
    private void findUsb(HostdevSource.Usb u) {
        Path dir = sysRoot.resolve("bus/usb/devices");
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path d : s) {
                String n = d.getFileName().toString();
                if (n.contains(":")) {
                    continue;
                }
                Integer bus = read(d, "busnum", 10);
                Integer dev = read(d, "devnum", 10);
                boolean match = u.bus() != null ? u.bus().equals(bus) && u.device().equals(dev)
                        : u.vendor().equals(read(d, "idVendor", 16)) && u.product().equals(read(d, "idProduct", 16));
                if (match) {
                    found.add(d);
                }
            }
        } catch (IOException e) {
            throw error(ErrorNumber.SYSTEM_ERROR, "cannot open directory '%s': No such file or directory",
                    Path.of("/sys/bus/usb/devices"));
        }
        if (found.isEmpty()) {
            throw error(ErrorNumber.INTERNAL_ERROR, u.bus() != null ? "Did not find USB device bus:%d device:%d"
                    : "Did not find USB device %04x:%04x", u.bus() != null ? u.bus() : u.vendor(),
                    u.bus() != null ? u.device() : u.product());
        }
        if (found.size() > 1 && u.bus() == null) {
            throw error(ErrorNumber.OPERATION_FAILED, "Multiple USB devices for %x:%x, use <address> to specify one",
                    u.vendor(), u.product());
        }
    }

    private static Integer read(Path dir, String attr, int radix) {
        try {
            return Integer.parseInt(Files.readString(dir.resolve(attr)).strip(), radix);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
