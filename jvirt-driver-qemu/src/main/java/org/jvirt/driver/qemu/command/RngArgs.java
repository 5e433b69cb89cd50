package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.RngXml;
import org.w3c.dom.Element;

/**
 * {@code <rng model='virtio'>} as libvirt 9.0 builds it: a backend object ({@code rng-random} reading a host
 * device, {@code rng-builtin}, or {@code rng-egd} talking to an EGD daemon over a TCP or unix socket chardev),
 * then {@code virtio-rng-pci} with the {@code <rate>} limit.
 */
final class RngArgs {

    private RngArgs() {
    }

    static void add(BuildContext ctx) {
        List<RngXml> rngs = ctx.def.devices().rngs();
        for (int i = 0; i < rngs.size(); i++) {
            RngXml r = rngs.get(i);
            String id = "rng" + i;
            r.alias(id);
            if (r.model() != null && !r.model().equals("virtio")) {
                throw BuildContext.unsupported("rng model '%s' is not supported", r.model());
            }
            String obj = "obj" + id;
            String backend = r.backendModel() == null ? "random" : r.backendModel();
            switch (backend) {
                case "random" -> ctx.arg("-object", QemuOpts.of("rng-random").add("id", obj)
                        .add("filename", r.backendPath() == null || r.backendPath().isBlank() ? "/dev/urandom"
                                : r.backendPath().strip()).toString());
                case "builtin" -> ctx.arg("-object", QemuOpts.of("rng-builtin").add("id", obj).toString());
                case "egd" -> {
                    String chardev = "char" + id;
                    ctx.arg("-chardev", egdChardev(Dom.child(r.element(), "backend"), chardev).toString());
                    ctx.arg("-object", QemuOpts.of("rng-egd").add("id", obj).add("chardev", chardev).toString());
                }
                default -> throw BuildContext.unsupported("rng backend model '%s' is not supported yet", backend);
            }
            ctx.requireDevice("virtio-rng-pci", "a virtio RNG");
            QemuOpts dev = QemuOpts.of("virtio-rng-pci").add("rng", obj).add("id", id);
            Element rate = Dom.child(r.element(), "rate");
            if (rate != null) {
                dev.add("max-bytes", Dom.attribute(rate, "bytes"));
                dev.add("period", Dom.attribute(rate, "period") == null ? "1000" : Dom.attribute(rate, "period"));
            }
            ctx.device(dev.add("bus", ctx.pcieBus()));
        }
    }

    /** The EGD daemon's socket: {@code <backend model='egd' type='tcp|unix'><source mode='connect' .../>}. */
    private static QemuOpts egdChardev(Element backend, String id) {
        String type = Dom.attribute(backend, "type");
        Element source = Dom.child(backend, "source");
        if (source == null || (Dom.attribute(source, "mode") != null
                && !"connect".equals(Dom.attribute(source, "mode")))) {
            throw BuildContext.unsupported("rng egd backend needs a <source mode='connect'>");
        }
        return switch (type == null ? "" : type) {
            case "tcp" -> QemuOpts.of("socket").add("id", id).add("host", Dom.attribute(source, "host"))
                    .add("port", Dom.attribute(source, "service"));
            case "unix" -> {
                String path = Dom.attribute(source, "path");
                if (path == null) {
                    throw BuildContext.unsupported("rng egd unix backend needs a source path");
                }
                yield QemuOpts.of("socket").add("id", id).add("path", path);
            }
            default -> throw BuildContext.unsupported("rng egd backend type '%s' is not supported by this driver",
                    type);
        };
    }
}
