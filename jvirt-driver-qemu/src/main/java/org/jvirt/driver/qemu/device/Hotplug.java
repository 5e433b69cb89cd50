package org.jvirt.driver.qemu.device;

import java.util.Set;
import java.util.function.Consumer;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.HostdevXml;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * virDomainAttachDeviceFlags, DetachDeviceFlags, UpdateDeviceFlags and DetachDeviceAlias for disks, NICs and
 * host devices.
 * As libvirt does: LIVE changes the running guest, CONFIG the persistent definition, neither means whichever
 * the domain has; with both, the config is prepared first, the guest changed, and the config written only if
 * that worked, so a failure leaves neither half-done.
 */
public final class Hotplug {

    private final DriverContext ctx;

    public Hotplug(DriverContext ctx) {
        this.ctx = ctx;
    }

    private static Impact impact(DomainObj dom, Set<DomainDeviceModifyFlag> flags) {
        return Impact.of(dom, flags.contains(DomainDeviceModifyFlag.LIVE), flags.contains(DomainDeviceModifyFlag.CONFIG));
    }

    /**
     * The frame every change shares: under the domain's job, the config step edits a copy of the persistent
     * definition, the live step changes the guest, and the copy is written only once the live step worked.
     */
    private void modify(DomainObj dom, String job, Set<DomainDeviceModifyFlag> flags, Consumer<DomainXml> config,
                        Runnable live) {
        dom.beginJob(job);
        try {
            Impact imp = impact(dom, flags);
            DomainXml def = null;
            if (imp.config()) {
                def = Impact.persistentCopy(dom);
                config.accept(def);
            }
            if (imp.live()) {
                live.run();
            }
            if (def != null) {
                ctx.store().writeConfig(def);
                Impact.setPersistent(dom, def);
            }
        } finally {
            dom.endJob();
        }
    }

    public void attach(DomainObj dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        DeviceXml dev = DeviceXmls.parse(xml);
        if (dev instanceof NetInterfaceXml nic) {
            DeviceXmls.fillNicDefaults(nic); // one MAC for both the live and the persistent copy
        }
        modify(dom, "attach device", flags, def -> {
            switch (dev) {
                case DiskXml d -> {
                    if (DeviceXmls.diskByTarget(def, d.targetDev()) != null) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                                "target %s already exists", d.targetDev());
                    }
                }
                case NetInterfaceXml n -> { }
                case HostdevXml h -> {
                    if (HostdevFind.in(def, h) != null) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                                "device is already in the domain configuration");
                    }
                }
                default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "persistent attach of device '%s' is not supported", dev.deviceKind());
            }
            DeviceXml copy = DeviceXmls.add(def, dev);
            copy.alias(null);
        }, () -> {
            DomainRun run = dom.requireRun();
            DeviceXml live = DeviceXmls.parse(dev.toXml()); // the config copy keeps no alias or tap
            switch (live) {
                case DiskXml d -> {
                    org.jvirt.driver.qemu.lifecycle.VolumeDisks.resolve(d, ctx.hostDrivers().uri("storage"));
                    DiskHotplug.attach(ctx, dom, run, d);
                }
                case NetInterfaceXml n -> NicHotplug.attach(ctx, dom, run, n);
                case HostdevXml h -> HostdevHotplug.attach(ctx, dom, run, h);
                default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "live attach of device '%s' is not supported", dev.deviceKind());
            }
        });
    }

    public void detach(DomainObj dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        DeviceXml want = DeviceXmls.parse(xml);
        modify(dom, "detach device", flags, def -> {
            def.devices().remove(findToDetach(def, want, false));
        }, () -> {
            DomainRun run = dom.requireRun();
            DeviceXml dev;
            synchronized (dom) {
                dev = findToDetach(run.liveDef(), want, true);
            }
            if (dev instanceof DiskXml d) {
                DiskHotplug.checkUnpluggable(d);
            }
            Unplug.detach(ctx, dom, run, dev);
        });
    }

    /**
     * virDomainDetachDeviceAlias: asks for the removal and returns; DEVICE_DELETED finishes it (libvirt's
     * asynchronous detach).
     */
    public void detachAlias(DomainObj dom, String alias, Set<DomainDeviceModifyFlag> flags) {
        modify(dom, "detach device", flags, def -> {
            def.devices().remove(requireAlias(def, alias));
        }, () -> {
            DomainRun run = dom.requireRun();
            DeviceXml dev;
            synchronized (dom) {
                dev = requireAlias(run.liveDef(), alias);
            }
            switch (dev) {
                case DiskXml d -> DiskHotplug.checkUnpluggable(d);
                case NetInterfaceXml n -> { }
                case HostdevXml h -> { }
                default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "live detach of device '%s' is not supported", dev.deviceKind());
            }
            Unplug.request(run.process().monitor(), alias, java.time.Duration.ZERO);
        });
    }

    /** virDomainUpdateDeviceFlags: a disk's definition and medium; a NIC's link state. */
    public void update(DomainObj dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        DeviceXml want = DeviceXmls.parse(xml);
        modify(dom, "update device", flags, def -> {
            if (want instanceof NetInterfaceXml n) {
                LinkStates.updateConfig(def, n);
                return;
            }
            if (!(want instanceof DiskXml d)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "persistent update of device '%s' is not supported", want.deviceKind());
            }
            DiskXml old = DeviceXmls.diskByTarget(def, d.targetDev());
            if (old == null) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "target %s doesn't exist.",
                        d.targetDev());
            }
            org.w3c.dom.Node copy = def.element().getOwnerDocument().importNode(d.element(), true);
            old.element().getParentNode().replaceChild(copy, old.element());
        }, () -> {
            if (want instanceof NetInterfaceXml n) {
                LinkStates.updateLive(ctx, dom, dom.requireRun(), n);
                return;
            }
            if (!(want instanceof DiskXml d)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                        "live update of device '%s' is not supported", want.deviceKind());
            }
            MediaChange.updateLive(ctx, dom, dom.requireRun(), d, flags.contains(DomainDeviceModifyFlag.FORCE));
        });
    }

    /**
     * The device of {@code xml} that a detach request names: a disk by its target, a NIC as libvirt matches it.
     * The messages are libvirt's, which words the persistent and the live case differently.
     */
    private static DeviceXml findToDetach(DomainXml xml, DeviceXml want, boolean live) {
        return switch (want) {
            case DiskXml d -> {
                DiskXml found = DeviceXmls.diskByTarget(xml, d.targetDev());
                if (found == null) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.DEVICE_MISSING,
                            live ? "disk %s not found" : "no target device %s", d.targetDev());
                }
                yield found;
            }
            case NetInterfaceXml n -> DeviceXmls.findNic(xml, n);
            case HostdevXml h -> {
                HostdevXml found = HostdevFind.in(xml, h);
                if (found == null) {
                    throw live ? HostdevFind.missing(h) : VirtException.of(ErrorDomain.QEMU,
                            ErrorNumber.DEVICE_MISSING, "device not present in domain configuration");
                }
                yield found;
            }
            default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "%s detach of device '%s' is not supported", live ? "live" : "persistent", want.deviceKind());
        };
    }

    private static DeviceXml requireAlias(DomainXml def, String alias) {
        DeviceXml d = DeviceXmls.byAlias(def, alias);
        if (d == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "no device found with alias %s",
                    alias);
        }
        return d;
    }
}
