package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.DiskProps;
import org.jvirt.driver.qemu.command.IothreadArgs;
import org.jvirt.driver.qemu.command.NbdTls;
import org.jvirt.driver.qemu.command.Props;
import org.jvirt.driver.qemu.command.SecretArgs;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;

/**
 * Disk hot-plug on the virtio bus: the image goes in with {@code blockdev-add} (a protocol node and a format
 * node, named after the device's alias as the command line names them), the device with {@code device_add};
 * both sets of properties come from the command line's own builder (DiskProps), so every tunable (cache,
 * discard, detect_zeroes, io, error policies, serial, blockio, ...) is the same as at a cold start.
 */
final class DiskHotplug {

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
        // the same properties as a cold start builds: the two cannot drift apart
        ObjectNode dev = DiskProps.device(disk, "virtio-blk-pci", Props.of(), alias, null,
                IothreadArgs.ids(run.liveDef()), true).toJson();
        NbdTls tls = ctx.conf().nbdTls();
        org.jvirt.driver.qemu.secret.QmpSecrets.around(mon, SecretArgs.of(disk, alias, tls),
                ctx.hostDrivers().uri("secret"), () -> addBackend(mon, disk, alias, tls));
        try {
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

    /**
     * The block nodes of an image, as the command line builds them: the TLS credentials of a disk that uses
     * them, file-ALIAS (protocol), then fmt-ALIAS (format) on it. A failed step takes the earlier ones back.
     */
    static void addBackend(QmpMonitor mon, DiskXml disk, String alias, NbdTls tls) {
        String local = disk.source() instanceof DiskSource.File f ? f.path()
                : disk.source() instanceof DiskSource.Block b ? b.dev() : null;
        if (local != null && !Files.exists(Path.of(local))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Cannot access storage file '%s': No such file or directory", local);
        }
        List<Props> nodes = DiskProps.backend(disk, alias, tls);
        boolean creds = tls.on(disk);
        if (creds) {
            mon.execute("object-add", tls.credentials(DiskProps.storageNode(alias)).toJson());
        }
        try {
            mon.execute("blockdev-add", nodes.get(0).toJson());
            try {
                mon.execute("blockdev-add", nodes.get(1).toJson());
            } catch (RuntimeException e) {
                Unplug.quietly(mon, "blockdev-del", "node-name", DiskProps.storageNode(alias));
                throw e;
            }
        } catch (RuntimeException e) {
            if (creds) {
                Unplug.quietly(mon, "object-del", "id", NbdTls.objectId(DiskProps.storageNode(alias)));
            }
            throw e;
        }
    }

    /** Drops the block nodes; QEMU may have dropped the auto-created protocol node itself. */
    static void releaseBackend(QmpMonitor mon, String alias) {
        Unplug.quietly(mon, "blockdev-del", "node-name", "fmt-" + alias);
        Unplug.quietly(mon, "blockdev-del", "node-name", "file-" + alias);
        org.jvirt.driver.qemu.blockjob.CopyNodes.release(mon, alias); // a block copy pivoted onto these
        org.jvirt.driver.qemu.secret.QmpSecrets.release(mon, List.of(NbdTls.objectId(DiskProps.storageNode(alias))));
        org.jvirt.driver.qemu.secret.QmpSecrets.release(mon, SecretArgs.possibleIds(alias));
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
