package org.jvirt.driver.qemu.command;

import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;

/**
 * {@code <panic model='isa'/>}: QEMU's pvpanic ISA device (qemuBuildPanicCommandLine), through which the guest
 * kernel reports a panic, so that QEMU raises GUEST_PANICKED and the driver carries out {@code on_crash}. Its
 * I/O port is libvirt's default 0x505 unless an {@code <address type='isa' iobase=.../>} says otherwise.
 */
final class PanicArgs {

    static final int DEFAULT_IOBASE = 0x505;

    private PanicArgs() {
    }

    static void add(BuildContext ctx, boolean x86) {
        for (DeviceXml d : ctx.def.devices().all()) {
            if (!d.deviceKind().equals("panic")) {
                continue;
            }
            String model = Dom.attribute(d.element(), "model");
            if (model == null) {
                if (!x86) {
                    throw BuildContext.unsupported("panic device without a model is not supported on %s",
                            ctx.caps.arch());
                }
                model = "isa"; // libvirt's default on x86
            }
            if (!model.equals("isa")) {
                throw BuildContext.unsupported("panic model '%s' is not supported yet", model);
            }
            if (!x86) {
                throw BuildContext.unsupported("panic model 'isa' is only available on x86");
            }
            ctx.requireDevice("pvpanic", "panic model 'isa'");
            int iobase = DEFAULT_IOBASE;
            if (d.address() != null) {
                if (!"isa".equals(d.address().type())) {
                    throw BuildContext.unsupported("panic model 'isa' needs an ISA address");
                }
                Integer io = d.address().number("iobase");
                if (io != null) {
                    iobase = io;
                }
            } else {
                d.address("isa").set("iobase", "0x" + Integer.toHexString(iobase)); // as libvirt's live XML
            }
            ctx.device(QemuOpts.of("pvpanic").add("ioport", iobase));
        }
    }
}
