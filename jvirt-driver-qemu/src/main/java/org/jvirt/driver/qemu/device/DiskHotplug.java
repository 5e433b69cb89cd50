package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;

/**
 * Disk hot-plug on the virtio bus: the image goes in with {@code blockdev-add} (a protocol node and a format
 * node, named after the device's alias as the command line names them), the device with {@code device_add}.
 */
final class DiskHotplug {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiskHotplug() {
    }

    static void attach(DriverContext ctx, DomainObj dom, DomainRun run, DiskXml disk) {
        String bus = disk.targetBus() != null ? disk.targetBus() : disk.targetDev().startsWith("vd") ? "virtio" : "";
        if (!bus.equals("virtio") || "cdrom".equals(disk.device())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "disk bus '%s' cannot be hotplugged.", bus);
        }
        if (DeviceXmls.diskByTarget(run.liveDef(), disk.targetDev()) != null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "target %s already exists",
                    disk.targetDev());
        }
        String alias = "virtio-disk" + index(disk.targetDev());
        QmpMonitor mon = run.process().monitor();
        addBackend(mon, disk, alias);
        try {
            ObjectNode dev = JSON.createObjectNode().put("driver", "virtio-blk-pci").put("id", alias)
                    .put("drive", "fmt-" + alias);
            if (disk.serial() != null) {
                dev.put("serial", disk.serial());
            }
            disk.alias(alias);
            PciPlug.plug(mon, run.liveDef(), disk, dev);
        } catch (RuntimeException e) {
            releaseBackend(mon, alias);
            throw e;
        }
        synchronized (dom) {
            DeviceXmls.add(run.liveDef(), disk);
        }
        ctx.writeStatus(dom);
    }

    /** The block nodes of a file-backed image: file-ALIAS (protocol) under fmt-ALIAS (format). */
    static void addBackend(QmpMonitor mon, DiskXml disk, String alias) {
        if (!(disk.source() instanceof DiskSource.File f) || f.path() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "only file-backed disks can be hotplugged so far");
        }
        if (!Files.exists(Path.of(f.path()))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Cannot access storage file '%s': No such file or directory", f.path());
        }
        String format = disk.driver() != null && disk.driver().type() != null ? disk.driver().type() : "raw";
        boolean readOnly = disk.readonly() || "cdrom".equals(disk.device());
        ObjectNode file = JSON.createObjectNode().put("driver", "file").put("filename", f.path())
                .put("node-name", "file-" + alias).put("auto-read-only", true);
        ObjectNode fmt = JSON.createObjectNode().put("driver", format).put("node-name", "fmt-" + alias)
                .put("read-only", readOnly);
        fmt.set("file", file);
        mon.execute("blockdev-add", fmt);
    }

    /** Drops the block nodes; QEMU may have dropped the auto-created protocol node itself. */
    static void releaseBackend(QmpMonitor mon, String alias) {
        Unplug.quietly(mon, "blockdev-del", "node-name", "fmt-" + alias);
        Unplug.quietly(mon, "blockdev-del", "node-name", "file-" + alias);
    }

    /** Only virtio disks were plugged in a way that can be unplugged. */
    static void checkUnpluggable(DiskXml disk) {
        String alias = disk.alias();
        if (alias == null || !alias.startsWith("virtio-disk")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                    "This type of disk cannot be hot unplugged");
        }
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
