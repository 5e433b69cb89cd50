package org.jvirt.driver.qemu.device;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * A NIC's link ({@code <link state='up|down'/>}): QEMU's {@code set_link} on the NIC's device, as libvirt's
 * qemuProcessSetLinkStates at start (before the CPUs run) and qemuDomainChangeNetLinkState for
 * {@code virsh domif-setlink} (virDomainUpdateDeviceFlags with the NIC's XML).
 */
public final class LinkStates {

    private LinkStates() {
    }

    /** Sets every NIC whose definition says down; called on a started, not yet running, guest. */
    public static void applyAtStart(DomainRun run) {
        for (NetInterfaceXml nic : run.liveDef().devices().interfaces()) {
            if ("down".equals(nic.linkState())) {
                set(run.process().monitor(), nic, false);
            }
        }
    }

    static void set(QmpMonitor mon, NetInterfaceXml nic, boolean up) {
        if (nic.alias() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "device alias not found: cannot set link state to %s", up ? "up" : "down");
        }
        mon.execute("set_link", QemuJson.mapper().createObjectNode().put("name", nic.alias()).put("up", up));
    }

    /**
     * The persistent side of an interface update: the NIC the new XML names (by MAC) takes its link state;
     * the rest of an interface's definition cannot change this way.
     */
    static void updateConfig(DomainXml def, NetInterfaceXml want) {
        NetInterfaceXml old = DeviceXmls.findNic(def, want);
        requireOnlyLink(old, want);
        old.linkState(want.linkState());
    }

    /** The live side: set_link when the state changes, then the live XML. */
    static void updateLive(DriverContext ctx, DomainObj dom, DomainRun run, NetInterfaceXml want) {
        NetInterfaceXml old;
        synchronized (dom) {
            old = DeviceXmls.findNic(run.liveDef(), want);
        }
        requireOnlyLink(old, want);
        String now = old.linkState() == null ? "up" : old.linkState();
        String next = want.linkState() == null ? "up" : want.linkState();
        if (!now.equals(next)) {
            set(run.process().monitor(), old, next.equals("up"));
        }
        synchronized (dom) {
            old.linkState(want.linkState());
        }
        ctx.writeStatus(dom);
    }

    /** libvirt refuses what it cannot change on a plugged NIC; the model and the source are the usual cases. */
    private static void requireOnlyLink(NetInterfaceXml old, NetInterfaceXml want) {
        if (want.model() != null && !want.model().equals(old.model())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "cannot modify network device model from %s to %s", old.model(), want.model());
        }
        if (!want.source().interfaceType().equals(old.source().interfaceType())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "unable to change config on '%s' network type", old.source().interfaceType());
        }
    }
}
