package org.jvirt.driver.host.nodedev;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.nodedev.NodeCap.PciCap;

/**
 * Detach, re-attach and reset of PCI devices (libvirt's qemuNodeDeviceDetachFlags and the host-device manager
 * behind it): libvirt's checks and errors, in its order. Binding a device to vfio-pci, giving it back and
 * resetting hardware are not implemented: where libvirt would change the device, this answers NO_SUPPORT
 * naming the function, rather than unbinding a host's device from code no machine here could test (none has an
 * IOMMU). Where libvirt's outcome is to leave the device as it is, that is done.
 */
final class PciAssignment {

    private static final String VFIO_PCI = "vfio-pci";

    private final Path sysRoot;
    private final Path devVfio;

    PciAssignment(Path sysRoot, Path devVfio) {
        this.sysRoot = sysRoot;
        this.devVfio = devVfio;
    }

    /** qemuHostdevHostSupportsPassthroughVFIO: an IOMMU group exists and /dev/vfio/vfio is there. */
    boolean vfioAvailable() {
        try (DirectoryStream<Path> groups = Files.newDirectoryStream(sysRoot.resolve("kernel/iommu_groups"))) {
            return groups.iterator().hasNext() && Files.exists(devVfio);
        } catch (IOException e) {
            return false;
        }
    }

    /** qemuNodeDeviceDetachFlags' checks, made before the device is looked up. */
    void checkDetach(String driverName) {
        String driver = driverName == null ? "vfio" : driverName;
        if (!driver.equals("vfio") && !driver.equals("kvm")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "unknown driver name '%s'", driver);
        }
        if (driver.equals("kvm")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "KVM device assignment is no longer supported on this system");
        }
        if (!vfioAvailable()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "VFIO device assignment is currently not supported on this system");
        }
    }

    void detach(NodeDev dev, String function) {
        pci(dev);
        if (!VFIO_PCI.equals(boundDriver(dev))) {
            throw VirtException.noSupport(ErrorDomain.NODEDEV, function);
        }
        // already bound to vfio-pci: virPCIDeviceBindToStub has nothing to do
    }

    /** A device on its host driver is where re-attaching leaves it; one on vfio-pci would need unbinding. */
    void reAttach(NodeDev dev) {
        pci(dev);
        if (VFIO_PCI.equals(boundDriver(dev))) {
            throw VirtException.noSupport(ErrorDomain.NODEDEV, "virNodeDeviceReAttach");
        }
    }

    /** virPCIDeviceReset: endpoints only; one on vfio-pci is reset by vfio itself, so nothing is done. */
    void reset(NodeDev dev) {
        pci(dev);
        PciConfig.Info info = PciConfig.read(Path.of(dev.sysfsPath()), true);
        if (info.headerType() != null) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR,
                    "Invalid attempt to reset PCI device %s. Only PCI endpoint devices can be reset",
                    Path.of(dev.sysfsPath()).getFileName());
        }
        if (!VFIO_PCI.equals(boundDriver(dev))) {
            throw VirtException.noSupport(ErrorDomain.NODEDEV, "virNodeDeviceReset");
        }
    }

    /** virDomainDriverNodeDeviceGetPCIInfo's check. */
    private static void pci(NodeDev dev) {
        if (!(dev.cap() instanceof PciCap)) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "device %s is not a PCI device",
                    dev.name());
        }
    }

    private static String boundDriver(NodeDev dev) {
        try {
            Path link = Path.of(dev.sysfsPath()).resolve("driver");
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).getFileName().toString() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
