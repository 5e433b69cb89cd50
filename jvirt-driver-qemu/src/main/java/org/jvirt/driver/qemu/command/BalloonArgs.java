package org.jvirt.driver.qemu.command;

import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.MemballoonXml;

/**
 * {@code <memballoon>}: libvirt adds a virtio balloon when none is listed; {@code autodeflate} and
 * {@code freePageReporting} are device properties. The statistics period is set over QMP once QEMU runs
 * (BalloonStats), as libvirt does.
 */
final class BalloonArgs {

    private BalloonArgs() {
    }

    static void add(BuildContext ctx) {
        MemballoonXml b = ctx.def.devices().memballoon();
        String model = b == null || b.model() == null ? "virtio" : b.model();
        switch (model) {
            case "none" -> { }
            case "virtio" -> {
                if (b != null) {
                    b.alias("balloon0");
                }
                ctx.requireDevice("virtio-balloon-pci", "the memory balloon");
                QemuOpts o = QemuOpts.of("virtio-balloon-pci").add("id", "balloon0");
                if (b != null) {
                    onOff(o, "deflate-on-oom", Dom.attribute(b.element(), "autodeflate"));
                    onOff(o, "free-page-reporting", Dom.attribute(b.element(), "freePageReporting"));
                }
                ctx.device(o.add("bus", ctx.pcieBus()));
            }
            default -> throw BuildContext.unsupported("memballoon model '%s' is not supported", model);
        }
    }

    private static void onOff(QemuOpts o, String key, String value) {
        if (value != null) {
            o.add(key, value.equals("on"));
        }
    }
}
