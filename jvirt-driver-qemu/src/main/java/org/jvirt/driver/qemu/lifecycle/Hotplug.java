package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpCommandException;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * Disk hot-plug (virDomainAttachDeviceFlags / DetachDeviceFlags for {@code <disk>} on the virtio bus): the
 * image goes in with {@code blockdev-add}, the device with {@code device_add}; detaching asks the guest with
 * {@code device_del} and waits for QEMU's DEVICE_DELETED (the guest must let go first), then removes the
 * block nodes. The persistent config changes with CONFIG, the live XML with LIVE, as libvirt does.
 */
public final class Hotplug {

    /** How long a detach waits for the guest to release the device. */
    public static final Duration UNPLUG_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DriverContext ctx;

    public Hotplug(DriverContext ctx) {
        this.ctx = ctx;
    }

    /** Parses one device element; only disks are supported so far. */
    static DiskXml parseDisk(String xml) {
        DomainXml wrap = DomainXml.parse("<domain><name>hotplug</name><devices>" + xml + "</devices></domain>");
        List<DeviceXml> all = wrap.devices().all();
        if (all.size() != 1) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "expected exactly one device element");
        }
        if (!(all.get(0) instanceof DiskXml d)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "live attach of device '%s' is not supported", all.get(0).deviceKind());
        }
        if (d.targetDev() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "missing disk target");
        }
        return d;
    }

    private static boolean live(DomainObj dom, Set<DomainDeviceModifyFlag> flags) {
        boolean live = flags.contains(DomainDeviceModifyFlag.LIVE);
        boolean config = flags.contains(DomainDeviceModifyFlag.CONFIG);
        if (!live && !config) {
            return dom.isActive(); // CURRENT
        }
        if (live && !dom.isActive()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "domain is not running");
        }
        return live;
    }

    private static boolean config(DomainObj dom, Set<DomainDeviceModifyFlag> flags) {
        boolean config = flags.contains(DomainDeviceModifyFlag.CONFIG);
        if (!flags.contains(DomainDeviceModifyFlag.LIVE) && !config) {
            return !dom.isActive();
        }
        if (config && !dom.persistent()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "cannot modify device on transient domain");
        }
        return config;
    }

    public void attach(DomainObj dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        DiskXml disk = parseDisk(xml);
        dom.beginJob("attach device");
        try {
            boolean live = live(dom, flags);
            boolean config = config(dom, flags);
            if (config) {
                DomainXml def = DomainXml.parse(persistentDef(dom).toXml());
                checkFreeTarget(def, disk.targetDev());
                append(def, disk);
                ctx.store().writeConfig(def);
                setPersistent(dom, def);
            }
            if (live) {
                attachLive(dom, dom.requireRun(), disk);
            }
        } finally {
            dom.endJob();
        }
    }

    public void detach(DomainObj dom, String xml, Set<DomainDeviceModifyFlag> flags) {
        DiskXml want = parseDisk(xml);
        dom.beginJob("detach device");
        try {
            boolean live = live(dom, flags);
            boolean config = config(dom, flags);
            if (config) {
                DomainXml def = DomainXml.parse(persistentDef(dom).toXml());
                def.devices().remove(find(def, want.targetDev()));
                ctx.store().writeConfig(def);
                setPersistent(dom, def);
            }
            if (live) {
                detachLive(dom, dom.requireRun(), want.targetDev());
            }
        } finally {
            dom.endJob();
        }
    }

    private static DomainXml persistentDef(DomainObj dom) {
        return dom.newDef() != null ? dom.newDef() : dom.def();
    }

    private static void setPersistent(DomainObj dom, DomainXml def) {
        synchronized (dom) {
            if (dom.isActive()) {
                dom.newDef(def);
            } else {
                dom.def(def);
            }
        }
    }

    private static void checkFreeTarget(DomainXml def, String target) {
        for (DiskXml d : def.devices().disks()) {
            if (target.equals(d.targetDev())) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "target %s already exists",
                        target);
            }
        }
    }

    private static DiskXml find(DomainXml def, String target) {
        for (DiskXml d : def.devices().disks()) {
            if (target.equals(d.targetDev())) {
                return d;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.DEVICE_MISSING, "disk %s not found", target);
    }

    private static DiskXml append(DomainXml def, DiskXml disk) {
        Element copy = (Element) def.element().getOwnerDocument().importNode(disk.element(), true);
        def.devices().element().appendChild(copy);
        return find(def, disk.targetDev());
    }

    private void attachLive(DomainObj dom, DomainRun run, DiskXml disk) {
        String bus = disk.targetBus() != null ? disk.targetBus() : disk.targetDev().startsWith("vd") ? "virtio" : "";
        if (!bus.equals("virtio")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "disk bus '%s' cannot be hotplugged.", bus);
        }
        if (!(disk.source() instanceof DiskSource.File f) || f.path() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "only file-backed disks can be hotplugged so far");
        }
        if (!Files.exists(Path.of(f.path()))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Cannot access storage file '%s': No such file or directory", f.path());
        }
        checkFreeTarget(run.liveDef(), disk.targetDev());
        String alias = "virtio-disk" + index(disk.targetDev());
        String format = disk.driver() != null && disk.driver().type() != null ? disk.driver().type() : "raw";
        QmpMonitor mon = run.process().monitor();
        ObjectNode file = JSON.createObjectNode().put("driver", "file").put("filename", f.path())
                .put("node-name", "file-" + alias);
        ObjectNode fmt = JSON.createObjectNode().put("driver", format).put("node-name", "fmt-" + alias)
                .put("read-only", disk.readonly());
        fmt.set("file", file);
        mon.execute("blockdev-add", fmt);
        try {
            ObjectNode dev = JSON.createObjectNode().put("driver", "virtio-blk-pci").put("id", alias)
                    .put("drive", "fmt-" + alias);
            if (disk.serial() != null) {
                dev.put("serial", disk.serial());
            }
            String machine = run.liveDef().os().machine();
            if (machine != null && machine.contains("q35")) {
                plugIntoFreeRootPort(mon, dev);
            } else {
                mon.execute("device_add", dev); // pc: ACPI hot-plug on pci.0, QEMU picks the slot
            }
        } catch (RuntimeException e) {
            mon.execute("blockdev-del", JSON.createObjectNode().put("node-name", "fmt-" + alias));
            throw e;
        }
        synchronized (dom) {
            DiskXml added = append(run.liveDef(), disk);
            added.alias(alias);
        }
        ctx.writeStatus(dom);
    }

    private void detachLive(DomainObj dom, DomainRun run, String target) {
        DiskXml disk = find(run.liveDef(), target);
        String alias = disk.alias();
        if (alias == null || !alias.startsWith("virtio-disk")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "This type of disk cannot be hot unplugged");
        }
        QmpMonitor mon = run.process().monitor();
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
            mon.execute("device_del", JSON.createObjectNode().put("id", alias));
            deleted.get(UNPLUG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT,
                    "detach of disk %s timed out: the guest did not release it", target);
        } catch (VirtException e) {
            throw e;
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "detach of disk %s failed: %s",
                    target, e.getMessage());
        }
        try {
            mon.execute("blockdev-del", JSON.createObjectNode().put("node-name", "fmt-" + alias));
            mon.execute("blockdev-del", JSON.createObjectNode().put("node-name", "file-" + alias));
        } catch (QmpCommandException e) {
            // QEMU may have dropped auto-created nodes itself; the device is gone, which is what was asked
        }
        synchronized (dom) {
            run.liveDef().devices().remove(find(run.liveDef(), target));
        }
        ctx.writeStatus(dom);
    }

    /**
     * q35 cannot hot-plug onto pcie.0: the command builder leaves spare root ports (pci.N); the first one QEMU
     * accepts the device on is free.
     */
    private static void plugIntoFreeRootPort(QmpMonitor mon, ObjectNode dev) {
        QmpCommandException last = null;
        for (int n = 1; n <= 32; n++) {
            dev.put("bus", "pci." + n);
            try {
                mon.execute("device_add", dev);
                return;
            } catch (QmpCommandException e) {
                last = e;
            }
        }
        throw last;
    }

    /** vda -> 0, vdb -> 1, ..., vdaa -> 26 (libvirt's virDiskNameToIndex). */
    static int index(String dev) {
        String letters = dev.replaceFirst("^(vd|sd|hd|xvd)", "");
        int idx = 0;
        for (char c : letters.toCharArray()) {
            if (c < 'a' || c > 'z') {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "invalid disk target '%s'", dev);
            }
            idx = idx * 26 + (c - 'a' + 1);
        }
        return idx - 1;
    }
}
