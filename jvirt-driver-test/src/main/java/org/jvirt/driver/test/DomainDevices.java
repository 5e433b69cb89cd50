package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Element;

/**
 * Finding a domain's devices the way src/conf does for the statistics calls: a disk by target or source
 * (virDomainDiskIndexByName), an interface by MAC or name (virDomainNetFind), the balloon, the IOThread ids.
 * Every method reads a definition's root element.
 */
final class DomainDevices {

    private DomainDevices() {
    }

    private static List<Element> disks(Element root) {
        return Xml.children(Xml.child(root, "devices"), "disk");
    }

    /** The target names of the disks, in order. */
    static List<String> diskTargets(Element root) {
        List<String> out = new ArrayList<>();
        for (Element disk : disks(root)) {
            out.add(Xml.attr(Xml.child(disk, "target"), "dev"));
        }
        return out;
    }

    /**
     * virDomainDiskByName(def, name, false): a name without a leading '/' is a target, matched exactly; a path
     * matches a disk's source only when no other disk has the same source. Null when nothing (or more than one
     * disk) matches.
     */
    static Element diskByName(Element root, String name) {
        Element candidate = null;
        for (Element disk : disks(root)) {
            if (!name.startsWith("/")) {
                if (name.equals(Xml.attr(Xml.child(disk, "target"), "dev"))) {
                    return disk;
                }
            } else if (name.equals(diskSource(disk))) {
                if (candidate != null) {
                    return null;
                }
                candidate = disk;
            }
        }
        return candidate;
    }

    private static String diskType(Element disk) {
        String type = Xml.attr(disk, "type");
        return type == null ? "file" : type;
    }

    /** virDomainDiskGetSource: the path (or network name) the source names; null when it names none. */
    static String diskSource(Element disk) {
        Element src = Xml.child(disk, "source");
        return switch (diskType(disk)) {
            case "file" -> Xml.attr(src, "file");
            case "block" -> Xml.attr(src, "dev");
            case "dir" -> Xml.attr(src, "dir");
            case "network" -> Xml.attr(src, "name");
            default -> null;
        };
    }

    /** virStorageSourceIsEmpty: a local disk without a path, or a network disk without a protocol. */
    static boolean sourceIsEmpty(Element disk) {
        String type = diskType(disk);
        return switch (type) {
            case "file", "block", "dir" -> diskSource(disk) == null;
            case "network" -> Xml.attr(Xml.child(disk, "source"), "protocol") == null;
            case "none" -> true;
            default -> false;
        };
    }

    /**
     * virDomainNetFind: a device that parses as a MAC address names the interface with that MAC, anything else
     * the interface with that target name.
     */
    static Element netFind(Element root, String device) {
        MacAddress mac = MacAddress.tryParse(device);
        for (Element net : Xml.children(Xml.child(root, "devices"), "interface")) {
            if (mac != null) {
                if (mac.equals(MacAddress.tryParse(Xml.attr(Xml.child(net, "mac"), "address")))) {
                    return net;
                }
            } else if (device.equals(Xml.attr(Xml.child(net, "target"), "dev"))) {
                return net;
            }
        }
        throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "'%s' is not a known interface", device);
    }

    /** virDomainDefHasMemballoon: a balloon whose model is not "none". */
    static boolean hasMemballoon(Element root) {
        Element b = Xml.child(Xml.child(root, "devices"), "memballoon");
        return b != null && !"none".equals(Xml.attr(b, "model"));
    }

    /** The IOThread ids as the parser settles them (virDomainIOThreadIDDefArrayInit). */
    static List<Integer> iothreadIds(Element root) {
        return org.jvirt.xml.domain.IOThreadIds.ids(root);
    }
}
