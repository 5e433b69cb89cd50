package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.Interface;
import org.jvirt.VirtException;
import org.jvirt.flags.ListInterfacesFlag;

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
                        Unsupported.api("virInterfaceGetXMLDesc"),
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
                        Unsupported.api("virInterfaceGetXMLDesc"),
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
}

