package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.command.NetArgs;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * NIC hot-plug (libvirt's qemuDomainAttachNetDevice): the next free alias {@code netN}, its backend
 * {@code hostnetN} with {@code netdev_add} (user-mode, or a tap the driver makes and enslaves first), then the
 * NIC with {@code device_add}; the live XML gets the alias, the tap's name and the PCI address.
 */
final class NicHotplug {

    private NicHotplug() {
    }

    /** Plugs a NIC whose MAC and model are already filled in. */
    static void attach(DriverContext ctx, DomainObj dom, DomainRun run, NetInterfaceXml nic) {
        int n = nextIndex(run);
        String alias = "net" + n;
        String device = NetArgs.qemuDevice(nic.model());
        if (NetworkPortPlug.needsPort(nic)) {
            NetworkPortPlug.allocate(ctx.networkUri(), run.liveDef(), nic);
        }
        QemuCommand.TapDevice tap;
        try {
            tap = NetArgs.tapFor(run.liveDef(), nic, n);
        } catch (RuntimeException e) {
            NetworkPortPlug.release(ctx.networkUri(), nic);
            throw e;
        }
        QmpMonitor mon = run.process().monitor();
        ObjectNode netdev = QemuJson.mapper().createObjectNode().put("id", "host" + alias);
        if (tap == null) {
            netdev.put("type", "user");
        } else {
            Taps.create(tap);
            nic.targetDev(tap.ifname());
            try {
                FilterBindings.create(ctx.hostDrivers().uri("nwfilter"), run.liveDef(), nic);
            } catch (RuntimeException e) {
                Taps.delete(tap.ifname());
                NetworkPortPlug.release(ctx.networkUri(), nic);
                throw e;
            }
            if (tap.macvtap()) {
                netdev.put("type", "tap").put("helper", Macvtaps.helper().toString()).put("br", tap.ifname());
            } else {
                netdev.put("type", "tap").put("ifname", tap.ifname()).put("script", "no").put("downscript", "no");
            }
        }
        try {
            mon.execute("netdev_add", netdev);
            try {
                ObjectNode dev = QemuJson.mapper().createObjectNode().put("driver", device)
                        .put("netdev", "host" + alias).put("id", alias).put("mac", nic.mac().toString());
                nic.alias(alias);
                PciPlug.plug(mon, run.liveDef(), nic, dev);
                if ("down".equals(nic.linkState())) {
                    LinkStates.set(mon, nic, false);
                }
            } catch (RuntimeException e) {
                Unplug.quietly(mon, "netdev_del", "id", "host" + alias);
                throw e;
            }
        } catch (RuntimeException e) {
            if (tap != null) {
                FilterBindings.delete(ctx.hostDrivers().uri("nwfilter"), nic);
                Taps.delete(tap.ifname());
            }
            NetworkPortPlug.release(ctx.networkUri(), nic);
            throw e;
        }
        synchronized (dom) {
            DeviceXmls.add(run.liveDef(), nic);
        }
        ctx.writeStatus(dom);
    }

    /** After the guest let go: the backend, then the host tap the driver made for it. */
    static void releaseBackend(DriverContext ctx, QmpMonitor mon, NetInterfaceXml nic) {
        Unplug.quietly(mon, "netdev_del", "id", "host" + nic.alias());
        FilterBindings.delete(ctx.hostDrivers().uri("nwfilter"), nic);
        if (Taps.owned(nic)) {
            Taps.delete(nic.targetDev());
        }
    }

    /** One past the highest {@code netN} in use (libvirt's qemuAssignDeviceNetAlias). */
    private static int nextIndex(DomainRun run) {
        int max = -1;
        for (NetInterfaceXml i : run.liveDef().devices().interfaces()) {
            String a = i.alias();
            if (a != null && a.matches("net\\d+")) {
                max = Math.max(max, Integer.parseInt(a.substring(3)));
            }
        }
        return max + 1;
    }
}
