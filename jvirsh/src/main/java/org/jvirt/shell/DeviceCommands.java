package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.Domain;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The device commands that virsh builds on attach/detach/update-device: attach-disk and attach-interface write
 * the device XML from their options ({@link DeviceXml}); detach-disk, detach-interface, change-media and
 * domif-setlink find the device in the domain's XML, change it where needed and send it back, printing it as
 * libxml2 writes a node of the parsed document (original indentation kept) when asked for --print-xml.
 */
final class DeviceCommands {

    private DeviceCommands() {
    }

    /** --persistent/--config/--live/--current as the attach and detach commands check them. */
    private static void exclusiveImpact(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "persistent", "current");
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
    }

    private static List<DomainDeviceModifyFlag> impact(Invocation cmd) {
        List<DomainDeviceModifyFlag> f = new ArrayList<>();
        if (cmd.bool("config") || cmd.bool("persistent")) {
            f.add(DomainDeviceModifyFlag.CONFIG);
        }
        if (cmd.bool("live")) {
            f.add(DomainDeviceModifyFlag.LIVE);
        }
        return f;
    }

    /** --persistent on a running domain changes the live domain too. */
    private static void persistentLive(Invocation cmd, Domain d, List<DomainDeviceModifyFlag> f) {
        if (cmd.bool("persistent") && active(d) && !f.contains(DomainDeviceModifyFlag.LIVE)) {
            f.add(DomainDeviceModifyFlag.LIVE);
        }
    }

    /** virDomainIsActive(dom) == 1: a failed call counts as not active. */
    private static boolean active(Domain d) {
        try {
            return d.isActive();
        } catch (VirtException e) {
            return false;
        }
    }

    private static DomainDeviceModifyFlag[] array(List<DomainDeviceModifyFlag> f) {
        return f.toArray(new DomainDeviceModifyFlag[0]);
    }

    // ---- attach-disk / attach-interface -------------------------------------------------------------------

    static boolean attachDisk(Shell sh, Invocation cmd) {
        return attach(sh, cmd, true);
    }

    static boolean attachInterface(Shell sh, Invocation cmd) {
        return attach(sh, cmd, false);
    }

    private static boolean attach(Shell sh, Invocation cmd, boolean disk) {
        exclusiveImpact(sh, cmd);
        String xml = disk ? DeviceXml.disk(sh, cmd) : DeviceXml.iface(sh, cmd);
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        Domain d = Lookup.domain(sh, cmd);
        List<DomainDeviceModifyFlag> f = impact(cmd);
        persistentLive(cmd, d, f);
        try {
            d.attachDevice(xml, array(f));
        } catch (VirtException e) {
            throw sh.fail(e, disk ? "Failed to attach disk" : "Failed to attach interface");
        }
        sh.printExtra(disk ? "Disk attached successfully\n" : "Interface attached successfully\n");
        return true;
    }

    // ---- detach-disk --------------------------------------------------------------------------------------

    static boolean detachDisk(Shell sh, Invocation cmd) {
        exclusiveImpact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        String target = cmd.req("target");
        List<DomainDeviceModifyFlag> f = impact(cmd);
        String doc = f.equals(List.of(DomainDeviceModifyFlag.CONFIG)) ? d.getXMLDesc(DomainXMLFlag.INACTIVE)
                : d.getXMLDesc();
        persistentLive(cmd, d, f);
        OrderedXml p = OrderedXml.of(sh, doc, "Failed to get disk information");
        Element disk = findDisk(sh, p, target, false);
        String xml = p.dump(disk);
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        try {
            d.detachDevice(xml, array(f));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to detach disk");
        }
        sh.printExtra("Disk detached successfully\n");
        return true;
    }

    /**
     * virshFindDisk: the first disk whose target or source (file, dev, dir or name) is {@code path}; with
     * {@code changeable}, only cdrom and floppy drives (and disks that name no device). Its backingStore goes.
     */
    private static Element findDisk(Shell sh, OrderedXml p, String path, boolean changeable) {
        List<Node> disks = Xml.nodes(p.doc(), "/domain/devices/disk");
        if (disks.isEmpty()) {
            throw sh.fail("Failed to get disk information");
        }
        for (Node n : disks) {
            Element disk = (Element) n;
            String device = attr(disk, "device");
            if (changeable && device != null && !device.equals("cdrom") && !device.equals("floppy")) {
                continue;
            }
            Element source = child(disk, "source");
            String targetDev = Xml.string(disk, "target/@dev");
            boolean match = path.equals(targetDev);
            if (source != null) {
                for (String a : new String[] {"file", "dev", "dir", "name"}) {
                    match |= path.equals(attr(source, a));
                }
            }
            if (match) {
                Element backing = child(disk, "backingStore");
                if (backing != null) {
                    disk.removeChild(backing);
                }
                return disk;
            }
        }
        throw sh.fail("No disk found whose source path or target is %s", path);
    }

    private static String attr(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }

    /** The first child element named {@code name}. */
    private static Element child(Element e, String name) {
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce && ce.getTagName().equals(name)) {
                return ce;
            }
        }
        return null;
    }

    // ---- change-media -------------------------------------------------------------------------------------

    private enum MediaAction { EJECT, INSERT, UPDATE }

    static boolean changeMedia(Shell sh, Invocation cmd) {
        boolean eject = cmd.bool("eject");
        boolean insert = cmd.bool("insert");
        boolean update = cmd.bool("update");
        MonitorCommands.exclusive(sh, cmd, "eject", "insert");
        MonitorCommands.exclusive(sh, cmd, "eject", "update");
        MonitorCommands.exclusive(sh, cmd, "insert", "update");
        MonitorCommands.exclusive(sh, cmd, "eject", "block");
        String source = cmd.string("source");
        // documented: --update without a source ejects
        if (update && source == null) {
            update = false;
            eject = true;
        }
        MediaAction action = MediaAction.UPDATE;
        String done = "Successfully updated media.";
        if (eject) {
            action = MediaAction.EJECT;
            done = "Successfully ejected media.";
        }
        if (insert) {
            action = MediaAction.INSERT;
            done = "Successfully inserted media.";
        }
        if (update || (!eject && !insert)) {
            action = MediaAction.UPDATE;
            done = "Successfully updated media.";
        }
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
        List<DomainDeviceModifyFlag> f = new ArrayList<>();
        if (cmd.bool("config")) {
            f.add(DomainDeviceModifyFlag.CONFIG);
        }
        if (cmd.bool("live")) {
            f.add(DomainDeviceModifyFlag.LIVE);
        }
        if (cmd.bool("force")) {
            f.add(DomainDeviceModifyFlag.FORCE);
        }
        Domain d = Lookup.domain(sh, cmd);
        String path = cmd.req("path");
        String doc = f.contains(DomainDeviceModifyFlag.CONFIG) ? d.getXMLDesc(DomainXMLFlag.INACTIVE)
                : d.getXMLDesc();
        OrderedXml p = OrderedXml.of(sh, doc, "Failed to get disk information");
        Element disk = findDisk(sh, p, path, true);
        String xml = newMedia(sh, p, disk, source, cmd.bool("block"), path, action);
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        try {
            d.updateDevice(xml, array(f));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to complete action %s on media", action.name().toLowerCase());
        }
        sh.print("%s", done);
        return true;
    }

    /** virshUpdateDiskXML: the drive with its source removed, or replaced by a file (or block) source. */
    private static String newMedia(Shell sh, OrderedXml p, Element disk, String newSource, boolean block, String target,
                                   MediaAction action) {
        String device = attr(disk, "device");
        if (!"cdrom".equals(device) && !"floppy".equals(device)) {
            throw sh.fail("The disk device '%s' is not removable", target);
        }
        Element source = null;
        Element targetNode = null;
        Node indent = null;
        for (Node c = disk.getFirstChild(); c != null; c = c.getNextSibling()) {
            // the last text before <target/> is its indentation, reused for the new <source/>
            if (targetNode == null && c.getNodeType() == Node.TEXT_NODE) {
                indent = c;
            }
            if (!(c instanceof Element e)) {
                continue;
            }
            if (source == null && e.getTagName().equals("source")) {
                source = e;
            } else if (targetNode == null && e.getTagName().equals("target")) {
                targetNode = e;
            }
            if (source != null && targetNode != null) {
                break;
            }
        }
        if (action == MediaAction.EJECT) {
            if (source == null) {
                throw sh.fail("The disk device '%s' doesn't have media", target);
            }
            block = false;
            newSource = null;
        } else if (newSource == null) {
            throw sh.fail("New disk media source was not specified");
        }
        String startupPolicy = null;
        if (source != null) {
            String current = null;
            for (String a : new String[] {"file", "dev", "dir", "pool", "name"}) {
                if (current == null) {
                    current = attr(source, a);
                }
            }
            if (current != null && action == MediaAction.INSERT) {
                throw sh.fail("The disk device '%s' already has media", target);
            }
            startupPolicy = attr(source, "startupPolicy");
            disk.removeChild(source);
        }
        p.set(disk, "type", block ? "block" : "file");
        if (newSource != null && targetNode != null) {
            Element s = p.doc().createElement("source");
            p.set(s, block ? "dev" : "file", newSource);
            if (startupPolicy != null) {
                p.set(s, "startupPolicy", startupPolicy);
            }
            disk.insertBefore(s, targetNode);
            if (indent != null) {
                disk.insertBefore(indent.cloneNode(false), targetNode);
            }
        }
        return p.dump(disk);
    }

    // ---- detach-interface ---------------------------------------------------------------------------------

    static boolean detachInterface(Shell sh, Invocation cmd) {
        exclusiveImpact(sh, cmd);
        boolean printXml = cmd.bool("print-xml");
        Domain d = Lookup.domain(sh, cmd);
        String type;
        String mac;
        try {
            type = cmd.req("type");
            mac = cmd.string("mac");
        } catch (Failed e) {
            throw failedDetach(sh, e.cause);
        }
        boolean config = cmd.bool("config") || cmd.bool("persistent");
        if (config) {
            try {
                detachIface(sh, d, d.getXMLDesc(DomainXMLFlag.INACTIVE), List.of(DomainDeviceModifyFlag.CONFIG),
                        type, mac, printXml);
            } catch (Failed e) {
                throw failedDetach(sh, e.cause);
            } catch (VirtException e) {
                throw failedDetach(sh, e);
            }
        }
        boolean live = cmd.bool("live") || (cmd.bool("persistent") && active(d));
        if (live || !config) {
            String doc;
            try {
                doc = d.getXMLDesc();
            } catch (VirtException e) {
                throw failedDetach(sh, e);
            }
            try {
                detachIface(sh, d, doc, live ? List.of(DomainDeviceModifyFlag.LIVE) : List.of(), type, mac,
                        printXml);
            } catch (Failed e) {
                // virsh returns here with --print-xml, before its closing "Failed to detach interface"
                if (printXml) {
                    throw e;
                }
                throw failedDetach(sh, e.cause);
            }
        }
        if (!printXml) {
            sh.printExtra("Interface detached successfully\n");
        }
        return true;
    }

    /** cmdDetachInterface's closing message; libvirt's error, if any, follows it. */
    private static Failed failedDetach(Shell sh, VirtException cause) {
        sh.error("Failed to detach interface");
        return new Failed(cause);
    }

    /** virshDomainDetachInterface: the one interface of {@code type} (with {@code mac}, if given). */
    private static void detachIface(Shell sh, Domain d, String doc, List<DomainDeviceModifyFlag> f, String type,
                                    String mac, boolean printXml) {
        OrderedXml p = OrderedXml.of(sh, doc, "Failed to get interface information");
        List<Node> nodes = Xml.nodes(p.doc(), "/domain/devices/interface[@type='" + type + "']");
        if (nodes.isEmpty()) {
            throw sh.fail("No interface found whose type is %s", type);
        }
        Node match = null;
        if (mac != null) {
            for (Node n : nodes) {
                String m = Xml.string(n, "mac/@address");
                if (m != null && macCompare(m, mac) == 0) {
                    if (match != null) {
                        throw sh.fail("Domain has multiple interfaces matching MAC address %s. You must use "
                                + "detach-device and specify the device pci address to remove it.", mac);
                    }
                    match = n;
                }
            }
        } else {
            if (nodes.size() > 1) {
                throw sh.fail("Domain has %d interfaces. Please specify which one to detach using --mac",
                        nodes.size());
            }
            match = nodes.get(0);
        }
        if (match == null) {
            throw sh.fail("No interface with MAC address %s was found", mac);
        }
        String xml = p.dump(match);
        if (printXml) {
            sh.print("%s", xml);
            return;
        }
        try {
            d.detachDevice(xml, array(f));
        } catch (VirtException e) {
            throw new Failed(e);
        }
    }

    /** virMacAddrCompare: case-insensitive, leading zeros of each byte ignored. */
    static int macCompare(String p, String q) {
        int i = 0;
        int j = 0;
        char c;
        char e;
        do {
            while (i < p.length() && p.charAt(i) == '0' && i + 1 < p.length() && isHex(p.charAt(i + 1))) {
                i++;
            }
            while (j < q.length() && q.charAt(j) == '0' && j + 1 < q.length() && isHex(q.charAt(j + 1))) {
                j++;
            }
            c = i < p.length() ? Character.toUpperCase(p.charAt(i)) : 0;
            e = j < q.length() ? Character.toUpperCase(q.charAt(j)) : 0;
            i++;
            j++;
        } while (c == e && e != 0);
        return Character.compare(c, e);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    // ---- domif-setlink ------------------------------------------------------------------------------------

    static boolean domifSetlink(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String iface = cmd.req("interface");
        String state = cmd.req("state");
        if (!state.equals("up") && !state.equals("down")) {
            throw sh.fail("invalid link state '%s'", state);
        }
        boolean config = cmd.bool("config");
        DomainDeviceModifyFlag flag = config ? DomainDeviceModifyFlag.CONFIG : DomainDeviceModifyFlag.LIVE;
        if (!d.isActive()) {
            flag = DomainDeviceModifyFlag.CONFIG;
        }
        String doc = config ? d.getXMLDesc(DomainXMLFlag.INACTIVE) : d.getXMLDesc();
        OrderedXml p = OrderedXml.of(sh, doc, "Failed to parse domain description xml");
        List<Node> nodes = Xml.nodes(p.doc(), "/domain/devices/interface");
        if (nodes.isEmpty()) {
            throw sh.fail("Failed to extract interface information or no interfaces found");
        }
        Element found = null;
        for (Node n : nodes) {
            String mac = Xml.string(n, "mac/@address");
            String target = Xml.string(n, "target/@dev");
            if ((mac != null && mac.equalsIgnoreCase(iface)) || (target != null && target.equalsIgnoreCase(iface))) {
                found = (Element) n;
                break;
            }
        }
        if (found == null) {
            throw sh.fail("interface '%s' not found", iface);
        }
        Element link = child(found, "link");
        if (link == null) {
            link = p.doc().createElement("link");
            found.appendChild(link);
        }
        p.set(link, "state", state);
        String xml = p.dump(found);
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        try {
            d.updateDevice(xml, flag);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to update interface link state");
        }
        sh.printExtra("Device updated successfully\n");
        return true;
    }

    // ---- update-memory-device -----------------------------------------------------------------------------

    /** cmdUpdateMemoryDevice: the one memory device picked by --node or --alias, its requested size changed. */
    static boolean updateMemoryDevice(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
        MonitorCommands.exclusive(sh, cmd, "node", "alias");
        List<DomainDeviceModifyFlag> f = new ArrayList<>();
        if (cmd.bool("config")) {
            f.add(DomainDeviceModifyFlag.CONFIG);
        }
        if (cmd.bool("live")) {
            f.add(DomainDeviceModifyFlag.LIVE);
        }
        Domain d = Lookup.domain(sh, cmd);
        String doc = f.contains(DomainDeviceModifyFlag.CONFIG) ? d.getXMLDesc(DomainXMLFlag.INACTIVE)
                : d.getXMLDesc();
        OrderedXml p = OrderedXml.of(sh, doc, "Failed to parse domain description xml");
        String alias = cmd.string("alias");
        boolean byNode = cmd.bool("node");
        long node = cmd.uint("node", 0);
        String xpath = byNode ? "/domain/devices/memory[./target/node='" + node + "']"
                : alias != null ? "/domain/devices/memory[./alias/@name='" + alias + "']" : "/domain/devices/memory";
        List<Node> mems = Xml.nodes(p.doc(), xpath);
        if (mems.isEmpty()) {
            throw sh.fail("no memory device found");
        }
        if (mems.size() > 1) {
            throw sh.fail("multiple memory devices found, use --alias or --node to select one");
        }
        Element mem = (Element) mems.get(0);
        if (cmd.bool("requested-size")) {
            long bytes = cmd.scaled("requested-size", 0, 1024, Numbers.ULLONG_MAX);
            long kib = Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) != 0 ? 1 : 0);
            List<Node> requested = Xml.nodes(mem, "./target/requested");
            if (requested.isEmpty()) {
                throw sh.fail("virtio-mem device is missing <requested/>");
            }
            requested.get(0).setTextContent(Long.toUnsignedString(kib));
        }
        String xml = p.dump(mem);
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        d.updateDevice(xml, array(f));
        return true;
    }
}
