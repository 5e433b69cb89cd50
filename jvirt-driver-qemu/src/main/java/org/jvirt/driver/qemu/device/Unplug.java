package org.jvirt.driver.qemu.device;

import java.time.Duration;
import java.util.List;
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
import org.jvirt.driver.qemu.monitor.QmpCommandException;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.event.DomainEvent;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.driver.qemu.hostdev.HostdevPrepare;
import org.jvirt.driver.qemu.hostdev.HostdevSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.HostdevXml;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * The unplug hand-shake (libvirt's qemuDomainDeleteDevice + qemuDomainWaitForDeviceRemoval): {@code device_del}
 * asks the guest, and the device is gone only when QEMU reports DEVICE_DELETED. A detach waits a short while
 * for it; when the guest is slower the call returns with the device still listed, and the event, whenever it
 * comes, finishes the removal (backends, host tap, a host device given back to its host driver, live XML,
 * DEVICE_REMOVED event), as libvirt does.
 */
public final class Unplug {

    /** libvirt's QEMU_UNPLUG_TIMEOUT. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Unplug() {
    }

    /**
     * Sends device_del and waits up to {@code timeout} for DEVICE_DELETED.
     *
     * @return true if the device is gone, false if the guest has not let go yet
     */
    static boolean request(QmpMonitor mon, String alias, Duration timeout) {
        CompletableFuture<Void> deleted = new CompletableFuture<>();
        try (AutoCloseable reg = mon.addListener(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent e) {
                if (e.name().equals("DEVICE_DELETED") && alias.equals(e.text("device"))) {
                    deleted.complete(null);
                }
            }

            @Override
            public void onClose(VirtException cause) {
                deleted.completeExceptionally(cause);
            }
        })) {
            mon.execute("device_del", QemuJson.mapper().createObjectNode().put("id", alias));
            deleted.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (VirtException e) {
            throw e;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof VirtException v ? v
                    : VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "unplug of %s failed: %s",
                            alias, e.getCause());
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "unplug of %s failed: %s", alias,
                    e.getMessage());
        }
    }

    /** Detaches a device of the live XML: device_del, a short wait, and the removal if the guest let go. */
    static void detach(DriverContext ctx, DomainObj dom, DomainRun run, DeviceXml dev) {
        String alias = dev.alias();
        if (request(run.process().monitor(), alias, TIMEOUT)) {
            finish(ctx, dom, run, alias);
        }
    }

    /**
     * After DEVICE_DELETED: releases the device's backends (block nodes; netdev and tap), drops it from the live
     * XML and tells the clients. The caller holds the job. A device no longer listed was already finished.
     */
    static void finish(DriverContext ctx, DomainObj dom, DomainRun run, String alias) {
        DeviceXml dev;
        synchronized (dom) {
            dev = DeviceXmls.byAlias(run.liveDef(), alias);
        }
        if (dev == null) {
            return;
        }
        QmpMonitor mon = run.process().monitor();
        switch (dev) {
            case DiskXml d -> DiskHotplug.releaseBackend(mon, alias);
            case NetInterfaceXml n -> {
                NicHotplug.releaseBackend(ctx, mon, n);
                NetworkPortPlug.release(ctx.networkUri(), n);
            }
            case HostdevXml h -> HostdevPrepare.host().release(List.of(HostdevSource.of(h)),
                    ctx.hostDrivers().uri("nodedev"));
            default -> {
            }
        }
        synchronized (dom) {
            run.liveDef().devices().remove(dev);
        }
        ctx.writeStatus(dom);
        ctx.events().emit(dom.ref(), new DomainEvent.DeviceRemoved(alias));
    }

    /**
     * QEMU's DEVICE_DELETED, from the monitor's event thread: a removal no detach call finished (the guest was
     * slower than the call's wait) is finished here, under the domain's job, on a thread of its own.
     */
    public static void onDeviceDeleted(DriverContext ctx, DomainObj dom, DomainRun run, String alias) {
        if (alias == null) {
            return; // a device's inner part (virtio backends have no id)
        }
        Thread.ofVirtual().name("device-deleted-" + alias).start(() -> {
            try {
                dom.beginJob("device removal");
            } catch (VirtException e) {
                log("cannot finish removal of " + alias + " from " + dom.name() + ": " + e.getMessage());
                return;
            }
            try {
                // the alias may name a newer device by now (a detach finished, and an attach took the alias)
                if (dom.run() == run && !stillThere(run.process().monitor(), alias)) {
                    finish(ctx, dom, run, alias);
                }
            } catch (RuntimeException e) {
                log("removal of " + alias + " from " + dom.name() + " failed: " + e.getMessage());
            } finally {
                dom.endJob();
            }
        });
    }

    /** Whether QEMU still has a device of this id. */
    static boolean stillThere(QmpMonitor mon, String alias) {
        for (com.fasterxml.jackson.databind.JsonNode p : mon.execute("qom-list",
                QemuJson.mapper().createObjectNode().put("path", "/machine/peripheral"))) {
            if (alias.equals(p.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Runs a cleanup command whose failure must not stop the rest (the device itself is gone already). */
    static void quietly(QmpMonitor mon, String command, String key, String value) {
        try {
            mon.execute(command, QemuJson.mapper().createObjectNode().put(key, value));
        } catch (QmpCommandException e) {
            log(command + " " + value + ": " + e.description());
        }
    }

    private static void log(String msg) {
        System.getLogger(Unplug.class.getName()).log(System.Logger.Level.WARNING, msg);
    }
}
