package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Whether two pool definitions claim the same storage, as virStoragePoolObjSourceFindDuplicateCb decides: the
 * same target directory for dir pools, the same host and directory for netfs and gluster, a shared source device
 * for the block-device pool types, the same adapter for scsi, and so on.
 */
final class PoolSources {

    private static final Set<String> DEVICE_TYPES = Set.of("iscsi", "fs", "logical", "disk", "zfs");

    private PoolSources() {
    }

    /** Whether the new definition {@code def} uses the source of the existing pool {@code obj}. */
    static boolean conflict(Element obj, Element def) {
        String type = Xml.attr(obj, "type");
        String newType = Xml.attr(def, "type");
        Element os = Xml.child(obj, "source");
        Element ds = Xml.child(def, "source");
        return switch (type) {
            case "dir" -> type.equals(newType) && Objects.equals(targetPath(obj), targetPath(def));
            case "gluster" -> type.equals(newType) && Objects.equals(sourceName(os), sourceName(ds))
                    && Objects.equals(sourceDir(os), sourceDir(ds)) && singleHost(os, ds);
            case "netfs" -> type.equals(newType) && Objects.equals(sourceDir(os), sourceDir(ds))
                    && singleHost(os, ds);
            case "scsi" -> type.equals(newType) && sameAdapter(os, ds);
            case "iscsi", "fs", "logical", "disk", "zfs" -> DEVICE_TYPES.contains(newType)
                    && deviceMatch(type, newType, os, ds);
            case "sheepdog" -> type.equals(newType) && singleHost(os, ds);
            case "mpath" -> type.equals(newType);
            case "vstorage" -> type.equals(newType) && Objects.equals(sourceName(os), sourceName(ds));
            default -> false;
        };
    }

    private static boolean deviceMatch(String type, String newType, Element os, Element ds) {
        if (type.equals("iscsi") != newType.equals("iscsi")) {
            return false;
        }
        if (!sharesDevice(os, ds)) {
            return false;
        }
        // iSCSI pools on the same device conflict only with the same initiator
        return !type.equals("iscsi") || Objects.equals(initiator(os), initiator(ds));
    }

    private static String targetPath(Element pool) {
        return Xml.childText(Xml.child(pool, "target"), "path");
    }

    private static String sourceName(Element src) {
        return src == null ? null : Xml.childText(src, "name");
    }

    private static String sourceDir(Element src) {
        Element dir = src == null ? null : Xml.child(src, "dir");
        return dir == null ? null : Xml.attr(dir, "path");
    }

    private static String initiator(Element src) {
        Element ini = src == null ? null : Xml.child(src, "initiator");
        Element iqn = ini == null ? null : Xml.child(ini, "iqn");
        return iqn == null ? null : Xml.attr(iqn, "name");
    }

    private static List<Element> hosts(Element src) {
        return src == null ? List.of() : Xml.children(src, "host");
    }

    /** virStoragePoolSourceMatchSingleHost. */
    private static boolean singleHost(Element os, Element ds) {
        List<Element> oh = hosts(os);
        List<Element> dh = hosts(ds);
        if (oh.size() != 1 && dh.size() != 1) {
            return false;
        }
        if (oh.isEmpty() || dh.isEmpty()) {
            return false;
        }
        String dport = Xml.attr(dh.get(0), "port");
        if (dport != null && !dport.equals(Xml.attr(oh.get(0), "port"))) {
            return false;
        }
        return Objects.equals(Xml.attr(oh.get(0), "name"), Xml.attr(dh.get(0), "name"));
    }

    private static boolean sharesDevice(Element os, Element ds) {
        List<String> a = devicePaths(os);
        for (String p : devicePaths(ds)) {
            if (a.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> devicePaths(Element src) {
        List<String> out = new ArrayList<>();
        if (src != null) {
            for (Element d : Xml.children(src, "device")) {
                out.add(Xml.attr(d, "path"));
            }
        }
        return out;
    }

    /** The simple cases of virStoragePoolObjSourceMatchTypeISCSI: the same fc_host WWNs or scsi_host name. */
    private static boolean sameAdapter(Element os, Element ds) {
        Element oa = os == null ? null : Xml.child(os, "adapter");
        Element da = ds == null ? null : Xml.child(ds, "adapter");
        if (oa == null || da == null) {
            return false;
        }
        String ot = Xml.attr(oa, "type") == null ? "scsi_host" : Xml.attr(oa, "type");
        String dt = Xml.attr(da, "type") == null ? "scsi_host" : Xml.attr(da, "type");
        if (!ot.equals(dt)) {
            return false;
        }
        if (ot.equals("fc_host")) {
            return Objects.equals(Xml.attr(oa, "wwnn"), Xml.attr(da, "wwnn"))
                    && Objects.equals(Xml.attr(oa, "wwpn"), Xml.attr(da, "wwpn"));
        }
        return Xml.attr(oa, "name") != null && Xml.attr(oa, "name").equals(Xml.attr(da, "name"));
    }
}
