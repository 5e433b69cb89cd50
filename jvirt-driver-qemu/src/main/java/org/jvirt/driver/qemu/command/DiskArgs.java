package org.jvirt.driver.qemu.command;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.xml.domain.ControllerXml;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;

/** Disks: a {@code -blockdev} pair (protocol node, format node) and a {@code -device} per disk. */
final class DiskArgs {

    private static final Set<String> FORMATS = Set.of("raw", "qcow2", "qed", "vmdk", "vdi", "vpc", "vhdx");

    private DiskArgs() {
    }

    static void add(BuildContext ctx, Map<DiskXml, Integer> bootIndex) {
        List<DiskXml> disks = ctx.def.devices().disks();
        Set<String> targets = new HashSet<>();
        boolean needSata = false;
        boolean needScsi = false;
        for (DiskXml d : disks) {
            String dev = d.targetDev();
            if (dev == null) {
                throw BuildContext.unsupported("disk without <target dev=...>");
            }
            if (!targets.add(dev)) {
                throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.XML_ERROR,
                        "target '%s' duplicated for disk sources", dev);
            }
            String bus = bus(d);
            needSata |= bus.equals("sata");
            needScsi |= bus.equals("scsi");
        }
        if (needSata && !ctx.q35) {
            ctx.requireDevice("ich9-ahci", "a SATA disk");
            ctx.device(QemuOpts.of("ich9-ahci").add("id", "sata0").add("bus", ctx.pcieBus()));
        }
        String scsiModel = needScsi ? scsiController(ctx) : null;
        for (DiskXml d : disks) {
            disk(ctx, d, scsiModel, bootIndex.get(d));
        }
    }

    /** The bus of a disk: as written, else from the target's prefix, as libvirt guesses it. */
    static String bus(DiskXml d) {
        String bus = d.targetBus();
        if (bus != null) {
            return bus;
        }
        String dev = d.targetDev();
        if (dev.startsWith("vd")) {
            return "virtio";
        }
        if (dev.startsWith("sd")) {
            return "scsi";
        }
        if (dev.startsWith("hd")) {
            return "ide";
        }
        if (dev.startsWith("fd")) {
            return "fdc";
        }
        return "ide";
    }

    /** vda -> 0, vdz -> 25, vdaa -> 26, as libvirt's virDiskNameToIndex. */
    static int index(String dev) {
        int idx = 0;
        String suffix = dev.length() > 2 ? dev.substring(2) : "";
        if (suffix.isEmpty() || !suffix.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.XML_ERROR,
                    "Unknown disk name '%s' and no address specified", dev);
        }
        for (char c : suffix.toCharArray()) {
            idx = idx * 26 + (c - 'a' + 1);
        }
        return idx - 1;
    }

    private static String scsiController(BuildContext ctx) {
        String model = null;
        for (ControllerXml c : ctx.def.devices().controllers()) {
            if ("scsi".equals(c.type()) && (c.index() == null || c.index() == 0)) {
                model = c.model();
            }
        }
        if (model == null) {
            // libvirt's default where QEMU has the LSI adapter
            model = ctx.caps.hasDevice("lsi53c895a") ? "lsilogic" : "virtio-scsi";
        }
        switch (model) {
            case "virtio-scsi" -> {
                ctx.requireDevice("virtio-scsi-pci", "a virtio-scsi controller");
                ctx.device(QemuOpts.of("virtio-scsi-pci").add("id", "scsi0").add("bus", ctx.pcieBus()));
            }
            case "lsilogic" -> {
                ctx.requireDevice("lsi53c895a", "an lsilogic SCSI controller");
                ctx.device(QemuOpts.of("lsi").add("id", "scsi0").add("bus", ctx.q35 ? "pcie.0" : null));
            }
            default -> throw BuildContext.unsupported("Unsupported controller model: %s", model);
        }
        return model;
    }

    private static void disk(BuildContext ctx, DiskXml d, String scsiModel, Integer bootindex) {
        String device = d.device() == null ? "disk" : d.device();
        if (!device.equals("disk") && !device.equals("cdrom")) {
            throw BuildContext.unsupported("disk device '%s' is not supported", device);
        }
        boolean cdrom = device.equals("cdrom");
        String bus = bus(d);
        int idx = index(d.targetDev());
        String alias;
        QemuOpts dev;
        switch (bus) {
            case "virtio" -> {
                if (cdrom) {
                    throw BuildContext.unsupported("disk type of '%s' does not support ejectable media",
                            d.targetDev());
                }
                ctx.requireDevice("virtio-blk-pci", "a virtio disk");
                alias = "virtio-disk" + idx;
                dev = QemuOpts.of("virtio-blk-pci").add("bus", ctx.pcieBus());
            }
            case "ide" -> {
                if (ctx.q35) {
                    throw BuildContext.unsupported("IDE controllers are unsupported for this QEMU binary or machine type");
                }
                if (idx > 3) {
                    throw BuildContext.unsupported("IDE disk '%s': only hda to hdd exist", d.targetDev());
                }
                alias = "ide0-" + idx / 2 + "-" + idx % 2;
                dev = QemuOpts.of(cdrom ? "ide-cd" : "ide-hd").add("bus", "ide." + idx / 2).add("unit", idx % 2);
            }
            case "sata" -> {
                if (idx > 5) {
                    throw BuildContext.unsupported("SATA disk '%s': a controller has six ports", d.targetDev());
                }
                alias = "sata0-0-" + idx;
                dev = QemuOpts.of(cdrom ? "ide-cd" : "ide-hd").add("bus", (ctx.q35 ? "ide." : "sata0.") + idx);
            }
            case "scsi" -> {
                alias = "scsi0-0-0-" + idx;
                dev = QemuOpts.of(cdrom ? "scsi-cd" : "scsi-hd");
                if ("virtio-scsi".equals(scsiModel)) {
                    dev.add("bus", "scsi0.0").add("channel", 0).add("scsi-id", 0).add("lun", idx);
                } else {
                    if (idx > 6) {
                        throw BuildContext.unsupported("SCSI disk '%s': lsilogic has 7 targets", d.targetDev());
                    }
                    dev.add("bus", "scsi0.0").add("scsi-id", idx);
                }
            }
            default -> throw BuildContext.unsupported("disk bus '%s' is not supported", bus);
        }
        String format = null;
        String path = switch (d.source()) {
            case DiskSource.File f -> f.path();
            case DiskSource.Block b -> b.dev();
            case DiskSource.Network n -> throw BuildContext.unsupported("network disk sources (%s) are not supported yet",
                    n.protocol());
            case DiskSource.Volume v -> throw BuildContext.unsupported(
                    "disk source type 'volume' must be resolved by the storage driver first (pool '%s')", v.pool());
            default -> throw BuildContext.unsupported("disk type '%s' is not supported", d.source().diskType());
        };
        boolean block = d.source() instanceof DiskSource.Block;
        var drv = d.driver();
        String cache = drv == null ? null : drv.cache();
        if (path != null) {
            format = drv == null || drv.type() == null ? "raw" : drv.type();
            if (!FORMATS.contains(format)) {
                throw BuildContext.unsupported("unknown driver format value '%s'", format);
            }
            if (drv != null && drv.name() != null && !drv.name().equals("qemu")) {
                throw BuildContext.unsupported("unsupported driver name '%s' for disk '%s'", drv.name(),
                        d.targetDev());
            }
            boolean readOnly = cdrom || d.readonly();
            QemuOpts file = QemuOpts.empty()
                    .add("driver", block ? (cdrom ? "host_cdrom" : "host_device") : "file")
                    .add("filename", path)
                    .add("node-name", "file-" + alias)
                    .add("auto-read-only", true)
                    .add("discard", "unmap");
            QemuOpts fmt = QemuOpts.empty()
                    .add("node-name", "fmt-" + alias)
                    .add("read-only", readOnly)
                    .add("driver", format)
                    .add("file", "file-" + alias);
            cacheOpts(cache, file, fmt);
            ctx.arg("-blockdev", file.toString());
            ctx.arg("-blockdev", fmt.toString());
            dev.add("drive", "fmt-" + alias);
        } else if (!cdrom) {
            throw BuildContext.unsupported("disk '%s' has no source", d.targetDev());
        }
        dev.add("id", alias);
        d.alias(alias);
        if (bootindex != null) {
            dev.add("bootindex", bootindex);
        }
        if (d.serial() != null) {
            dev.add("serial", d.serial());
        }
        if (cache != null && (cache.equals("writethrough") || cache.equals("directsync"))) {
            dev.add("write-cache", false);
        }
        ctx.device(dev);
    }

    /** libvirt's cache modes as QEMU's cache.direct / cache.no-flush (write-cache goes on the device). */
    private static void cacheOpts(String cache, QemuOpts file, QemuOpts fmt) {
        if (cache == null || cache.equals("default") || cache.equals("writeback") || cache.equals("writethrough")) {
            return;
        }
        boolean direct = cache.equals("none") || cache.equals("directsync");
        boolean noFlush = cache.equals("unsafe");
        if (!direct && !noFlush) {
            throw BuildContext.unsupported("unknown disk cache mode '%s'", cache);
        }
        for (QemuOpts o : List.of(file, fmt)) {
            o.add("cache.direct", direct).add("cache.no-flush", noFlush);
        }
    }

    static boolean isQ35(QemuCaps caps, String machine) {
        String canonical = caps.canonicalMachine(machine);
        return canonical.startsWith("pc-q35") || canonical.equals("q35");
    }
}
