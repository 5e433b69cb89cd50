package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.driver.qemu.hostdev.HostdevSource;
import org.jvirt.xml.domain.HostdevXml;

/**
 * Host devices on the command line, as libvirt 9.0's qemuBuildHostdevCommandLine: a PCI function as
 * {@code vfio-pci,host=0000:06:12.5,id=hostdevN} (the guest-side slot as every PCI device here gets its own), a USB
 * device as {@code usb-host,hostdevice=/dev/bus/usb/BBB/DDD,id=hostdevN} with the guest reset policy, on the next
 * port of usb.0. A USB device named only by vendor and product goes as QEMU's {@code vendorid/productid} (libvirt
 * looks the bus and device number up first). Aliases count all host devices, as libvirt's hostdevN.
 */
final class HostdevArgs {

    private HostdevArgs() {
    }

    static void add(BuildContext ctx) {
        List<HostdevSource> sources = HostdevSource.of(ctx.def);
        List<HostdevXml> xml = ctx.def.devices().hostdevs();
        for (int i = 0; i < sources.size(); i++) {
            String alias = "hostdev" + i;
            QemuOpts o = switch (sources.get(i)) {
                case HostdevSource.Pci p -> {
                    ctx.requireDevice("vfio-pci", "a PCI host device");
                    yield QemuOpts.of("vfio-pci").add("host", p.name()).add("id", alias).add("bus", ctx.pcieBus())
                            .add("bootindex", p.bootOrder());
                }
                case HostdevSource.Usb u -> {
                    if (!UsbArgs.hasUsb(ctx)) {
                        throw BuildContext.unsupported("USB host device '%s' needs a USB controller", alias);
                    }
                    ctx.requireDevice("usb-host", "a USB host device");
                    QemuOpts usb = QemuOpts.of("usb-host");
                    if (u.bus() != null) {
                        usb.add("hostdevice", String.format("/dev/bus/usb/%03d/%03d", u.bus(), u.device()));
                    } else {
                        usb.add("vendorid", String.format("0x%04x", u.vendor()))
                                .add("productid", String.format("0x%04x", u.product()));
                    }
                    usb.add("id", alias);
                    if (u.guestReset() != null) {
                        usb.add("guest-reset", !u.guestReset().equals("off"));
                        if (!u.guestReset().equals("off")) {
                            usb.add("guest-resets-all", u.guestReset().equals("on"));
                        }
                    }
                    yield usb.add("bootindex", u.bootOrder()).add("bus", "usb.0").add("port", ctx.nextUsbPort());
                }
            };
            xml.get(i).alias(alias);
            ctx.device(o);
        }
    }
}
