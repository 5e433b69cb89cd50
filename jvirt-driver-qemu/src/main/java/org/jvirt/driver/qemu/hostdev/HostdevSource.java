package org.jvirt.driver.qemu.hostdev;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.AddressXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.HostdevXml;
import org.w3c.dom.Element;

/**
 * What a {@code <hostdev mode='subsystem'>} names on the host, as libvirt's virDomainHostdevSubsys parses it: a PCI
 * function ({@code 0000:06:12.5}, with the PCI backend of {@code <driver name=...>}) or a USB device (bus and
 * device number, or vendor and product id), whether libvirt manages it, and its guest boot order. Other types
 * (scsi, scsi_host, mdev) and capabilities mode are refused, as this driver cannot give them.
 */
public sealed interface HostdevSource {

    /** A PCI function; {@code backend} is null (default), "vfio" or "kvm". */
    record Pci(int domain, int bus, int slot, int function, String backend, boolean managed, Integer bootOrder)
            implements HostdevSource {
        /** 0000:06:12.5 */
        public String name() {
            return String.format("%04x:%02x:%02x.%x", domain, bus, slot, function);
        }

        /** The node device name, pci_0000_06_12_5. */
        public String nodeDevice() {
            return String.format("pci_%04x_%02x_%02x_%x", domain, bus, slot, function);
        }
    }

    /** A USB device by bus and device number (both non-null) or by vendor and product id (both non-null). */
    record Usb(Integer bus, Integer device, Integer vendor, Integer product, String guestReset, Integer bootOrder)
            implements HostdevSource {
    }

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED, format, args);
    }

    private static VirtException xml(String format, Object... args) {
        return VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, format, args);
    }

    /** The host devices of a definition, in order; a device named twice is libvirt's XML error. */
    static List<HostdevSource> of(DomainXml def) {
        List<HostdevSource> out = new ArrayList<>();
        Set<HostdevSource> seen = new HashSet<>();
        for (HostdevXml h : def.devices().hostdevs()) {
            HostdevSource s = of(h);
            if (!seen.add(s.withoutBoot())) {
                throw xml("Hostdev already exists in the domain configuration");
            }
            out.add(s);
        }
        return out;
    }

    /** This source with no boot order: what names the host device. */
    default HostdevSource withoutBoot() {
        return switch (this) {
            case Pci p -> new Pci(p.domain(), p.bus(), p.slot(), p.function(), null, false, null);
            case Usb u -> new Usb(u.bus(), u.device(), u.vendor(), u.product(), null, null);
        };
    }

    static HostdevSource of(HostdevXml h) {
        if (!"subsystem".equals(h.mode() == null ? "subsystem" : h.mode())) {
            throw unsupported("hostdev mode '%s' is not supported by this QEMU driver", h.mode());
        }
        Element boot = Dom.child(h.element(), "boot");
        Integer order = boot == null ? null : parse(Dom.attribute(boot, "order"), "boot order");
        Element source = Dom.child(h.element(), "source");
        AddressXml a = h.sourceAddress();
        switch (String.valueOf(h.type())) {
            case "pci" -> {
                if (a == null) {
                    throw xml("PCI host devices must use 'pci' or 'unassigned' address type");
                }
                Element drv = Dom.child(h.element(), "driver");
                String backend = drv == null ? null : Dom.attribute(drv, "name");
                if (backend != null && !backend.equals("vfio") && !backend.equals("kvm")) {
                    throw xml("Unknown PCI device <driver name='%s'/> has been specified", backend);
                }
                return new Pci(num(a, "domain", 0), num(a, "bus", -1), num(a, "slot", -1), num(a, "function", -1),
                        backend, Boolean.TRUE.equals(h.managed()), order);
            }
            case "usb" -> {
                String reset = source == null ? null : Dom.attribute(source, "guestReset");
                if (reset != null && !List.of("off", "uninitialized", "on").contains(reset)) {
                    throw xml("Unknown value '%s' for guestReset", reset);
                }
                Integer vendor = h.usbVendor() == null ? null : parse(h.usbVendor(), "usb vendor");
                Integer product = h.usbProduct() == null ? null : parse(h.usbProduct(), "usb product");
                if (a == null && (vendor == null || product == null)) {
                    throw xml("usb host device must use bus/device or vendor/product");
                }
                return new Usb(a == null ? null : num(a, "bus", -1), a == null ? null : num(a, "device", -1), vendor,
                        product, reset, order);
            }
            default -> throw unsupported("hostdev subsys type '%s' is not supported by this QEMU driver", h.type());
        }
    }

    private static int num(AddressXml a, String attr, int dflt) {
        String v = a.get(attr);
        if (v == null) {
            if (dflt < 0) {
                throw xml("missing %s in hostdev source address", attr);
            }
            return dflt;
        }
        return parse(v, attr);
    }

    private static int parse(String v, String what) {
        try {
            return v.startsWith("0x") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw xml("Cannot parse %s '%s'", what, v);
        }
    }
}
