package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.Interface;
import org.jvirt.VirtException;
import org.jvirt.flags.ListInterfacesFlag;
import org.w3c.dom.Element;

/** virsh's "Interface" group (help keyword 'interface'): the table first, then the handlers. */
final class InterfaceCommands {

    private InterfaceCommands() {
    }

    static Group group() {
        return new Group("Interface", "interface", List.of(
                cmd("iface-begin", "create a snapshot of current interfaces settings, which can be later committed (iface-commit) or restored (iface-rollback)",
                        "Create a restore point for interfaces settings",
                        InterfaceCommands::begin),
                cmd("iface-bridge", "create a bridge device and attach an existing network device to it",
                        "bridge an existing network device",
                        InterfaceCommands::bridge,
                        Opt.data("interface", "existing interface name").req().complete(Completer.INTERFACE),
                        Opt.data("bridge", "new bridge device name").req(),
                        Opt.bool("no-stp", "do not enable STP for this bridge"),
                        Opt.integer("delay", "number of seconds to squelch traffic on newly connected ports"),
                        Opt.bool("no-start", "don't start the bridge immediately")),
                cmd("iface-commit", "commit changes made since iface-begin and free restore point",
                        "commit changes and free restore point",
                        InterfaceCommands::commit),
                cmd("iface-define", "define an inactive persistent physical host interface or modify an existing persistent one from an XML file",
                        "Define or modify a persistent physical host interface.",
                        InterfaceCommands::define,
                        Opt.data("file", "file containing an XML interface description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("iface-destroy", "destroy a physical host interface (disable it / \"if-down\")",
                        "forcefully stop a physical host interface.",
                        InterfaceCommands::destroy,
                        Opt.data("interface", "interface name or MAC address").req().complete(Completer.INTERFACE)),
                cmd("iface-dumpxml", "interface information in XML",
                        "Output the physical host interface information as an XML dump to stdout.",
                        InterfaceCommands::dumpxml,
                        Opt.data("interface", "interface name or MAC address").req().complete(Completer.INTERFACE),
                        Opt.bool("inactive", "show inactive defined XML"),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("iface-edit", "edit XML configuration for a physical host interface",
                        "Edit the XML configuration for a physical host interface.",
                        InterfaceCommands::edit,
                        Opt.data("interface", "interface name or MAC address").req().complete(Completer.INTERFACE)),
                cmd("iface-list", "list physical host interfaces",
                        "Returns list of physical host interfaces.",
                        InterfaceCommands::list,
                        Opt.bool("inactive", "list inactive interfaces"),
                        Opt.bool("all", "list inactive & active interfaces")),
                cmd("iface-mac", "convert an interface name to interface MAC address",
                        "",
                        InterfaceCommands::mac,
                        Opt.data("interface", "interface name").req().complete(Completer.INTERFACE)),
                cmd("iface-name", "convert an interface MAC address to interface name",
                        "",
                        InterfaceCommands::name,
                        Opt.data("interface", "interface mac").req()),
                cmd("iface-rollback", "rollback to previous saved configuration created via iface-begin",
                        "rollback to previous restore point",
                        InterfaceCommands::rollback),
                cmd("iface-start", "start a physical host interface (enable it / \"if-up\")",
                        "start a physical host interface.",
                        InterfaceCommands::start,
                        Opt.data("interface", "interface name or MAC address").req().complete(Completer.INTERFACE)),
                cmd("iface-unbridge", "undefine a bridge device after detaching its device(s)",
                        "unbridge a network device",
                        InterfaceCommands::unbridge,
                        Opt.data("bridge", "current bridge device name").req(),
                        Opt.bool("no-start", "don't start the detached interface immediately (not recommended)")),
                cmd("iface-undefine", "undefine a physical host interface (remove it from configuration)",
                        "undefine an interface.",
                        InterfaceCommands::undefine,
                        Opt.data("interface", "interface name or MAC address").req().complete(Completer.INTERFACE))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    static boolean list(Shell sh, Invocation cmd) {
        boolean inactive = cmd.bool("inactive");
        boolean all = cmd.bool("all");
        MonitorCommands.exclusive(sh, cmd, "all", "inactive");
        EnumSet<ListInterfacesFlag> f = EnumSet.of(ListInterfacesFlag.ACTIVE);
        if (inactive) {
            f = EnumSet.of(ListInterfacesFlag.INACTIVE);
        }
        if (all) {
            f = EnumSet.of(ListInterfacesFlag.ACTIVE, ListInterfacesFlag.INACTIVE);
        }
        List<Interface> ifaces;
        try {
            ifaces = new ArrayList<>(sh.conn().listAllInterfaces(f.toArray(new ListInterfacesFlag[0])));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to list interfaces");
        }
        ifaces.sort((a, b) -> Strings.caseCompare(a.getName(), b.getName()));
        Table t = new Table("Name", "State", "MAC Address");
        for (Interface i : ifaces) {
            t.row(i.getName(), i.isActive() ? "active" : "inactive", i.getMACString());
        }
        t.print(sh);
        return true;
    }

    static boolean name(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.ifaceBy(sh, cmd.req("interface"), false, true).getName());
        return true;
    }

    static boolean mac(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.ifaceBy(sh, cmd.req("interface"), true, false).getMACString());
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        boolean inactive = cmd.bool("inactive");
        Interface i = Lookup.iface(sh, cmd, "interface");
        return XPathOut.print(sh, i.getXMLDesc(inactive), cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean define(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        // --validate has no counterpart: the jvirt API's interfaceDefineXML takes no flags
        String xml = sh.readFile(from);
        Interface i;
        try {
            i = sh.conn().interfaceDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define interface from %s", from);
        }
        sh.printExtra("Interface %s defined from %s\n", i.getName(), from);
        return true;
    }

    private static boolean act(Shell sh, Invocation cmd, java.util.function.Consumer<Interface> action,
                               String done, String failed) {
        String n = cmd.req("interface");
        Interface i = Lookup.iface(sh, cmd, "interface");
        try {
            action.accept(i);
        } catch (VirtException e) {
            throw sh.fail(e, failed, n);
        }
        sh.printExtra(done, n);
        return true;
    }

    static boolean undefine(Shell sh, Invocation cmd) {
        return act(sh, cmd, Interface::undefine, "Interface %s undefined\n", "Failed to undefine interface %s");
    }

    static boolean start(Shell sh, Invocation cmd) {
        return act(sh, cmd, Interface::create, "Interface %s started\n", "Failed to start interface %s");
    }

    static boolean destroy(Shell sh, Invocation cmd) {
        act(sh, cmd, Interface::destroy, "Interface %s destroyed\n", "Failed to destroy interface %s");
        // virsh 9.0's cmdInterfaceDestroy reports failure even when the interface was destroyed
        return false;
    }

    static boolean edit(Shell sh, Invocation cmd) {
        Interface i = Lookup.iface(sh, cmd, "interface");
        return Editor.edit(sh, i.getXMLDesc(true), "Interface", i.getName(),
                xml -> sh.conn().interfaceDefineXML(xml).getName(),
                "Interface %s XML configuration not changed.\n", "Interface %s XML configuration edited.\n");
    }

    static boolean begin(Shell sh, Invocation cmd) {
        try {
            sh.conn().interfaceChangeBegin();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to begin network config change transaction");
        }
        sh.printExtra("%s", "Network config change transaction started\n");
        return true;
    }

    static boolean commit(Shell sh, Invocation cmd) {
        try {
            sh.conn().interfaceChangeCommit();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to commit network config change transaction");
        }
        sh.printExtra("%s", "Network config change transaction committed\n");
        return true;
    }

    static boolean rollback(Shell sh, Invocation cmd) {
        try {
            sh.conn().interfaceChangeRollback();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to rollback network config change transaction");
        }
        sh.printExtra("%s", "Network config change transaction rolled back\n");
        return true;
    }

    // ---- iface-bridge / iface-unbridge: the definition rewritten around (or out of) a <bridge> -----------

    /** The children that move between the outer interface and the one attached to the bridge. */
    private static final List<String> MOVED = List.of("mac", "bond", "vlan");

    static boolean bridge(Shell sh, Invocation cmd) {
        String ifName = cmd.req("interface");
        Interface iface = Lookup.ifaceBy(sh, ifName, true, false);
        String brName = cmd.req("bridge");
        VirtException absent = null;
        try {
            sh.conn().interfaceLookupByName(brName);
        } catch (VirtException e) {
            absent = e;
        }
        if (absent == null) {
            throw sh.fail("Network device %s already exists", brName);
        }
        boolean stp = !cmd.bool("no-stp");
        long delay;
        try {
            delay = cmd.uint("delay", 0);
        } catch (Failed f) {
            // libvirt's last error is still the failed lookup: virsh reports it after its own message
            throw new Failed(absent);
        }
        boolean nostart = cmd.bool("no-start");
        OrderedXml x = OrderedXml.of(sh, iface.getXMLDesc(true),
                String.format("Failed to parse configuration of %s", ifName));
        Element top = x.doc().getDocumentElement();
        String type = top.hasAttribute("type") ? top.getAttribute("type") : null;
        if (type == null) {
            throw sh.fail("Existing device %s has no type", ifName);
        }
        if (type.equals("bridge")) {
            throw sh.fail("Existing device %s is already a bridge", ifName);
        }
        String name = top.hasAttribute("name") ? top.getAttribute("name") : null;
        if (!ifName.equals(name)) {
            throw sh.fail("Interface name from config %s doesn't match given supplied name %s",
                    name == null ? "(null)" : name, ifName);
        }
        Element br = x.doc().createElement("bridge");
        top.appendChild(br);
        x.set(br, "stp", stp ? "on" : "off");
        if (stp) {
            x.set(br, "delay", Long.toString((int) delay));
        }
        x.set(top, "type", "bridge");
        x.set(top, "name", brName);
        Element inner = x.doc().createElement("interface");
        br.appendChild(inner);
        x.set(inner, "type", type);
        x.set(inner, "name", ifName);
        moveChildren(top, inner);
        Interface made;
        try {
            made = sh.conn().interfaceDefineXML(document(x));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define new bridge interface %s", brName);
        }
        sh.printExtra("Created bridge %s with attached device %s\n", brName, ifName);
        if (!nostart) {
            try {
                made.create();
            } catch (VirtException e) {
                throw sh.fail(e, "Failed to start bridge interface %s", brName);
            }
            sh.printExtra("Bridge interface %s started\n", brName);
        }
        return true;
    }

    static boolean unbridge(Shell sh, Invocation cmd) {
        String brName = cmd.req("bridge");
        Interface br = Lookup.ifaceBy(sh, brName, true, false);
        boolean nostart = cmd.bool("no-start");
        OrderedXml x = OrderedXml.of(sh, br.getXMLDesc(true),
                String.format("Failed to parse configuration of %s", brName));
        Element top = x.doc().getDocumentElement();
        if (!top.hasAttribute("type")) {
            throw sh.fail("Existing device %s has no type", brName);
        }
        if (!top.getAttribute("type").equals("bridge")) {
            throw sh.fail("Device %s is not a bridge", brName);
        }
        String name = top.hasAttribute("name") ? top.getAttribute("name") : null;
        if (!brName.equals(name)) {
            throw sh.fail("Interface name from config %s doesn't match given supplied name %s",
                    name == null ? "(null)" : name, brName);
        }
        List<org.w3c.dom.Node> bridges = Xml.nodes(top, "./bridge");
        if (bridges.isEmpty()) {
            throw sh.fail("No bridge node in xml document");
        }
        if (!Xml.nodes(top, "./bridge/interface[2]").isEmpty()) {
            throw sh.fail("Multiple interfaces attached to bridge");
        }
        List<org.w3c.dom.Node> attached = Xml.nodes(top, "./bridge/interface");
        if (attached.isEmpty()) {
            throw sh.fail("No interface attached to bridge");
        }
        Element inner = (Element) attached.get(0);
        if (!inner.hasAttribute("name")) {
            throw sh.fail("Device attached to bridge %s has no name", brName);
        }
        String ifName = inner.getAttribute("name");
        if (!inner.hasAttribute("type")) {
            throw sh.fail("Attached device %s has no type", ifName);
        }
        x.set(top, "type", inner.getAttribute("type"));
        x.set(top, "name", ifName);
        moveChildren(inner, top);
        String xml = document(x);
        // the bridge must go before the device it held can be defined on its own
        try {
            br.destroy();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to destroy bridge interface %s", brName);
        }
        try {
            br.undefine();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to undefine bridge interface %s", brName);
        }
        Interface made;
        try {
            made = sh.conn().interfaceDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define new interface %s", ifName);
        }
        sh.printExtra("Device %s un-attached from bridge %s\n", ifName, brName);
        if (!nostart) {
            try {
                made.create();
            } catch (VirtException e) {
                throw sh.fail(e, "Failed to start interface %s", ifName);
            }
            sh.printExtra("Interface %s started\n", ifName);
        }
        return true;
    }

    /** Moves the mac, bond and vlan elements of {@code from} to the end of {@code to}, in order. */
    private static void moveChildren(Element from, Element to) {
        List<Element> moving = new ArrayList<>();
        for (org.w3c.dom.Node c = from.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && MOVED.contains(e.getTagName())) {
                moving.add(e);
            }
        }
        for (Element e : moving) {
            to.appendChild(e);
        }
    }

    /** xmlDocDumpMemory: the declaration, then the root element. */
    private static String document(OrderedXml x) {
        return "<?xml version=\"1.0\"?>\n" + x.dump(x.doc().getDocumentElement()) + "\n";
    }
}
