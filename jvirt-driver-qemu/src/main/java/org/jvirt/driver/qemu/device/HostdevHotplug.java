package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.hostdev.HostdevPrepare;
import org.jvirt.driver.qemu.hostdev.HostdevSource;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.xml.domain.HostdevXml;

/**
 * Hot-plug of a host device (libvirt's qemuDomainAttachHostDevice): the same host-side preparation as a start
 * ({@link HostdevPrepare}: VFIO support, existence, a managed PCI function detached through the node device
 * driver), then {@code device_add} of the {@code vfio-pci} or {@code usb-host} device the command line would have
 * built; a failed plug re-attaches what was detached.
 */
final class HostdevHotplug {

    private HostdevHotplug() {
    }

    static void attach(DriverContext ctx, DomainObj dom, DomainRun run, HostdevXml h) {
        HostdevSource src = HostdevSource.of(h);
        if (HostdevFind.in(run.liveDef(), h) != null) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.DOMAIN, org.jvirt.ErrorNumber.XML_ERROR,
                    "Hostdev already exists in the domain configuration");
        }
        String nodedev = ctx.hostDrivers().uri("nodedev");
        HostdevPrepare.host().prepare(List.of(src), nodedev);
        String alias = "hostdev" + run.liveDef().devices().hostdevs().size();
        try {
            ObjectNode dev = QemuJson.mapper().createObjectNode();
            switch (src) {
                case HostdevSource.Pci p -> {
                    dev.put("driver", "vfio-pci").put("host", p.name()).put("id", alias);
                    h.alias(alias);
                    PciPlug.plug(run.process().monitor(), run.liveDef(), h, dev);
                }
                case HostdevSource.Usb u -> {
                    dev.put("driver", "usb-host").put("id", alias);
                    if (u.bus() != null) {
                        dev.put("hostdevice", String.format("/dev/bus/usb/%03d/%03d", u.bus(), u.device()));
                    } else {
                        dev.put("vendorid", u.vendor()).put("productid", u.product());
                    }
                    h.alias(alias);
                    run.process().monitor().execute("device_add", dev);
                }
            }
        } catch (RuntimeException e) {
            HostdevPrepare.host().release(List.of(src), nodedev);
            throw e;
        }
        synchronized (dom) {
            DeviceXmls.add(run.liveDef(), h);
        }
        ctx.writeStatus(dom);
    }
}
