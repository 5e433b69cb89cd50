package org.jvirt.driver.host.nodedev;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.host.XmlAppend;

/**
 * A device's capability as libvirt's virNodeDevCapData holds it, one record per type the udev backend reports,
 * each writing itself as virNodeDeviceDefFormat does and naming the capabilities it counts for (a scsi_host with
 * FC counts as fc_host and vports too, virNodeDeviceCapsListExport).
 */
sealed interface NodeCap {

    /** The {@code <capability type=...>} name. */
    String type();

    void write(XmlAppend x);

    /** The capability names this device answers to in listings and virNodeDeviceListCaps. */
    default List<String> names() {
        return List.of(type());
    }

    record SystemCap(String product, String hwVendor, String hwVersion, String hwSerial, String uuid,
                     String fwVendor, String fwVersion, String fwDate) implements NodeCap {
        public String type() {
            return "system";
        }

        public void write(XmlAppend x) {
            x.opt("product", product);
            XmlAppend hw = x.child("hardware");
            hw.opt("vendor", hwVendor);
            hw.opt("version", hwVersion);
            hw.opt("serial", hwSerial);
            hw.add("uuid", uuid);
            XmlAppend fw = x.child("firmware");
            fw.opt("vendor", fwVendor);
            fw.opt("version", fwVersion);
            fw.opt("release_date", fwDate);
        }
    }

    /**
     * @param klass      the class code, or -1
     * @param numaNode   -1 when the kernel does not say
     * @param physFn     the physical function of an SR-IOV virtual function, or null
     * @param virtFns    the virtual functions of an SR-IOV physical function (empty when none)
     * @param maxVfs     sriov_totalvfs, 0 when not SR-IOV capable
     * @param iommuGroup -1 when the device has no IOMMU group
     */
    record PciCap(int klass, PciAddress addr, int product, String productName, int vendor, String vendorName,
                  PciAddress physFn, List<PciAddress> virtFns, int maxVfs, int iommuGroup,
                  List<PciAddress> iommuDevices, int numaNode, PciConfig.Info config) implements NodeCap {
        public String type() {
            return "pci";
        }

        public void write(XmlAppend x) {
            if (klass >= 0) {
                x.add("class", String.format("0x%06x", klass));
            }
            x.add("domain", addr.domain());
            x.add("bus", addr.bus());
            x.add("slot", addr.slot());
            x.add("function", addr.function());
            x.add("product", productName, "id", String.format("0x%04x", product));
            x.add("vendor", vendorName, "id", String.format("0x%04x", vendor));
            if (physFn != null) {
                physFn.write(x.child("capability", "type", "phys_function"));
            }
            if (maxVfs > 0 || !virtFns.isEmpty()) {
                XmlAppend v = x.child("capability", "type", "virt_functions", "maxCount",
                        maxVfs > 0 ? Integer.toString(maxVfs) : null);
                virtFns.forEach(a -> a.write(v));
            }
            if (config.headerType() != null) {
                x.add("capability", null, "type", config.headerType());
            }
            if (iommuGroup >= 0 && !iommuDevices.isEmpty()) {
                XmlAppend g = x.child("iommuGroup", "number", Integer.toString(iommuGroup));
                iommuDevices.forEach(a -> a.write(g));
            }
            if (numaNode >= 0) {
                x.add("numa", null, "node", Integer.toString(numaNode));
            }
            PciConfig.Express e = config.express();
            if (e != null) {
                XmlAppend p = x.child("pci-express");
                for (PciConfig.Link l : new PciConfig.Link[] {e.cap(), e.sta()}) {
                    if (l != null) {
                        p.add("link", null, "validity", l == e.cap() ? "cap" : "sta",
                                "port", l.port() >= 0 ? Integer.toString(l.port()) : null, "speed", l.speed(),
                                "width", Integer.toString(l.width()));
                    }
                }
            }
        }

        public List<String> names() {
            List<String> n = new ArrayList<>(List.of("pci"));
            if (physFn != null) {
                n.add("phys_function");
            }
            if (maxVfs > 0 || !virtFns.isEmpty()) {
                n.add("virt_functions");
            }
            return n;
        }
    }

    record UsbDevCap(int bus, int device, int product, String productName, int vendor, String vendorName)
            implements NodeCap {
        public String type() {
            return "usb_device";
        }

        public void write(XmlAppend x) {
            x.add("bus", bus);
            x.add("device", device);
            x.add("product", productName, "id", String.format("0x%04x", product));
            x.add("vendor", vendorName, "id", String.format("0x%04x", vendor));
        }
    }

    record UsbIfCap(int number, int klass, int subclass, int protocol) implements NodeCap {
        public String type() {
            return "usb";
        }

        public void write(XmlAppend x) {
            x.add("number", number);
            x.add("class", klass);
            x.add("subclass", subclass);
            x.add("protocol", protocol);
        }
    }

    /** @param speed link speed in Mbit/s as the kernel reports it (unsigned), 0 when not reported */
    record NetCap(String ifname, String address, String state, long speed, boolean wlan) implements NodeCap {
        public String type() {
            return "net";
        }

        public void write(XmlAppend x) {
            x.add("interface", ifname);
            x.opt("address", address);
            if (state != null || speed > 0) {
                x.add("link", null, "speed", speed > 0 ? Long.toString(speed) : null, "state", state);
            }
            x.add("capability", null, "type", wlan ? "80211" : "80203");
        }
    }

    /** @param uniqueId -1 when absent; wwnn/wwpn/fabric non-null for an FC HBA; maxVports -1 when not vport capable */
    record ScsiHostCap(int host, int uniqueId, String wwnn, String wwpn, String fabricWwn, int maxVports, int vports)
            implements NodeCap {
        public String type() {
            return "scsi_host";
        }

        public void write(XmlAppend x) {
            x.add("host", host);
            if (uniqueId != -1) {
                x.add("unique_id", uniqueId);
            }
            if (wwnn != null) {
                XmlAppend fc = x.child("capability", "type", "fc_host");
                fc.add("wwnn", wwnn);
                fc.add("wwpn", wwpn);
                fc.add("fabric_wwn", fabricWwn);
            }
            if (maxVports >= 0) {
                XmlAppend v = x.child("capability", "type", "vport_ops");
                v.add("max_vports", maxVports);
                v.add("vports", vports);
            }
        }

        public List<String> names() {
            List<String> n = new ArrayList<>(List.of("scsi_host"));
            if (wwnn != null) {
                n.add("fc_host");
            }
            if (maxVports >= 0) {
                n.add("vports");
            }
            return n;
        }
    }

    record ScsiTargetCap(String target) implements NodeCap {
        public String type() {
            return "scsi_target";
        }

        public void write(XmlAppend x) {
            x.add("target", target);
        }
    }

    record ScsiCap(int host, int bus, int target, int lun, String scsiType) implements NodeCap {
        public String type() {
            return "scsi";
        }

        public void write(XmlAppend x) {
            x.add("host", host);
            x.add("bus", bus);
            x.add("target", target);
            x.add("lun", lun);
            x.opt("type", scsiType);
        }
    }

    /**
     * @param removable     the drive's media can change (a removable capability is written instead of the size)
     * @param mediaAvailable a removable drive holds media
     */
    record StorageCap(String block, String bus, String driveType, String model, String vendor, String serial,
                      boolean removable, boolean mediaAvailable, String mediaLabel, long size, long logicalBlockSize,
                      long numBlocks) implements NodeCap {
        public String type() {
            return "storage";
        }

        public void write(XmlAppend x) {
            x.add("block", block);
            x.opt("bus", bus);
            x.opt("drive_type", driveType);
            x.opt("model", model);
            x.opt("vendor", vendor);
            x.opt("serial", serial);
            if (removable) {
                XmlAppend r = x.child("capability", "type", "removable");
                r.add("media_available", mediaAvailable ? 1 : 0);
                r.add("media_size", mediaAvailable ? numBlocks * logicalBlockSize : 0);
                r.opt("media_label", mediaLabel);
                if (logicalBlockSize > 0) {
                    r.add("logical_block_size", logicalBlockSize);
                }
                if (numBlocks > 0) {
                    r.add("num_blocks", numBlocks);
                }
            } else {
                x.add("size", size);
                if (logicalBlockSize > 0) {
                    x.add("logical_block_size", logicalBlockSize);
                }
                if (numBlocks > 0) {
                    x.add("num_blocks", numBlocks);
                }
            }
        }
    }

    record ScsiGenericCap(String path) implements NodeCap {
        public String type() {
            return "scsi_generic";
        }

        public void write(XmlAppend x) {
            x.add("char", path);
        }
    }

    record DrmCap(String drmType) implements NodeCap {
        public String type() {
            return "drm";
        }

        public void write(XmlAppend x) {
            x.add("type", drmType);
        }
    }
}
