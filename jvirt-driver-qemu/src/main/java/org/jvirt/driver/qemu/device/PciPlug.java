package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.monitor.QmpCommandException;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.AddressXml;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * Puts a PCI device into a running guest and writes where it landed into the live XML. On pc, ACPI hot-plug
 * works on the root bus and QEMU picks the slot (or takes the one the XML asks for). On q35 the root complex
 * takes no hot-plug: the device goes into a free pcie-root-port (the command builder leaves spare ones, ids
 * {@code pci.N}), and its address is bus N, slot 0, as libvirt numbers a root port's bus by its controller index.
 */
final class PciPlug {

    private PciPlug() {
    }

    static boolean isQ35(DomainXml live) {
        String machine = live.os().machine();
        return machine != null && machine.contains("q35");
    }

    /** device_add of {@code dev} (whose "id" is set) at the address the XML asks for or a free one. */
    static void plug(QmpMonitor mon, DomainXml live, DeviceXml xml, ObjectNode dev) {
        AddressXml want = xml.address();
        if (want != null && !"pci".equals(want.type())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "address of type '%s' is not supported for hotplug of a PCI device", want.type());
        }
        boolean q35 = isQ35(live);
        Integer bus = want == null ? null : want.number("bus");
        Integer slot = want == null ? null : want.number("slot");
        if (q35) {
            if (slot != null && slot != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "a device on a pcie-root-port must be in slot 0");
            }
            // slot 0 always: QEMU would put a second device at another slot of an occupied port, where a
            // PCIe link cannot reach it
            dev.put("addr", "0x0");
            if (bus != null && bus > 0) {
                dev.put("bus", "pci." + bus);
                mon.execute("device_add", dev);
            } else {
                intoFreeRootPort(mon, dev);
            }
        } else {
            if (bus != null && bus != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "only the root bus (0) takes hot-plugged devices on this machine");
            }
            if (slot != null) {
                Integer fn = want.number("function");
                dev.put("addr", String.format("0x%x.0x%x", slot, fn == null ? 0 : fn));
            }
            mon.execute("device_add", dev);
        }
        record(mon, xml, dev);
    }

    /** Reads the device's devfn back from QOM and writes the libvirt address. */
    private static void record(QmpMonitor mon, DeviceXml xml, ObjectNode dev) {
        String id = dev.path("id").asText();
        int devfn = mon.execute("qom-get", QemuJson.mapper().createObjectNode().put("path", "/machine/peripheral/" + id)
                .put("property", "addr")).asInt();
        String busId = dev.path("bus").asText("");
        int bus = busId.startsWith("pci.") ? Integer.parseInt(busId.substring(4)) : 0;
        xml.address("pci").pci(0, bus, devfn >> 3, devfn & 7);
    }

    /** Tries the root ports in turn; the first that takes the device in slot 0 is free. */
    private static void intoFreeRootPort(QmpMonitor mon, ObjectNode dev) {
        List<String> ports = rootPorts(mon);
        QmpCommandException last = null;
        for (String port : ports) {
            dev.put("bus", port);
            try {
                mon.execute("device_add", dev);
                return;
            } catch (QmpCommandException e) {
                last = e;
            }
        }
        dev.remove("bus");
        dev.remove("addr");
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                "no free pcie-root-port for hot-plug of '%s'%s", dev.path("id").asText(),
                last == null ? "" : ": " + last.description());
    }

    /** The root ports of the machine ({@code pci.N} peripherals), in index order. */
    private static List<String> rootPorts(QmpMonitor mon) {
        List<Integer> n = new ArrayList<>();
        for (JsonNode p : mon.execute("qom-list",
                QemuJson.mapper().createObjectNode().put("path", "/machine/peripheral"))) {
            String name = p.path("name").asText("");
            if (p.path("type").asText("").equals("child<pcie-root-port>") && name.matches("pci\\.\\d+")) {
                n.add(Integer.parseInt(name.substring(4)));
            }
        }
        n.sort(null);
        return n.stream().map(i -> "pci." + i).toList();
    }
}
