package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.xml.domain.DomainXml;

/** The state one build shares between its parts: the domain, the binary's abilities, and device placement. */
final class BuildContext {

    /** Free root ports a q35 guest gets for hot-plug, beyond one per device. */
    static final int SPARE_ROOT_PORTS = 2;

    final DomainXml def;
    final QemuCaps caps;
    final RuntimeLayout layout;
    final BuildOptions options;
    final boolean q35;
    /** Device and backend arguments, emitted after the machine-wide ones (root ports go in front of them). */
    final List<String> devices = new ArrayList<>();
    /** Buses of root ports (or bridges) that devices with an explicit PCI address sit on: not for others. */
    private final java.util.Set<Integer> reservedBuses;
    private final java.util.TreeSet<Integer> autoBuses = new java.util.TreeSet<>();
    private int usbPorts;

    BuildContext(DomainXml def, QemuCaps caps, RuntimeLayout layout, BuildOptions options, boolean q35) {
        this.def = def;
        this.caps = caps;
        this.layout = layout;
        this.options = options;
        this.q35 = q35;
        this.reservedBuses = PciAddresses.explicitBuses(def);
    }

    void device(QemuOpts opts) {
        devices.add("-device");
        devices.add(opts.toString());
    }

    void arg(String option, String value) {
        devices.add(option);
        devices.add(value);
    }

    /**
     * The bus for a PCI Express endpoint: on q35 a root port of its own (so it can be unplugged), on pc the
     * root bus, which QEMU picks itself (null).
     */
    String pcieBus() {
        if (!q35) {
            return null;
        }
        int n = autoBuses.isEmpty() ? 1 : autoBuses.last() + 1;
        while (reservedBuses.contains(n)) {
            n++;
        }
        autoBuses.add(n);
        return "pci." + n;
    }

    /** The next port of the first USB bus (usb.0), for the USB devices in the order they are built. */
    int nextUsbPort() {
        return ++usbPorts;
    }

    /** The root-port buses handed out to devices without an explicit address, in order. */
    java.util.SortedSet<Integer> autoBuses() {
        return java.util.Collections.unmodifiableSortedSet(autoBuses);
    }

    void requireDevice(String qomType, String what) {
        if (caps.deviceTypes().isEmpty() || caps.hasDevice(qomType)) {
            return;
        }
        throw unsupported("%s needs QEMU device '%s', which %s does not have", what, qomType, caps.binary());
    }

    static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED, format, args);
    }
}
