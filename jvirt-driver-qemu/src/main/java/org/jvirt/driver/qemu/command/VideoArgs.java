package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.VideoXml;
import org.w3c.dom.Element;

/**
 * {@code <video>} cards as libvirt 9.0's qemuBuildDeviceVideoCmd builds them: the primary card (the first) is
 * the VGA-compatible variant (qxl-vga, virtio-vga), further ones the plain PCI ones; QXL gets its memory
 * sizes (libvirt's defaults: 64 MiB RAM and VRAM, 16 MiB VGA memory); ramfb is a platform device. A guest with
 * graphics and no {@code <video>} gets libvirt's default, a VGA.
 */
final class VideoArgs {

    private VideoArgs() {
    }

    static void add(BuildContext ctx) {
        List<VideoXml> videos = ctx.def.devices().videos();
        boolean graphics = !ctx.def.devices().graphics().isEmpty();
        if (videos.isEmpty() && graphics) {
            ctx.requireDevice("VGA", "the default video device");
            VideoXml v = ctx.def.devices().addVideo("vga").vram(16384).heads(1);
            Element model = Dom.children(v.element(), "model").get(0);
            Dom.setAttribute(model, "primary", "yes");
            v.alias("video0");
            ctx.device(QemuOpts.of("VGA").add("id", "video0").add("bus", ctx.q35 ? "pcie.0" : null));
            return;
        }
        for (int i = 0; i < videos.size(); i++) {
            VideoXml v = videos.get(i);
            String model = v.model() == null ? "vga" : v.model();
            if (model.equals("none")) {
                if (videos.size() > 1) {
                    throw BuildContext.unsupported("a 'none' video type must be the only video device defined "
                            + "for the domain");
                }
                continue;
            }
            boolean primary = i == 0;
            if (!primary && !model.equals("qxl") && !model.equals("virtio")) {
                throw BuildContext.unsupported("video type '%s' is only valid as primary video device", model);
            }
            String id = "video" + i;
            v.alias(id);
            String dev = switch (model) {
                case "vga" -> "VGA";
                case "cirrus" -> "cirrus-vga";
                case "bochs" -> "bochs-display";
                case "ramfb" -> "ramfb";
                case "qxl" -> primary ? "qxl-vga" : "qxl";
                case "virtio" -> primary && ctx.caps.hasDevice("virtio-vga") ? "virtio-vga" : "virtio-gpu-pci";
                default -> throw BuildContext.unsupported("video type '%s' is not supported yet", model);
            };
            ctx.requireDevice(dev, "video model '" + model + "'");
            QemuOpts o = QemuOpts.of(dev).add("id", id);
            int heads = v.heads() == null ? 1 : v.heads();
            switch (model) {
                case "qxl" -> {
                    int ram = intOr(v, "ram", 65536);
                    int vram = v.vram() == null ? 65536 : v.vram();
                    int vram64 = intOr(v, "vram64", 0);
                    int vgamem = intOr(v, "vgamem", 16384);
                    o.add("max_outputs", heads).add("ram_size", ram * 1024L).add("vram_size", vram * 1024L)
                            .add("vram64_size_mb", vram64 / 1024).add("vgamem_mb", vgamem / 1024);
                }
                case "virtio" -> o.add("max_outputs", heads);
                case "bochs" -> o.add("vgamem", (v.vram() == null ? 16384 : v.vram()) * 1024L);
                default -> { }
            }
            if (!model.equals("ramfb")) {
                // the primary card sits on the root bus as libvirt puts it; others get a port of their own
                o.add("bus", primary ? (ctx.q35 ? "pcie.0" : null) : ctx.pcieBus());
            }
            ctx.device(o);
        }
    }

    private static int intOr(VideoXml v, String attr, int dflt) {
        Integer n = Attrs.integer(Dom.child(v.element(), "model"), attr);
        return n == null ? dflt : n;
    }
}
