package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.domain.CharDeviceXml;

/** Serial ports and the serial console: a {@code -chardev} backend and an {@code isa-serial} each. */
final class CharArgs {

    private CharArgs() {
    }

    static void add(BuildContext ctx) {
        List<CharDeviceXml> serials = ctx.def.devices().serials();
        if (serials.isEmpty()) {
            // libvirt mirrors a serial console into <serial>; a console alone stands for serial0
            serials = ctx.def.devices().consoles().stream()
                    .filter(c -> c.targetType() == null || c.targetType().equals("serial")).limit(1).toList();
        }
        for (CharDeviceXml c : ctx.def.devices().consoles()) {
            if (c.targetType() != null && !c.targetType().equals("serial")) {
                throw BuildContext.unsupported("console target type '%s' is not supported yet", c.targetType());
            }
        }
        if (!ctx.def.devices().channels().isEmpty() || !ctx.def.devices().parallels().isEmpty()) {
            throw BuildContext.unsupported("channel and parallel devices are not supported yet");
        }
        for (int i = 0; i < serials.size(); i++) {
            CharDeviceXml s = serials.get(i);
            int port = s.targetPort() == null ? i : s.targetPort();
            String alias = "serial" + port;
            String chardev = "char" + alias;
            s.alias(alias);
            ctx.arg("-chardev", backend(ctx, s, chardev, alias).toString());
            ctx.device(QemuOpts.of("isa-serial").add("chardev", chardev).add("id", alias).add("index", port));
        }
    }

    private static QemuOpts backend(BuildContext ctx, CharDeviceXml s, String id, String alias) {
        String type = s.type() == null ? "pty" : s.type();
        return switch (type) {
            case "pty" -> QemuOpts.of("pty").add("id", id);
            case "null" -> QemuOpts.of("null").add("id", id);
            case "file" -> QemuOpts.of("file").add("id", id).add("path", required(s, type));
            case "unix" -> {
                // libvirt: mode='bind' makes QEMU the server; without a path the socket goes in the run dir
                String path = s.sourcePath() != null ? s.sourcePath() : ctx.layout.charSocket(alias).toString();
                QemuCommandBuilder.checkSocketPath(java.nio.file.Path.of(path));
                QemuOpts o = QemuOpts.of("socket").add("id", id).add("path", path);
                if (s.sourcePath() == null || "bind".equals(s.sourceMode())) {
                    o.add("server", true).add("wait", false);
                }
                yield o;
            }
            default -> throw BuildContext.unsupported("character device type '%s' is not supported yet", type);
        };
    }

    private static String required(CharDeviceXml s, String type) {
        if (s.sourcePath() == null) {
            throw BuildContext.unsupported("character device of type '%s' needs <source path=...>", type);
        }
        return s.sourcePath();
    }
}
