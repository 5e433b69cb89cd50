package org.jvirt.driver.host.nodedev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jvirt.driver.host.nodedev.NodeCap.DrmCap;
import org.jvirt.driver.host.nodedev.NodeCap.NetCap;
import org.jvirt.driver.host.nodedev.NodeCap.PciCap;
import org.jvirt.driver.host.nodedev.NodeCap.ScsiCap;
import org.jvirt.driver.host.nodedev.NodeCap.ScsiGenericCap;
import org.jvirt.driver.host.nodedev.NodeCap.ScsiHostCap;
import org.jvirt.driver.host.nodedev.NodeCap.ScsiTargetCap;
import org.jvirt.driver.host.nodedev.NodeCap.StorageCap;
import org.jvirt.driver.host.nodedev.NodeCap.UsbDevCap;
import org.jvirt.driver.host.nodedev.NodeCap.UsbIfCap;

/**
 * libvirt's udev backend rules (udevGetDeviceType, udevGetDeviceDetails and the udevProcess* functions): which
 * kernel devices are node devices, of which capability, under which name. A device of no known type is not a
 * node device; a malformed value throws {@link BadSysfsValue}.
 *
 * <p>Two deliberate differences, both because this host runs no udev daemon: a USB device's ids fall back to
 * sysfs idVendor/idProduct when udev's ID_VENDOR_ID/ID_MODEL_ID are missing, and an attached loop device (one
 * with a backing file) is a "disk", where libvirt, finding no ID_TYPE, drops every loop device.
 */
final class CapabilityReader {

    /** What a kernel device is as a node device, before its parent is known. */
    record Classified(String name, NodeCap cap) {
    }

    private final PciIds pciIds;
    private final Path sysRoot;
    /** As libvirt's system driver: root reads the PCI configuration space (header type, PCIe link). */
    private final boolean privileged;

    CapabilityReader(PciIds pciIds, Path sysRoot, boolean privileged) {
        this.pciIds = pciIds;
        this.sysRoot = sysRoot;
        this.privileged = privileged;
    }

    Optional<Classified> classify(SysfsDevice d) {
        String devtype = d.devtype();
        String subsystem = d.subsystem();
        if (devtype != null) {
            return switch (devtype) {
                case "usb_device" -> Optional.of(usbDevice(d));
                case "usb_interface" -> Optional.of(usbInterface(d));
                case "scsi_host" -> Optional.of(scsiHost(d));
                case "scsi_target" -> Optional.of(new Classified(name(d, null), new ScsiTargetCap(d.sysname())));
                case "scsi_device" -> Optional.of(scsi(d));
                case "disk" -> storage(d);
                case "wlan" -> Optional.of(net(d, true));
                case "drm_minor" -> Optional.of(drm(d));
                default -> Optional.empty();
            };
        }
        if (subsystem.equals("scsi_generic")) {
            String dev = d.devnode();
            return dev == null ? Optional.empty() : Optional.of(new Classified(name(d, null), new ScsiGenericCap(dev)));
        }
        if (d.prop("INTERFACE") != null) {
            return Optional.of(net(d, false));
        }
        if (d.prop("PCI_CLASS") != null) {
            return Optional.of(pci(d));
        }
        return Optional.empty();
    }

    /** nodeDeviceGenerateName: subsystem_sysname[_suffix], every non-alphanumeric character made '_'. */
    static String name(SysfsDevice d, String suffix) {
        String raw = d.subsystem() + "_" + d.sysname() + (suffix != null ? "_" + suffix : "");
        StringBuilder b = new StringBuilder(raw.length());
        for (char c : raw.toCharArray()) {
            b.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        return b.toString();
    }

    // ---- value parsing as virStrToLong_* (strtol with a base; 0 picks by prefix) -----------------------------

    static long parse(String s, int base, String what) {
        String t = s.strip();
        try {
            if (base == 16 && (t.startsWith("0x") || t.startsWith("0X"))) {
                t = t.substring(2);
            } else if (base == 0) {
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    return Long.parseLong(t.substring(2), 16);
                }
                if (t.length() > 1 && t.startsWith("0")) {
                    return Long.parseLong(t.substring(1), 8);
                }
                return Long.parseLong(t, 10);
            }
            return Long.parseLong(t, base);
        } catch (NumberFormatException e) {
            throw new BadSysfsValue("Failed to convert '" + s + "' to number (" + what + ")");
        }
    }

    /** A sysfs attribute as a number; {@code dflt} when absent (libvirt leaves the field as it was). */
    private static long attrNum(SysfsDevice d, String attr, int base, long dflt) {
        return d.attr(attr).map(v -> parse(v, base, attr)).orElse(dflt);
    }

    private static long propNum(SysfsDevice d, String prop, int base, long dflt) {
        String v = d.prop(prop);
        return v == null ? dflt : parse(v, base, prop);
    }

    private static String trimmed(Optional<String> s) {
        return s.map(String::strip).orElse(null);
    }

    // ---- the capabilities ----------------------------------------------------------------------------------

    private Classified pci(SysfsDevice d) {
        int klass = (int) propNum(d, "PCI_CLASS", 16, -1);
        PciAddress addr;
        try {
            addr = PciAddress.parse(d.sysname());
        } catch (NumberFormatException e) {
            throw new BadSysfsValue("failed to parse the PCI address from sysfs path: '" + d.syspath() + "'");
        }
        int vendor = (int) attrNum(d, "vendor", 16, 0);
        int product = (int) attrNum(d, "device", 16, 0);
        PciAddress physFn = link(d.syspath().resolve("physfn")).map(PciAddress::parse).orElse(null);
        List<PciAddress> vfs = new ArrayList<>();
        try (Stream<Path> s = Files.list(d.syspath())) {
            s.filter(p -> p.getFileName().toString().startsWith("virtfn")).sorted((a, b) -> Integer.compare(
                            vfIndex(a), vfIndex(b)))
                    .forEach(p -> link(p).map(PciAddress::parse).ifPresent(vfs::add));
        } catch (IOException e) {
            // the device went away: its remove uevent follows
        }
        int maxVfs = (int) attrNum(d, "sriov_totalvfs", 10, 0);
        int group = -1;
        List<PciAddress> groupDevs = new ArrayList<>();
        Optional<String> g = link(d.syspath().resolve("iommu_group"));
        if (g.isPresent()) {
            group = (int) parse(g.get(), 10, "iommu_group");
            try (Stream<Path> s = Files.list(sysRoot.resolve("kernel/iommu_groups").resolve(g.get()).resolve("devices"))) {
                s.map(p -> p.getFileName().toString()).sorted().forEach(n -> groupDevs.add(PciAddress.parse(n)));
            } catch (IOException e) {
                group = -1;
            }
        }
        int numa = (int) attrNum(d, "numa_node", 10, -1);
        return new Classified(name(d, null), new PciCap(klass, addr, product, pciIds.device(vendor, product), vendor,
                pciIds.vendor(vendor), physFn, List.copyOf(vfs), maxVfs, group, List.copyOf(groupDevs), numa,
                PciConfig.read(d.syspath(), privileged)));
    }

    private static int vfIndex(Path p) {
        try {
            return Integer.parseInt(p.getFileName().toString().substring("virtfn".length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The file name a symbolic link points to, or empty. */
    private static Optional<String> link(Path p) {
        try {
            return Files.isSymbolicLink(p) ? Optional.of(Files.readSymbolicLink(p).getFileName().toString())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Classified usbDevice(SysfsDevice d) {
        int bus = (int) propNum(d, "BUSNUM", 10, 0);
        int dev = (int) propNum(d, "DEVNUM", 10, 0);
        int vendor = (int) (d.prop("ID_VENDOR_ID") != null ? propNum(d, "ID_VENDOR_ID", 16, 0)
                : attrNum(d, "idVendor", 16, 0));
        int product = (int) (d.prop("ID_MODEL_ID") != null ? propNum(d, "ID_MODEL_ID", 16, 0)
                : attrNum(d, "idProduct", 16, 0));
        String vendorName = d.prop("ID_VENDOR_FROM_DATABASE") != null ? d.prop("ID_VENDOR_FROM_DATABASE")
                : d.attr("manufacturer").orElse(null);
        String productName = d.prop("ID_MODEL_FROM_DATABASE") != null ? d.prop("ID_MODEL_FROM_DATABASE")
                : d.attr("product").orElse(null);
        return new Classified(name(d, null), new UsbDevCap(bus, dev, product, productName, vendor, vendorName));
    }

    private Classified usbInterface(SysfsDevice d) {
        return new Classified(name(d, null), new UsbIfCap((int) attrNum(d, "bInterfaceNumber", 16, 0),
                (int) attrNum(d, "bInterfaceClass", 16, 0), (int) attrNum(d, "bInterfaceSubClass", 16, 0),
                (int) attrNum(d, "bInterfaceProtocol", 16, 0)));
    }

    /** udevProcessNetworkInterface with virNetDevGetLinkInfo: the speed only while the link is up. */
    private Classified net(SysfsDevice d, boolean wlan) {
        String ifname = d.prop("INTERFACE");
        String address = d.attr("address").orElse(null);
        attrNum(d, "addr_len", 0, 0);
        String state = d.attr("operstate").orElse(null);
        if (state != null && !List.of("unknown", "notpresent", "down", "lowerlayerdown", "testing", "dormant", "up")
                .contains(state)) {
            throw new BadSysfsValue("Unable to parse: " + state);
        }
        long speed = 0;
        if ("up".equals(state)) {
            Optional<String> s = d.attr("speed");
            if (s.isPresent()) {
                speed = parse(s.get(), 10, "speed") & 0xffffffffL;
            }
        }
        return new Classified(name(d, address), new NetCap(ifname, address, state, speed, wlan));
    }

    private Classified scsiHost(SysfsDevice d) {
        String n = d.sysname();
        if (!n.startsWith("host")) {
            throw new BadSysfsValue("failed to parse SCSI host '" + n + "'");
        }
        int host = (int) parse(n.substring(4), 0, "SCSI host");
        Path sh = sysRoot.resolve("class/scsi_host").resolve(n);
        int uniqueId = -1;
        try {
            if (Files.isRegularFile(sh.resolve("unique_id"))) {
                uniqueId = Integer.parseInt(Files.readString(sh.resolve("unique_id")).strip());
            }
        } catch (IOException | NumberFormatException e) {
            uniqueId = -1; // as virSCSIHostGetUniqueId's failure: no unique_id written
        }
        Path fc = sysRoot.resolve("class/fc_host").resolve(n);
        String wwnn = null;
        String wwpn = null;
        String fabric = null;
        if (Files.isDirectory(fc)) {
            wwpn = wwn(fc.resolve("port_name"));
            wwnn = wwn(fc.resolve("node_name"));
            fabric = wwn(fc.resolve("fabric_name"));
            if (wwpn == null || wwnn == null) {
                wwnn = null;
            }
        }
        int maxVports = -1;
        int vports = 0;
        if (Files.isRegularFile(sh.resolve("vport_create")) || Files.isRegularFile(fc.resolve("vport_create"))) {
            String max = wwn(fc.resolve("max_npiv_vports"));
            String used = wwn(fc.resolve("npiv_vports_inuse"));
            if (max != null && used != null) {
                maxVports = (int) parse(max, 10, "max_npiv_vports");
                vports = (int) parse(used, 10, "npiv_vports_inuse");
            }
        }
        return new Classified(name(d, null), new ScsiHostCap(host, uniqueId, wwnn, wwpn, fabric, maxVports, vports));
    }

    /** virVHBAGetConfig: the value without its 0x prefix, or null. */
    private static String wwn(Path p) {
        try {
            if (!Files.isRegularFile(p)) {
                return null;
            }
            String v = Files.readString(p).strip();
            return v.startsWith("0x") ? v.substring(2) : v;
        } catch (IOException e) {
            return null;
        }
    }

    private Classified scsi(SysfsDevice d) {
        String[] p = d.sysname().split(":");
        if (p.length != 4) {
            throw new BadSysfsValue("failed to parse the SCSI address from filename: '" + d.sysname() + "'");
        }
        int[] a = new int[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (int) parse(p[i], 10, "SCSI address");
        }
        String type = d.attr("type").map(t -> scsiType((int) parse(t, 0, "type"))).orElse(null);
        return new Classified(name(d, null), new ScsiCap(a[0], a[1], a[2], a[3], type));
    }

    /** udevGetSCSIType: SCSI peripheral device types (scsi/scsi.h TYPE_*). */
    private static String scsiType(int t) {
        return switch (t) {
            case 0x00 -> "disk";
            case 0x01 -> "tape";
            case 0x03 -> "processor";
            case 0x04 -> "worm";
            case 0x05 -> "cdrom";
            case 0x06 -> "scanner";
            case 0x07 -> "mod";
            case 0x08 -> "changer";
            case 0x0d -> "enclosure";
            case 0x0c -> "raid";
            default -> null;
        };
    }

    private Classified drm(SysfsDevice d) {
        long minor = propNum(d, "MINOR", 10, -1);
        String type = minor < 0 ? null : switch ((int) (minor >> 6)) {
            case 0 -> "primary";
            case 1 -> "control";
            case 2 -> "render";
            default -> null;
        };
        if (type == null) {
            throw new BadSysfsValue("unknown DRM minor " + minor);
        }
        return new Classified(name(d, null), new DrmCap(type));
    }

    /** udevProcessStorage: whole disks only; the drive type from udev, else guessed from the device node. */
    private Optional<Classified> storage(SysfsDevice d) {
        String block = d.devnode();
        if (block == null) {
            return Optional.empty();
        }
        String serial = d.prop("ID_SERIAL");
        String type = d.prop("ID_TYPE");
        if (type == null || type.equals("generic")) {
            if (d.prop("ID_DRIVE_FLOPPY") != null) {
                type = "floppy";
            } else if (d.prop("ID_CDROM") != null) {
                type = "cd";
            } else if (d.prop("ID_DRIVE_FLASH_SD") != null) {
                type = "sd";
            } else if (block.startsWith("/dev/vd") || block.startsWith("/dev/nvme")) {
                type = "disk";
            } else if (block.startsWith("/dev/dasd")) {
                type = "dasd";
            } else if (block.startsWith("/dev/loop") && Files.isRegularFile(d.syspath().resolve("loop/backing_file"))) {
                type = "disk";
            } else {
                return Optional.empty();
            }
        }
        String vendor = trimmed(d.attr("device/vendor"));
        String model = trimmed(d.attr("device/model"));
        long numBlocks = attrNum(d, "size", 0, 0);
        long lbs = attrNum(d, "queue/logical_block_size", 0, 0);
        StorageCap cap = switch (type) {
            case "cd", "cd/dvd" -> {
                boolean media = propNum(d, "ID_CDROM_MEDIA", 0, 0) != 0;
                yield new StorageCap(block, d.prop("ID_BUS"), "cdrom", model, vendor, serial,
                        attrNum(d, "removable", 0, 0) == 1, media, media ? d.prop("ID_FS_LABEL") : null, 0,
                        media ? lbs : 0, media ? numBlocks : 0);
            }
            case "floppy" -> {
                boolean media = d.prop("ID_FS_LABEL") != null;
                yield new StorageCap(block, d.prop("ID_BUS"), type, model, vendor, serial,
                        attrNum(d, "removable", 0, 0) == 1, media, d.prop("ID_FS_LABEL"), 0, media ? lbs : 0,
                        media ? numBlocks : 0);
            }
            case "disk", "sd", "dasd" -> new StorageCap(block, d.prop("ID_BUS"), type, model, vendor,
                    type.equals("dasd") ? trimmed(d.attr("device/uid")) : serial, false, false, null,
                    numBlocks * lbs, lbs, numBlocks);
            default -> null;
        };
        return cap == null ? Optional.empty() : Optional.of(new Classified(name(d, cap.serial()), cap));
    }
}
