package org.jvirt.driver.qemu.device;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.event.DomainEvent;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.w3c.dom.Element;

/**
 * Ejectable media (libvirt's qemuDomainChangeEjectableMedia on -blockdev): open the tray, take the medium
 * out, drop its block nodes, add the new image's and insert it, close the tray. The tray's state follows
 * QEMU's DEVICE_TRAY_MOVED: the live XML shows {@code tray='open'} on the target while it is open, and the
 * clients get a TRAY_CHANGE event.
 */
public final class MediaChange {

    /** libvirt's CHANGE_MEDIA_TIMEOUT: how long the guest may take to let the tray open. */
    static final Duration TRAY_TIMEOUT = Duration.ofSeconds(5);
    /** virDomainEventTrayChangeReason. */
    static final int TRAY_OPEN = 0;
    static final int TRAY_CLOSE = 1;

    private MediaChange() {
    }

    /** updateDevice of a disk on the running guest; only the medium of a cdrom or floppy may change. */
    static void updateLive(DriverContext ctx, DomainObj dom, DomainRun run, DiskXml want, boolean force) {
        DiskXml orig;
        synchronized (dom) {
            orig = DeviceXmls.diskByTarget(run.liveDef(), want.targetDev());
        }
        if (orig == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "disk '%s' not found",
                    want.targetDev());
        }
        String device = orig.device() == null ? "disk" : orig.device();
        if (!device.equals(want.device() == null ? "disk" : want.device())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "cannot modify field '%s' of the disk", "device");
        }
        if (want.targetBus() != null && orig.targetBus() != null && !want.targetBus().equals(orig.targetBus())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "cannot modify field '%s' of the disk", "bus");
        }
        String oldPath = path(orig.source());
        String newPath = path(want.source());
        if (Objects.equals(oldPath, newPath)) {
            return; // nothing the running guest sees changes
        }
        if (!device.equals("cdrom") && !device.equals("floppy")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "disk source can be changed only in removable drives");
        }
        String id = orig.alias();
        QmpMonitor mon = run.process().monitor();
        if (!trayOpen(orig)) {
            openTray(mon, id, orig.targetDev(), force);
        }
        mon.execute("blockdev-remove-medium", QemuJson.mapper().createObjectNode().put("id", id));
        if (oldPath != null) {
            DiskHotplug.releaseBackend(mon, id);
        }
        if (newPath != null) {
            DiskHotplug.addBackend(mon, want, id, ctx.conf().nbdTls());
            try {
                mon.execute("blockdev-insert-medium", QemuJson.mapper().createObjectNode().put("id", id)
                        .put("node-name", "fmt-" + id));
            } catch (RuntimeException e) {
                DiskHotplug.releaseBackend(mon, id);
                throw e;
            }
        }
        synchronized (dom) {
            orig.source(want.source());
            if (want.driver() != null) {
                orig.driver(want.driver());
            }
        }
        // libvirt closes the tray after every change, an eject included
        mon.execute("blockdev-close-tray", QemuJson.mapper().createObjectNode().put("id", id));
        ctx.writeStatus(dom);
    }

    /** Opens the tray; without force, waits until the guest let it open (it may hold it locked). */
    private static void openTray(QmpMonitor mon, String id, String target, boolean force) {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        try (AutoCloseable reg = mon.addListener(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent e) {
                if (e.name().equals("DEVICE_TRAY_MOVED") && id.equals(e.text("id"))
                        && e.data().path("tray-open").asBoolean()) {
                    opened.complete(null);
                }
            }

            @Override
            public void onClose(VirtException cause) {
                opened.completeExceptionally(cause);
            }
        })) {
            mon.execute("blockdev-open-tray", QemuJson.mapper().createObjectNode().put("id", id).put("force", force));
            if (!force) {
                opened.get(TRAY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                    "timed out waiting to open tray of '%s'", target);
        } catch (VirtException e) {
            throw e;
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "cannot open tray of '%s': %s",
                    target, e.getMessage());
        }
    }

    /**
     * QEMU's DEVICE_TRAY_MOVED (the driver's own change, or the guest ejecting): the tray state goes into the
     * live XML and out as TRAY_CHANGE. Runs on the monitor's event thread; no QMP here.
     */
    public static void onTrayMoved(DriverContext ctx, DomainObj dom, DomainRun run, QmpEvent e) {
        String id = e.text("id");
        boolean open = e.data().path("tray-open").asBoolean();
        DiskXml disk = null;
        synchronized (dom) {
            if (dom.run() != run || id == null) {
                return;
            }
            for (DiskXml d : run.liveDef().devices().disks()) {
                if (id.equals(d.alias()) || id.equals("/machine/peripheral/" + d.alias())) {
                    disk = d;
                }
            }
            if (disk == null) {
                return;
            }
            Element target = target(disk);
            if (target != null) {
                if (open) {
                    target.setAttribute("tray", "open");
                } else {
                    target.removeAttribute("tray");
                }
            }
        }
        try {
            ctx.writeStatus(dom);
        } catch (RuntimeException ex) {
            System.getLogger(MediaChange.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write status of " + dom.name() + ": " + ex.getMessage());
        }
        ctx.events().emit(dom.ref(), new DomainEvent.TrayChange(disk.alias(), open ? TRAY_OPEN : TRAY_CLOSE));
    }

    static boolean trayOpen(DiskXml disk) {
        Element t = target(disk);
        return t != null && "open".equals(t.getAttribute("tray"));
    }

    private static Element target(DiskXml disk) {
        for (org.w3c.dom.Node n = disk.element().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && el.getTagName().equals("target")) {
                return el;
            }
        }
        return null;
    }

    private static String path(DiskSource s) {
        return switch (s) {
            case DiskSource.File f -> f.path();
            case DiskSource.Block b -> b.dev();
            default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "disk type '%s' cannot change media", s.diskType());
        };
    }
}
