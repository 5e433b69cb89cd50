package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.AddressXml;
import org.jvirt.xml.domain.CharDeviceXml;
import org.jvirt.xml.domain.ControllerXml;

/**
 * Channels and the virtio-serial bus: each {@code virtio-serial} controller is a {@code virtio-serial-pci}
 * (added as libvirt adds it when a virtio port needs one), each virtio channel a {@code virtserialport} and each
 * virtio console a {@code virtconsole} at a {@code <address type='virtio-serial'>} given or assigned as
 * libvirt's qemuDomainAssignVirtioSerialAddresses does (port 0 only for a console). A guestfwd channel is a
 * user-mode netdev forwarding a guest address to its chardev.
 */
final class ChannelArgs {

    /** QEMU's virtio-serial default number of ports (max_ports), which libvirt assumes when none is given. */
    static final int DEFAULT_PORTS = 31;

    private ChannelArgs() {
    }

    /**
     * Gives every virtio port an address, adds controller 0 to the definition if a port needs it, and emits the
     * controllers; called where libvirt emits controllers, before the disks.
     */
    static void controllers(BuildContext ctx) {
        List<CharDeviceXml> ports = new ArrayList<>();
        ctx.def.devices().consoles().stream().filter(c -> "virtio".equals(c.targetType())).forEach(ports::add);
        List<CharDeviceXml> consoles = List.copyOf(ports);
        ctx.def.devices().channels().stream().filter(c -> "virtio".equals(c.targetType())).forEach(ports::add);
        TreeMap<Integer, ControllerXml> controllers = new TreeMap<>();
        for (ControllerXml c : ctx.def.devices().controllers()) {
            if ("virtio-serial".equals(c.type())) {
                controllers.put(c.index() == null ? 0 : c.index(), c);
            }
        }
        if (controllers.isEmpty() && !ports.isEmpty()) {
            controllers.put(0, ctx.def.devices().addController("virtio-serial", 0, null));
        }
        TreeMap<Integer, BitSet> used = new TreeMap<>();
        controllers.keySet().forEach(i -> used.put(i, new BitSet()));
        for (CharDeviceXml p : ports) {
            AddressXml a = p.address();
            if (a != null && a.get("port") != null) {
                if (!"virtio-serial".equals(a.type())) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                            "virtio serial device has invalid address type");
                }
                int controller = a.number("controller") == null ? 0 : a.number("controller");
                BitSet taken = used.get(controller);
                if (taken == null) {
                    throw BuildContext.unsupported("virtio-serial controller %d is not defined", controller);
                }
                if (taken.get(a.number("port"))) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                            "virtio serial port %d on controller %d is already occupied", a.number("port"),
                            controller);
                }
                taken.set(a.number("port"));
            }
        }
        for (CharDeviceXml p : ports) {
            AddressXml a = p.address();
            if (a == null || a.get("port") == null) {
                assign(p, controllers, used, consoles.contains(p));
            }
        }
        for (ControllerXml c : controllers.values()) {
            int index = c.index() == null ? 0 : c.index();
            c.alias("virtio-serial" + index);
            ctx.requireDevice("virtio-serial-pci", "a virtio-serial controller");
            ctx.device(QemuOpts.of("virtio-serial-pci").add("id", c.alias()).add("max_ports", c.ports())
                    .add("vectors", c.vectors()).add("bus", ctx.pcieBus()));
        }
    }

    private static void assign(CharDeviceXml p, TreeMap<Integer, ControllerXml> controllers,
            TreeMap<Integer, BitSet> used, boolean allowZero) {
        for (var e : controllers.entrySet()) {
            int max = e.getValue().ports() == null ? DEFAULT_PORTS : e.getValue().ports();
            BitSet taken = used.get(e.getKey());
            int port = taken.nextClearBit(allowZero ? 0 : 1);
            if (port < max) {
                taken.set(port);
                p.address("virtio-serial").set("controller", String.valueOf(e.getKey())).set("bus", "0")
                        .set("port", String.valueOf(port));
                return;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "Unable to find a free virtio-serial port");
    }

    /** The channels: a chardev each, then a virtserialport or a guestfwd netdev. */
    static void channels(BuildContext ctx) {
        List<CharDeviceXml> channels = ctx.def.devices().channels();
        for (int i = 0; i < channels.size(); i++) {
            CharDeviceXml c = channels.get(i);
            String target = c.targetType();
            if (target == null) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                        "unknown target type '' specified for character device");
            }
            c.alias("channel" + i);
            switch (target) {
                case "virtio" -> {
                    String name = c.targetName();
                    if ("spicevmc".equals(c.type()) && name != null && !name.equals("com.redhat.spice.0")) {
                        throw BuildContext.unsupported("Unsupported spicevmc target name '%s'", name);
                    }
                    if (name != null && (name.contains("/") || name.equals("..") || name.equals("."))) {
                        // it names a file in the runtime directory when the socket has no path
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                                "channel target name '%s' cannot contain '/' or be '..'", name);
                    }
                    if (name == null && "spicevmc".equals(c.type())) {
                        name = "com.redhat.spice.0";
                    }
                    ChardevArgs.add(ctx, c, ctx.layout.channelSocket(name != null ? name
                            : String.format("vioser-%02d-%02d-%02d.sock", c.address().number("controller"),
                                    c.address().number("bus"), c.address().number("port"))));
                    ctx.device(port(QemuOpts.of("virtserialport"), c).add("name", name));
                }
                case "guestfwd" -> {
                    String addr = c.targetAttr("address");
                    Integer port = c.targetPort();
                    if (addr == null || port == null) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                                "guestfwd channel does not define a target address and port");
                    }
                    ChardevArgs.add(ctx, c, ctx.layout.charSocket(c.alias()));
                    ctx.arg("-netdev", QemuOpts.of("user").add("guestfwd", "tcp:" + addr + ":" + port
                            + "-chardev:" + ChardevArgs.chardevId(c.alias())).add("id", c.alias()).toString());
                }
                default -> throw BuildContext.unsupported("unsupported channel target type %s", target);
            }
        }
    }

    /** A virtio-serial port's device: its bus and port number, then chardev and id (libvirt's order). */
    static QemuOpts port(QemuOpts dev, CharDeviceXml c) {
        AddressXml a = c.address();
        int controller = a.number("controller") == null ? 0 : a.number("controller");
        int bus = a.number("bus") == null ? 0 : a.number("bus");
        return dev.add("bus", "virtio-serial" + controller + "." + bus).add("nr", a.number("port"))
                .add("chardev", ChardevArgs.chardevId(c.alias())).add("id", c.alias());
    }
}
