package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.xml.domain.CharDeviceXml;

/**
 * Serial ports, parallel ports and consoles, in libvirt's order (serials, parallels, channels, consoles): a
 * {@code -chardev} backend ({@link ChardevArgs}) and a guest device each. A console of target type serial is
 * not a device of its own but the serial port of its port number (libvirt's console compat); it takes that
 * port's alias. Virtio consoles and channels sit on the virtio-serial bus ({@link ChannelArgs}).
 */
final class CharArgs {

    private CharArgs() {
    }

    static void add(BuildContext ctx) {
        List<CharDeviceXml> consoles = ctx.def.devices().consoles();
        List<CharDeviceXml> serials = new ArrayList<>(ctx.def.devices().serials());
        for (CharDeviceXml c : consoles) {
            String t = c.targetType();
            if (t != null && !t.equals("serial") && !t.equals("virtio")) {
                throw BuildContext.unsupported("unsupported console target type %s", t);
            }
        }
        if (serials.isEmpty()) {
            // libvirt turns a lone serial console into a <serial> (virDomainDefAddConsoleCompat): so does the
            // definition built here, which becomes the live XML
            consoles.stream().filter(CharArgs::isSerialConsole).limit(1).forEach(c -> serials.add(compatSerial(ctx, c)));
        }
        for (int i = 0; i < serials.size(); i++) {
            CharDeviceXml s = serials.get(i);
            int port = s.targetPort() == null ? i : s.targetPort();
            s.alias("serial" + port);
            ChardevArgs.add(ctx, s, ctx.layout.charSocket(s.alias()));
            ctx.device(serialDevice(ctx, s, port));
        }
        for (CharDeviceXml c : consoles) {
            if (isSerialConsole(c)) {
                int port = c.targetPort() == null ? 0 : c.targetPort();
                serials.stream().filter(s -> s.alias().equals("serial" + port)).findFirst().ifPresent(s -> {
                    c.alias(s.alias());
                    mirrorSource(s, c);
                });
            }
        }
        List<CharDeviceXml> parallels = ctx.def.devices().parallels();
        for (int i = 0; i < parallels.size(); i++) {
            CharDeviceXml p = parallels.get(i);
            p.alias("parallel" + i);
            ChardevArgs.add(ctx, p, ctx.layout.charSocket(p.alias()));
            ctx.device(QemuOpts.of("isa-parallel").add("chardev", ChardevArgs.chardevId(p.alias()))
                    .add("id", p.alias()));
        }
        ChannelArgs.channels(ctx);
        for (int i = 0; i < consoles.size(); i++) {
            CharDeviceXml c = consoles.get(i);
            if ("virtio".equals(c.targetType())) {
                c.alias("console" + i);
                ChardevArgs.add(ctx, c, ctx.layout.charSocket(c.alias()));
                ctx.device(ChannelArgs.port(QemuOpts.of("virtconsole"), c));
            }
        }
    }

    /** Whether a console is (libvirt's compat for) a serial port: x86's default target type. */
    static boolean isSerialConsole(CharDeviceXml c) {
        return c.targetType() == null || c.targetType().equals("serial");
    }

    /** The guest device of a serial port: isa-serial (x86's default) or pci-serial. */
    private static QemuOpts serialDevice(BuildContext ctx, CharDeviceXml s, int port) {
        String model = s.targetModel() != null ? s.targetModel() : switch (s.targetType() == null ? "isa-serial"
                : s.targetType()) {
            case "isa-serial" -> "isa-serial";
            case "pci-serial" -> "pci-serial";
            case "serial" -> "isa-serial"; // a console-compat serial port written with the console's type
            default -> throw BuildContext.unsupported("unsupported serial target type %s", s.targetType());
        };
        QemuOpts dev = QemuOpts.of(model).add("chardev", ChardevArgs.chardevId(s.alias())).add("id", s.alias());
        switch (model) {
            case "isa-serial" -> dev.add("index", port);
            case "pci-serial" -> {
                ctx.requireDevice("pci-serial", "serial target model 'pci-serial'");
                dev.add("bus", ctx.q35 ? "pcie.0" : null);
            }
            default -> throw BuildContext.unsupported("'%s' is not supported in this QEMU binary", model);
        }
        return dev;
    }

    /** The {@code <serial>} a lone serial console stands for: its backend, the console's port. */
    private static CharDeviceXml compatSerial(BuildContext ctx, CharDeviceXml console) {
        CharDeviceXml s = ctx.def.devices().addCharDevice("serial", console.type() == null ? "pty" : console.type());
        for (String child : new String[] {"source", "protocol", "log"}) { // libvirt's order, before <target>
            org.w3c.dom.Element e = org.jvirt.xml.Dom.child(console.element(), child);
            if (e != null) {
                s.element().appendChild(e.cloneNode(true));
            }
        }
        int port = console.targetPort() == null ? 0 : console.targetPort();
        s.target("isa-serial", port, null);
        console.target("serial", port, null);
        return s;
    }

    /** A compat console shows its serial port's backend, as libvirt copies it. */
    private static void mirrorSource(CharDeviceXml serial, CharDeviceXml console) {
        if (serial == console) {
            return;
        }
        String path = serial.sourceAttr(null, "path");
        if (path != null && console.sourceAttr(null, "path") == null) {
            console.sourcePath(path);
        }
    }
}
