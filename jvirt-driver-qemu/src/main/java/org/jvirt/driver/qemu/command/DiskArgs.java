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
        String driver;
        Props placement = Props.of();
        switch (bus) {
            case "virtio" -> {
                if (cdrom) {
                    throw BuildContext.unsupported("disk type of '%s' does not support ejectable media",
                            d.targetDev());
                }
                ctx.requireDevice("virtio-blk-pci", "a virtio disk");
                alias = "virtio-disk" + idx;
                driver = "virtio-blk-pci";
                placement.put("bus", ctx.pcieBus());
            }
            case "ide" -> {
                if (ctx.q35) {
                    throw BuildContext.unsupported("IDE controllers are unsupported for this QEMU binary or machine type");
                }
                if (idx > 3) {
                    throw BuildContext.unsupported("IDE disk '%s': only hda to hdd exist", d.targetDev());
                }
                alias = "ide0-" + idx / 2 + "-" + idx % 2;
                driver = cdrom ? "ide-cd" : "ide-hd";
                placement.put("bus", "ide." + idx / 2).put("unit", idx % 2);
            }
            case "sata" -> {
                if (idx > 5) {
                    throw BuildContext.unsupported("SATA disk '%s': a controller has six ports", d.targetDev());
                }
                alias = "sata0-0-" + idx;
                driver = cdrom ? "ide-cd" : "ide-hd";
                placement.put("bus", (ctx.q35 ? "ide." : "sata0.") + idx);
            }
            case "scsi" -> {
                alias = "scsi0-0-0-" + idx;
                driver = cdrom ? "scsi-cd" : "scsi-hd";
                if ("virtio-scsi".equals(scsiModel)) {
                    placement.put("bus", "scsi0.0").put("channel", 0).put("scsi-id", 0).put("lun", idx);
                } else {
                    if (idx > 6) {
                        throw BuildContext.unsupported("SCSI disk '%s': lsilogic has 7 targets", d.targetDev());
                    }
                    placement.put("bus", "scsi0.0").put("scsi-id", idx);
                }
            }
            default -> throw BuildContext.unsupported("disk bus '%s' is not supported", bus);
        }
        boolean medium = DiskProps.hasSource(d);
        if (medium) {
            SecretArgs.add(ctx, d, alias);
            for (Props node : DiskProps.backend(d, alias, ctx.options.nbdTls())) {
                ctx.arg("-blockdev", node.toOpts());
            }
        } else if (!cdrom) {
            throw BuildContext.unsupported("disk '%s' has no source", d.targetDev());
        }
        d.alias(alias);
        ctx.arg("-device", DiskProps.device(d, driver, placement, alias, bootindex, IothreadArgs.ids(ctx.def), medium)
                .toImpliedOpts());
    }

    static boolean isQ35(QemuCaps caps, String machine) {
        String canonical = caps.canonicalMachine(machine);
        return canonical.startsWith("pc-q35") || canonical.equals("q35");
    }
}
