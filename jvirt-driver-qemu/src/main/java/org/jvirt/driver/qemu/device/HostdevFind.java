package org.jvirt.driver.qemu.device;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.hostdev.HostdevSource;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.HostdevXml;

/**
 * The host device of a definition that a detach names (libvirt's virDomainHostdevFind: the same host device,
 * whatever its guest address or boot order), and libvirt's error when the running guest has none.
 */
final class HostdevFind {

    private HostdevFind() {
    }

    /** The hostdev of {@code def} naming the same host device as {@code want}, or null. */
    static HostdevXml in(DomainXml def, HostdevXml want) {
        HostdevSource key = HostdevSource.of(want).withoutBoot();
        for (HostdevXml h : def.devices().hostdevs()) {
            if (HostdevSource.of(h).withoutBoot().equals(key)) {
                return h;
            }
        }
        return null;
    }

    /** libvirt's qemuDomainDetachPrepHostdev message for a host device the guest does not have. */
    static VirtException missing(HostdevXml want) {
        String what = switch (HostdevSource.of(want)) {
            case HostdevSource.Pci p -> String.format("host pci device %04x:%02x:%02x.%d", p.domain(), p.bus(),
                    p.slot(), p.function());
            case HostdevSource.Usb u when u.bus() != null && u.device() != null ->
                    String.format("host usb device %03d.%03d", u.bus(), u.device());
            case HostdevSource.Usb u -> String.format("host usb device vendor=0x%04x product=0x%04x", u.vendor(),
                    u.product());
        };
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.DEVICE_MISSING, "%s not found", what);
    }
}
