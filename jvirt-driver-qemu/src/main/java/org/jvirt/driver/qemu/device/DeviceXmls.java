package org.jvirt.driver.qemu.device;

import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.NetArgs;
import org.jvirt.xml.domain.AddressXml;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.HostdevXml;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Element;

/** One device element as the device APIs take it, and finding, adding and removing devices in a definition. */
final class DeviceXmls {

    private DeviceXmls() {
    }

    /** Parses one device element (with libvirt's defaults for what a NIC leaves out). */
    static DeviceXml parse(String xml) {
        DomainXml wrap = DomainXml.parse("<domain><name>device</name><devices>" + xml + "</devices></domain>");
        List<DeviceXml> all = wrap.devices().all();
        if (all.size() != 1) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "expected exactly one device element");
        }
        DeviceXml dev = all.get(0);
        if (dev instanceof DiskXml d && d.targetDev() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "missing disk target");
        }
        return dev;
    }

    /** libvirt's parse-time defaults for a new NIC: a random 52:54:00 MAC and the default model. */
    static void fillNicDefaults(NetInterfaceXml nic) {
        if (nic.mac() == null) {
            nic.mac(MacAddress.generateQemu());
        }
        if (nic.model() == null) {
            nic.model(NetArgs.DEFAULT_MODEL);
        }
    }

    static DiskXml diskByTarget(DomainXml def, String target) {
        for (DiskXml d : def.devices().disks()) {
            if (target.equals(d.targetDev())) {
                return d;
            }
        }
        return null;
    }

    /**
     * The NIC a request means (libvirt's virDomainNetFindIdx): same MAC if one was given, same PCI address if
     * one was given; exactly one must match.
     */
    static NetInterfaceXml findNic(DomainXml def, NetInterfaceXml want) {
        MacAddress mac = want.mac();
        AddressXml addr = want.address() != null && "pci".equals(want.address().type()) ? want.address() : null;
        NetInterfaceXml match = null;
        for (NetInterfaceXml n : def.devices().interfaces()) {
            if (mac != null && !mac.equals(n.mac())) {
                continue;
            }
            if (addr != null && !samePci(addr, n.address())) {
                continue;
            }
            if (match != null) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, mac != null
                        ? "multiple devices matching MAC address " + mac + " found" : "multiple matching devices found");
            }
            match = n;
        }
        if (match == null) {
            String where = addr == null ? "(<null>)" : String.format("%04x:%02x:%02x.%d", num(addr, "domain"),
                    num(addr, "bus"), num(addr, "slot"), num(addr, "function"));
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.DEVICE_MISSING,
                    "no device found at address '%s' matching MAC address '%s' and alias '%s'", where,
                    mac == null ? "(<null>)" : mac, "(<null>)");
        }
        return match;
    }

    private static boolean samePci(AddressXml a, AddressXml b) {
        if (b == null || !"pci".equals(b.type())) {
            return false;
        }
        for (String f : List.of("domain", "bus", "slot", "function")) {
            if (num(a, f) != num(b, f)) {
                return false;
            }
        }
        return true;
    }

    private static int num(AddressXml a, String f) {
        Integer v = a.number(f);
        return v == null ? 0 : v;
    }

    /** The device with this alias in a definition, or null. */
    static DeviceXml byAlias(DomainXml def, String alias) {
        for (DeviceXml d : def.devices().all()) {
            if (alias.equals(d.alias())) {
                return d;
            }
        }
        return null;
    }

    /** Adds a copy of a parsed device to a definition, where libvirt writes devices of its kind. */
    static <T extends DeviceXml> T add(DomainXml def, T device) {
        Element copy = (Element) def.element().getOwnerDocument().importNode(device.element(), true);
        DeviceXml slot = switch (device) {
            case DiskXml d -> def.devices().addDisk(d.source(), d.device());
            case NetInterfaceXml n -> def.devices().addInterface(new InterfaceSource.User());
            case HostdevXml h -> def.devices().addHostdev();
            default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "device '%s' cannot be added", device.deviceKind());
        };
        slot.element().getParentNode().replaceChild(copy, slot.element());
        for (DeviceXml d : def.devices().all()) {
            if (d.element() == copy) {
                @SuppressWarnings("unchecked")
                T view = (T) d;
                return view;
            }
        }
        throw new IllegalStateException("device vanished");
    }
}
