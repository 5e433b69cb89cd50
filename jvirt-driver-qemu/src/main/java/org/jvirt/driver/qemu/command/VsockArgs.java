package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;
import org.w3c.dom.Element;

/**
 * {@code <vsock model='virtio'><cid address='N'/></vsock>}: {@code vhost-vsock-pci} with the guest's context ID.
 * QEMU opens /dev/vhost-vsock itself (libvirt passes it an fd it opened). {@code <cid auto='yes'>} takes the
 * lowest free ID from 3 up as libvirt does, which needs the vhost-vsock ioctl this driver cannot issue from Java,
 * so an automatic ID is refused and must be given.
 */
final class VsockArgs {

    private VsockArgs() {
    }

    static void add(BuildContext ctx) {
        List<DeviceXml> socks = ctx.def.devices().all().stream().filter(d -> d.deviceKind().equals("vsock"))
                .toList();
        if (socks.size() > 1) {
            throw BuildContext.unsupported("only one vsock device is supported");
        }
        if (socks.isEmpty()) {
            return;
        }
        DeviceXml v = socks.get(0);
        String model = Dom.attribute(v.element(), "model");
        if (model != null && !model.equals("virtio")) {
            throw BuildContext.unsupported("vsock model '%s' is not supported", model);
        }
        Element cid = Dom.child(v.element(), "cid");
        String address = cid == null ? null : Dom.attribute(cid, "address");
        if (address == null) {
            throw BuildContext.unsupported("vsock with an automatic guest CID is not supported by this driver yet: "
                    + "give <cid address='N'/>");
        }
        long n;
        try {
            n = Long.parseLong(address);
        } catch (NumberFormatException e) {
            throw BuildContext.unsupported("invalid vsock cid '%s'", address);
        }
        if (n < 3 || n > 0xffffffffL) {
            throw BuildContext.unsupported("vsock CID must be between 3 and 4294967295, not %s", address);
        }
        ctx.requireDevice("vhost-vsock-pci", "a vsock device");
        v.alias("vsock0");
        ctx.device(QemuOpts.of("vhost-vsock-pci").add("id", "vsock0").add("guest-cid", n).add("bus", ctx.pcieBus()));
    }
}
