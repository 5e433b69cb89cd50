package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.AddressXml;
import org.jvirt.xml.domain.ControllerXml;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * PCI placement as libvirt defines it in the XML: the PCI controllers a definition lists
 * ({@code pcie-root-port} on q35, {@code pci-bridge} on pc) become QEMU's {@code pci.N} buses with their own
 * chassis, port and address, and a device with {@code <address type='pci' bus slot function>} is put exactly
 * there ({@code bus=pci.N,addr=0xS.0xF}), so a guest moved from libvirtd keeps its device addresses. Devices
 * without an address get a free root port of their own on q35 (never one an addressed device sits on), and
 * QEMU's choice of slot on pc; root ports the XML does not list are added for them, with spares for hot-plug.
 */
final class PciAddresses {

    private PciAddresses() {
    }

    /** The non-root buses named by devices' explicit PCI addresses. */
    static Set<Integer> explicitBuses(DomainXml def) {
        Set<Integer> buses = new HashSet<>();
        for (DeviceXml d : def.devices().all()) {
            AddressXml a = d.address();
            if (a != null && "pci".equals(a.type()) && a.number("bus") != null && a.number("bus") > 0) {
                buses.add(a.number("bus"));
            }
        }
        return buses;
    }

    /** The PCI controllers of the XML, then generated root ports for the devices that needed one (q35). */
    static void controllers(BuildContext ctx, List<String> a) {
        Map<Integer, ControllerXml> listed = new TreeMap<>();
        assignIndexes(ctx.def);
        for (ControllerXml c : ctx.def.devices().controllers()) {
            if (!"pci".equals(c.type())) {
                continue;
            }
            String model = c.model() == null ? "" : c.model();
            int index = c.index() == null ? 0 : c.index();
            switch (model) {
                case "pci-root", "pcie-root" -> {
                    if (index != 0 || model.equals("pcie-root") != ctx.q35) {
                        throw BuildContext.unsupported("The PCI controller with index='0' must be model='%s' for "
                                + "this machine", ctx.q35 ? "pcie-root" : "pci-root");
                    }
                    c.alias(ctx.q35 ? "pcie.0" : "pci.0");
                }
                case "pcie-root-port", "pci-bridge" -> {
                    if (index < 1) {
                        throw BuildContext.unsupported("invalid index %d of a %s controller", index, model);
                    }
                    if (model.equals("pcie-root-port") != ctx.q35) {
                        throw BuildContext.unsupported("PCI controller model '%s' is not valid for this machine",
                                model);
                    }
                    listed.put(index, c);
                }
                default -> throw BuildContext.unsupported("PCI controller model '%s' is not supported by this "
                        + "driver yet", model);
            }
        }
        for (Map.Entry<Integer, ControllerXml> e : listed.entrySet()) {
            int index = e.getKey();
            ControllerXml c = e.getValue();
            c.alias("pci." + index);
            Element target = Dom.child(c.element(), "target");
            QemuOpts o;
            if ("pci-bridge".equals(c.model())) {
                Integer chassisNr = Attrs.integer(target, "chassisNr");
                o = QemuOpts.of("pci-bridge").add("chassis_nr", chassisNr == null ? index : chassisNr)
                        .add("id", "pci." + index);
            } else {
                Integer port = Attrs.integer(target, "port");
                Integer chassis = Attrs.integer(target, "chassis");
                o = QemuOpts.of("pcie-root-port").add("port", port == null ? 15 + index : port)
                        .add("chassis", chassis == null ? index : chassis).add("id", "pci." + index);
            }
            o.add("bus", busName(ctx, parentBus(c)));
            placement(c.address(), o);
            a.add("-device");
            a.add(o.toString());
        }
        if (!ctx.q35) {
            return; // on pc devices without an address share the root bus (pcieBus() gives none)
        }
        int highest = 0;
        List<Integer> generate = new ArrayList<>();
        for (int bus : busesInUse(ctx)) {
            if (!listed.containsKey(bus)) {
                generate.add(bus);
            }
            highest = Math.max(highest, bus);
        }
        if (listed.isEmpty()) {
            // no ports listed: spares beyond the devices' own, for hot-plug (libvirt leaves some free too)
            for (int i = 1; i <= BuildContext.SPARE_ROOT_PORTS; i++) {
                generate.add(highest + i);
            }
        }
        // where the XML places devices on the root complex itself, generated ports take slots it leaves free
        // (else QEMU's own choice could take a slot an addressed device comes to later)
        Set<Integer> takenSlots = rootSlots(ctx.def);
        int nextSlot = 3;
        for (int bus : generate) {
            QemuOpts o = QemuOpts.of("pcie-root-port").add("id", "pci." + bus).add("bus", "pcie.0")
                    .add("chassis", bus).add("port", 15 + bus);
            if (!takenSlots.isEmpty()) {
                while (takenSlots.contains(nextSlot) || nextSlot == 0x1f) {
                    nextSlot++;
                }
                o.add("addr", String.format("0x%x", nextSlot++));
            }
            a.add("-device");
            a.add(o.toString());
        }
    }

    /** The {@code pci.N} buses the built devices sit on (after their explicit addresses were applied). */
    private static java.util.SortedSet<Integer> busesInUse(BuildContext ctx) {
        java.util.SortedSet<Integer> buses = new java.util.TreeSet<>();
        for (int i = 0; i + 1 < ctx.devices.size(); i++) {
            if (ctx.devices.get(i).equals("-device")) {
                for (String p : split(ctx.devices.get(i + 1))) {
                    if (p.matches("bus=pci\\.\\d+")) {
                        buses.add(Integer.parseInt(p.substring("bus=pci.".length())));
                    }
                }
            }
        }
        return buses;
    }

    /** The slots of the root bus that the XML's explicit addresses use. */
    private static Set<Integer> rootSlots(DomainXml def) {
        Set<Integer> slots = new HashSet<>();
        for (DeviceXml d : def.devices().all()) {
            AddressXml a = d.address();
            if (a != null && "pci".equals(a.type()) && a.number("slot") != null
                    && (a.number("bus") == null || a.number("bus") == 0)) {
                slots.add(a.number("slot"));
            }
        }
        return slots;
    }

    /**
     * PCI controllers listed without an index (as virt-install writes them) get the lowest unused one, in
     * document order, as libvirt's post-parse does (virDomainControllerFindUnusedIndex).
     */
    private static void assignIndexes(DomainXml def) {
        Set<Integer> used = new HashSet<>();
        for (ControllerXml c : def.devices().controllers()) {
            if ("pci".equals(c.type()) && c.index() != null) {
                used.add(c.index());
            }
        }
        for (ControllerXml c : def.devices().controllers()) {
            if ("pci".equals(c.type()) && c.index() == null) {
                int n = 0;
                while (used.contains(n)) {
                    n++;
                }
                used.add(n);
                c.index(n);
            }
        }
    }

    private static int parentBus(ControllerXml c) {
        AddressXml a = c.address();
        return a != null && "pci".equals(a.type()) && a.number("bus") != null ? a.number("bus") : 0;
    }

    private static String busName(BuildContext ctx, int bus) {
        return bus == 0 ? (ctx.q35 ? "pcie.0" : "pci.0") : "pci." + bus;
    }

    /**
     * Places a device without an id of its own (USB companion controllers) at its explicit PCI address; false
     * when it has none.
     */
    static boolean place(BuildContext ctx, AddressXml addr, QemuOpts o) {
        if (addr == null || !"pci".equals(addr.type()) || addr.number("slot") == null) {
            return false;
        }
        o.add("bus", busName(ctx, addr.number("bus") == null ? 0 : addr.number("bus")));
        placement(addr, o);
        return true;
    }

    /** {@code multifunction=on} and {@code addr=0xS[.0xF]} from an explicit PCI address, if there is one. */
    private static void placement(AddressXml addr, QemuOpts o) {
        if (addr == null || !"pci".equals(addr.type()) || addr.number("slot") == null) {
            return;
        }
        if ("on".equals(addr.get("multifunction"))) {
            o.add("multifunction", true);
        }
        o.add("addr", addrOf(addr));
    }

    private static String addrOf(AddressXml addr) {
        int slot = addr.number("slot");
        Integer fn = addr.number("function");
        return fn == null || fn == 0 ? String.format("0x%x", slot) : String.format("0x%x.0x%x", slot, fn);
    }

    /** Rewrites the placement of every built device whose XML gives an explicit PCI address. */
    static void applyExplicit(BuildContext ctx) {
        Map<String, AddressXml> byAlias = new HashMap<>();
        for (DeviceXml d : ctx.def.devices().all()) {
            AddressXml a = d.address();
            if (d.alias() != null && a != null && "pci".equals(a.type()) && a.number("slot") != null) {
                if (a.number("domain") != null && a.number("domain") != 0) {
                    throw BuildContext.unsupported("PCI domain %d is not supported", a.number("domain"));
                }
                byAlias.put(d.alias(), a);
            }
        }
        if (byAlias.isEmpty()) {
            return;
        }
        List<String> devs = ctx.devices;
        for (int i = 0; i + 1 < devs.size(); i++) {
            if (!devs.get(i).equals("-device")) {
                continue;
            }
            List<String> parts = split(devs.get(i + 1));
            String id = parts.stream().filter(p -> p.startsWith("id=")).map(p -> p.substring(3)).findFirst()
                    .orElse(null);
            AddressXml addr = id == null ? null : byAlias.get(id);
            if (addr == null) {
                continue;
            }
            parts.removeIf(p -> p.startsWith("bus=") || p.startsWith("addr=") || p.startsWith("multifunction="));
            parts.add("bus=" + busName(ctx, addr.number("bus") == null ? 0 : addr.number("bus")));
            if ("on".equals(addr.get("multifunction"))) {
                parts.add("multifunction=on");
            }
            parts.add("addr=" + addrOf(addr));
            devs.set(i + 1, String.join(",", parts));
        }
    }

    /** Splits an option value at its separating commas (a doubled comma is part of a value). */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                cur.append(",,");
                i++;
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
