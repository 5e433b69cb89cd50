package org.jvirt.install;

import java.util.List;
import java.util.Optional;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.guest.GuestComposer;
import org.jvirt.install.guest.XmlNode;
import org.jvirt.install.os.OsCatalog;
import org.jvirt.install.os.OsFacts;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code --reinstall DOMAIN}, as virt-install 4.1 does it: only the install options apply to the existing guest's
 * (inactive) XML. The first boot gets the install boot (network first for --pxe, the ISO in the guest's first
 * CD-ROM drive for --cdrom, the install kernel for --location) and {@code on_reboot=destroy}; the guest is then
 * defined again with its own XML, changed only by the OS name (libosinfo metadata) and a --cdrom's media. No
 * storage is made and the name need not be free.
 */
final class Reinstaller {
    private static final String LIBOSINFO_NS = "http://libosinfo.org/xmlns/libvirt/domain/1.0";

    private final Connect conn;
    private final OsCatalog catalog;
    private final Planner planner;

    Reinstaller(Connect conn, OsCatalog catalog, Planner planner) {
        this.conn = conn;
        this.catalog = catalog;
        this.planner = planner;
    }

    Plan plan(InstallRequest req, boolean printOnly) {
        if (req.cloudInit() != null || req.unattended() != null) {
            throw InstallErrors.unsupported("--reinstall with --cloud-init or --unattended");
        }
        Domain dom = lookup(req.reinstall());
        boolean running = dom.getState().state() != DomainState.SHUTOFF;
        String xml = running ? dom.getXMLDesc(DomainXMLFlag.INACTIVE) : dom.getXMLDesc();
        Document doc = XmlParser.defaults().parse(xml);
        Element root = doc.getDocumentElement();
        InstallMethod method = Planner.effectiveMethod(req, printOnly);
        Element osEl = Dom.child(root, "os");
        Element type = osEl == null ? null : Dom.child(osEl, "type");
        String arch = type == null || Dom.attribute(type, "arch") == null ? "x86_64" : Dom.attribute(type, "arch");

        TreeLocator.Located tree = null;
        if (method instanceof InstallMethod.Location loc) {
            planner.checkLocation(loc);
            OsFacts named = req.os().name() == null ? null : catalog.require(req.os().name());
            tree = TreeLocator.locate(loc, catalog, named, arch);
        } else if (method instanceof InstallMethod.Cdrom c) {
            planner.checkCdrom(c);
        }
        OsFacts os = planner.resolveOs(req, method, planner.detectFor(req, method, tree));
        if (method == null) {
            throw InstallErrors.invalid("%s", "\nAn install method must be specified\n(" + Planner.INSTALL_METHODS
                    + ")");
        }
        if (os.id() != null) {
            setOsId(doc, root, os.id());
        }
        String cdrom = switch (method) {
            case InstallMethod.Cdrom c -> c.iso().toString();
            case InstallMethod.Location l when TreeLocator.isLocalIso(l) -> l.source();
            default -> null;
        };
        if (cdrom != null) {
            insertMedia(doc, root, cdrom);
        }
        boolean noInstall = method instanceof InstallMethod.Import || method instanceof InstallMethod.NoInstall;
        String fin = XmlNode.fromDom(root).toXml();
        if (noInstall) {
            return new Plan(null, new GuestComposer.Composed(null, fin), List.of(), List.of(), List.of(), List.of(),
                    null);
        }
        MediaPlanner.Result m = new MediaPlanner(conn, req, os, tree).plan(method, arch, catalog);
        // the first boot (virt-install's _alter_bootconfig)
        Element osNode = osEl != null ? osEl : append(doc, root, "os");
        setChildText(doc, osNode, "kernel", m.kernel());
        setChildText(doc, osNode, "initrd", m.initrd());
        setChildText(doc, osNode, "cmdline", m.kernelArgs());
        for (Element b : Dom.children(osNode, "boot")) {
            osNode.removeChild(b);
        }
        String bootDev = switch (method) {
            case InstallMethod.Cdrom c -> "cdrom";
            case InstallMethod.Pxe p -> "network";
            default -> null;
        };
        if (bootDev != null && m.kernel() == null && Dom.child(osNode, "kernel") == null && !perDeviceBoot(root)) {
            Dom.setAttribute(append(doc, osNode, "boot"), "dev", bootDev);
            if (hasDisk(root) && !bootDev.equals("hd")) {
                Dom.setAttribute(append(doc, osNode, "boot"), "dev", "hd");
            }
        }
        setChildText(doc, root, "on_reboot", "destroy");
        String initial = XmlNode.fromDom(root).toXml();
        return new Plan(null, new GuestComposer.Composed(initial, fin), List.of(), m.steps(), List.of(),
                m.warnings(), null);
    }

    /** virt-install's get_domain_and_guest: by name, else by id or UUID when the string is one. */
    private Domain lookup(String name) {
        try {
            try {
                return conn.domainLookupByName(name);
            } catch (VirtException e) {
                if (name.matches("-?\\d+")) {
                    return conn.domainLookupByID(Integer.parseInt(name));
                }
                if (name.matches("[a-fA-F0-9]{8}-([a-fA-F0-9]{4}-){3}[a-fA-F0-9]{12}")) {
                    return conn.domainLookupByUUIDString(name);
                }
                throw e;
            }
        } catch (VirtException e) {
            throw InstallErrors.invalid("Could not find domain '%s': %s", name, InstallErrors.userMessage(e));
        } catch (NumberFormatException e) {
            throw InstallErrors.invalid("Could not find domain '%s': Domain not found", name);
        }
    }

    /** The OS's id in the libosinfo metadata (virt-install's set_os_name), the metadata made when missing. */
    private static void setOsId(Document doc, Element root, String id) {
        Element meta = Dom.child(root, "metadata");
        if (meta == null) {
            meta = append(doc, root, "metadata");
        }
        Element lo = null;
        for (Node c = meta.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && LIBOSINFO_NS.equals(e.getNamespaceURI())
                    && "libosinfo".equals(e.getLocalName())) {
                lo = e;
            }
        }
        if (lo == null) {
            lo = doc.createElementNS(LIBOSINFO_NS, "libosinfo:libosinfo");
            Dom.setAttributeNS(lo, "http://www.w3.org/2000/xmlns/", "xmlns:libosinfo", LIBOSINFO_NS);
            meta.appendChild(lo);
        }
        Element osEl = null;
        for (Node c = lo.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && "os".equals(e.getLocalName())) {
                osEl = e;
            }
        }
        if (osEl == null) {
            osEl = doc.createElementNS(LIBOSINFO_NS, "libosinfo:os");
            lo.appendChild(osEl);
        }
        Dom.setAttribute(osEl, "id", id);
    }

    /** The install media into the guest's first CD-ROM drive (virt-install reuses it on a reinstall). */
    private static void insertMedia(Document doc, Element root, String path) {
        Element devices = Dom.child(root, "devices");
        Optional<Element> drive = devices == null ? Optional.empty() : Dom.children(devices, "disk").stream()
                .filter(d -> "cdrom".equals(Dom.attribute(d, "device"))).findFirst();
        if (drive.isEmpty()) {
            addDrive(doc, root, devices, path);
            return;
        }
        Element disk = drive.get();
        if (!"file".equals(Dom.attribute(disk, "type"))) {
            throw InstallErrors.unsupported("--reinstall: media for a CD-ROM drive of type '%s'",
                    Dom.attribute(disk, "type"));
        }
        Element source = Dom.child(disk, "source");
        if (source == null) {
            source = append(doc, disk, "source");
        }
        Dom.setAttribute(source, "file", path);
    }

    /**
     * A new CD-ROM drive holding the media, at the end of the devices as virt-install adds it: SATA on q35 (and
     * when the guest is not x86), IDE otherwise, on the first free target name of that bus.
     */
    private static void addDrive(Document doc, Element root, Element devices, String path) {
        if (devices == null) {
            devices = append(doc, root, "devices");
        }
        Element type = Dom.child(Dom.child(root, "os"), "type");
        String machine = type == null ? null : Dom.attribute(type, "machine");
        String arch = type == null ? null : Dom.attribute(type, "arch");
        boolean x86 = arch == null || arch.matches("i[3-6]86|x86_64");
        String bus = !x86 || (machine != null && machine.contains("q35")) ? "sata" : "ide";
        String prefix = bus.equals("ide") ? "hd" : "sd";
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Element d : Dom.children(devices, "disk")) {
            Element t = Dom.child(d, "target");
            if (t != null && Dom.attribute(t, "dev") != null) {
                taken.add(Dom.attribute(t, "dev"));
            }
        }
        String dev = null;
        for (char c = 'a'; c <= 'z' && dev == null; c++) {
            if (!taken.contains(prefix + c)) {
                dev = prefix + c;
            }
        }
        Element disk = append(doc, devices, "disk");
        Dom.setAttribute(disk, "type", "file");
        Dom.setAttribute(disk, "device", "cdrom");
        Dom.setAttribute(append(doc, disk, "source"), "file", path);
        Element target = append(doc, disk, "target");
        Dom.setAttribute(target, "dev", dev);
        Dom.setAttribute(target, "bus", bus);
        append(doc, disk, "readonly");
    }

    private static boolean perDeviceBoot(Element root) {
        Element devices = Dom.child(root, "devices");
        if (devices == null) {
            return false;
        }
        for (Node c = devices.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element dev && Dom.child(dev, "boot") != null
                    && Dom.attribute(Dom.child(dev, "boot"), "order") != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDisk(Element root) {
        Element devices = Dom.child(root, "devices");
        return devices != null && Dom.children(devices, "disk").stream()
                .anyMatch(d -> "disk".equals(Dom.attribute(d, "device")));
    }

    /** Sets a child's text, appending the child (as virt-install's XML layer does) when it is missing. */
    private static void setChildText(Document doc, Element parent, String name, String text) {
        if (text == null) {
            return;
        }
        Element c = Dom.child(parent, name);
        if (c == null) {
            c = append(doc, parent, name);
        }
        Dom.setText(c, text);
    }

    private static Element append(Document doc, Element parent, String name) {
        Element e = doc.createElement(name);
        parent.appendChild(e);
        return e;
    }
}
