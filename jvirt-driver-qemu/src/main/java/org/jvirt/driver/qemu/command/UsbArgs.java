package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.ControllerXml;
import org.jvirt.xml.domain.InputXml;
import org.jvirt.xml.domain.DeviceXml;
import org.w3c.dom.Element;

/**
 * The USB bus and what sits on it, as libvirt 9.0 builds them: the controller ({@code qemu-xhci} on q35,
 * {@code piix3-uhci} on pc when none is given; {@code ich9-ehci1} with its UHCI companions in one multifunction
 * slot; {@code none} for no USB at all), input devices (USB or virtio; PS/2 ones are built into the machine), and
 * USB redirection over SPICE ({@code spicevmc}). USB devices take the ports of {@code usb.0} in order.
 */
final class UsbArgs {

    /** libvirt's controller models and QEMU's device for each. */
    private static final Map<String, String> MODELS = Map.ofEntries(
            Map.entry("piix3-uhci", "piix3-usb-uhci"), Map.entry("piix4-uhci", "piix4-usb-uhci"),
            Map.entry("ehci", "usb-ehci"), Map.entry("ich9-ehci1", "ich9-usb-ehci1"),
            Map.entry("ich9-uhci1", "ich9-usb-uhci1"), Map.entry("ich9-uhci2", "ich9-usb-uhci2"),
            Map.entry("ich9-uhci3", "ich9-usb-uhci3"), Map.entry("vt82c686b-uhci", "vt82c686b-usb-uhci"),
            Map.entry("nec-xhci", "nec-usb-xhci"), Map.entry("qemu-xhci", "qemu-xhci"));
    /** Where ICH9's EHCI and its companions sit, as on real ICH9 hardware (00:1d.x), clear of automatic slots. */
    private static final String EHCI_SLOT = "0x1d";

    private UsbArgs() {
    }

    /** Whether the guest has a USB bus ({@code <controller type='usb' model='none'>} takes it away). */
    static boolean hasUsb(BuildContext ctx) {
        return ctx.def.devices().controllers().stream()
                .noneMatch(c -> "usb".equals(c.type()) && "none".equals(c.model()));
    }

    static void controllers(BuildContext ctx) {
        List<ControllerXml> usb = ctx.def.devices().controllers().stream().filter(c -> "usb".equals(c.type()))
                .toList();
        for (ControllerXml c : usb) {
            if (c.index() != null && c.index() != 0) {
                throw BuildContext.unsupported("USB controller index %d: only one USB bus is supported yet",
                        c.index());
            }
        }
        if (!hasUsb(ctx)) {
            if (usb.size() > 1) {
                throw BuildContext.unsupported("USB controller model 'none' cannot be combined with other USB "
                        + "controllers");
            }
            return;
        }
        ControllerXml master = null;
        List<ControllerXml> companions = new ArrayList<>();
        for (ControllerXml c : usb) {
            if (Dom.child(c.element(), "master") != null) {
                companions.add(c);
            } else if (master == null) {
                master = c;
            } else {
                throw BuildContext.unsupported("Multiple USB controllers with index 0 need <master> companions");
            }
        }
        String model = master == null || master.model() == null ? (ctx.q35 ? "qemu-xhci" : "piix3-uhci")
                : master.model(); // libvirt's defaults, also when <controller> is absent
        String device = device(model);
        ctx.requireDevice(device, "USB controller model '" + model + "'");
        if (master != null) {
            master.alias("usb");
        }
        boolean multifunction = !companions.isEmpty();
        QemuOpts o = QemuOpts.of(device).add("id", "usb");
        Integer ports = master == null ? null : Attrs.integer(master.element(), "ports");
        if (ports != null) {
            if (!device.endsWith("xhci")) {
                throw BuildContext.unsupported("usb controller type %s doesn't support 'ports' with this QEMU binary",
                        model);
            }
            o.add("p2", ports).add("p3", ports);
        }
        String root = ctx.q35 ? "pcie.0" : "pci.0";
        if (multifunction) {
            o.add("bus", root).add("addr", EHCI_SLOT + ".0x7");
        } else if (device.endsWith("xhci")) {
            o.add("bus", ctx.pcieBus());
        } else {
            o.add("bus", ctx.q35 ? "pcie.0" : null);
        }
        ctx.device(o);
        for (int i = 0; i < companions.size(); i++) {
            ControllerXml c = companions.get(i);
            String cm = c.model() == null ? "" : c.model();
            if (!cm.startsWith("ich9-uhci")) {
                throw BuildContext.unsupported("USB companion controller model '%s' is not supported", cm);
            }
            String cdev = device(cm);
            ctx.requireDevice(cdev, "USB controller model '" + cm + "'");
            Integer start = Attrs.integer(Dom.child(c.element(), "master"), "startport");
            QemuOpts co = QemuOpts.of(cdev).add("masterbus", "usb.0").add("firstport", start == null ? 0 : start);
            if (!PciAddresses.place(ctx, c.address(), co)) {
                int function = Integer.parseInt(cm.substring("ich9-uhci".length())) - 1;
                co.add("bus", root);
                if (function == 0) {
                    co.add("multifunction", true);
                }
                co.add("addr", function == 0 ? EHCI_SLOT : EHCI_SLOT + ".0x" + function);
            }
            ctx.device(co);
        }
    }

    private static String device(String model) {
        String d = MODELS.get(model);
        if (d == null) {
            throw BuildContext.unsupported("USB controller model '%s' is not supported", model);
        }
        return d;
    }

    static void inputs(BuildContext ctx) {
        List<InputXml> inputs = ctx.def.devices().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            InputXml in = inputs.get(i);
            String id = "input" + i;
            in.alias(id);
            String type = in.type() == null ? "" : in.type();
            String bus = in.bus() == null ? (type.equals("tablet") ? "usb" : "ps2") : in.bus();
            switch (bus) {
                case "ps2" -> {
                    if (type.equals("tablet")) {
                        throw BuildContext.unsupported("ps2 bus does not support tablet input");
                    }
                    // the i8042 is built into pc and q35
                }
                case "usb" -> {
                    requireUsb(ctx);
                    String dev = switch (type) {
                        case "tablet" -> "usb-tablet";
                        case "mouse" -> "usb-mouse";
                        case "keyboard" -> "usb-kbd";
                        default -> throw BuildContext.unsupported("input type '%s' is not supported", type);
                    };
                    ctx.device(QemuOpts.of(dev).add("id", id).add("bus", "usb.0").add("port", ctx.nextUsbPort()));
                }
                case "virtio" -> {
                    String dev = switch (type) {
                        case "tablet" -> "virtio-tablet-pci";
                        case "mouse" -> "virtio-mouse-pci";
                        case "keyboard" -> "virtio-keyboard-pci";
                        case "passthrough" -> throw BuildContext.unsupported(
                                "virtio input passthrough (evdev) is not supported by this driver yet");
                        default -> throw BuildContext.unsupported("input type '%s' is not supported", type);
                    };
                    ctx.requireDevice(dev, "virtio " + type + " input");
                    ctx.device(QemuOpts.of(dev).add("id", id).add("bus", ctx.pcieBus()));
                }
                default -> throw BuildContext.unsupported("input bus '%s' is not supported yet", bus);
            }
        }
    }

    /** {@code <redirdev bus='usb' type='spicevmc'>}: a USB device of the SPICE client's, through the display. */
    static void redirdevs(BuildContext ctx) {
        List<DeviceXml> redirs = ctx.def.devices().all().stream().filter(d -> d.deviceKind().equals("redirdev"))
                .toList();
        boolean spice = ctx.def.devices().graphics().stream().anyMatch(g -> "spice".equals(g.type()));
        for (int i = 0; i < redirs.size(); i++) {
            Element e = redirs.get(i).element();
            String bus = Dom.attribute(e, "bus");
            if (bus != null && !bus.equals("usb")) {
                throw BuildContext.unsupported("Redirection bus %s is not supported by QEMU", bus);
            }
            String type = Dom.attribute(e, "type");
            if (!"spicevmc".equals(type)) {
                throw BuildContext.unsupported("redirdev type '%s' is not supported by this driver yet", type);
            }
            if (!spice) {
                throw BuildContext.unsupported("USB redirection over spicevmc needs SPICE graphics");
            }
            requireUsb(ctx);
            ctx.requireDevice("usb-redir", "USB redirection");
            String id = "redir" + i;
            redirs.get(i).alias(id);
            ctx.arg("-chardev", QemuOpts.of("spicevmc").add("id", "char" + id).add("name", "usbredir").toString());
            ctx.device(QemuOpts.of("usb-redir").add("chardev", "char" + id).add("id", id)
                    .add("bus", "usb.0").add("port", ctx.nextUsbPort()));
        }
    }

    static void requireUsb(BuildContext ctx) {
        if (!hasUsb(ctx)) {
            throw BuildContext.unsupported(
                    "USB is disabled for this domain, but USB devices are present in the domain XML");
        }
    }
}
