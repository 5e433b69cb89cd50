package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import org.jvirt.Network;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.flags.ListNetworksFlag;
import org.jvirt.flags.NetworkCreateFlag;
import org.jvirt.flags.NetworkDefineFlag;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.NetworkXMLFlag;

/** virsh's "Networking" group (help keyword 'network'): the table first, then the handlers. */
final class NetworkCommands {

    private NetworkCommands() {
    }

    static Group group() {
        return new Group("Networking", "network", List.of(
                cmd("net-autostart", "autostart a network",
                        "Configure a network to be automatically started at boot.",
                        NetworkCommands::netAutostart,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.bool("disable", "disable autostarting")),
                cmd("net-create", "create a network from an XML file",
                        "Create a network.",
                        NetworkCommands::netCreate,
                        Opt.data("file", "file containing an XML network description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("net-define", "define an inactive persistent virtual network or modify an existing persistent one from an XML file",
                        "Define or modify a persistent virtual network.",
                        NetworkCommands::netDefine,
                        Opt.data("file", "file containing an XML network description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("net-destroy", "destroy (stop) a network",
                        "Forcefully stop a given network.",
                        NetworkCommands::netDestroy,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK)),
                cmd("net-dhcp-leases", "print lease info for a given network",
                        "Print lease info for a given network",
                        NetworkCommands::netDhcpLeases,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.string("mac", "MAC address")),
                cmd("net-dumpxml", "network information in XML",
                        "Output the network information as an XML dump to stdout.",
                        NetworkCommands::netDumpxml,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.bool("inactive", "show inactive defined XML"),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("net-edit", "edit XML configuration for a network",
                        "Edit the XML configuration for a network.",
                        NetworkCommands::netEdit,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK)),
                cmd("net-event", "Network Events",
                        "List event types, or wait for network events to occur",
                        EventCommands::networkEvent,
                        Opt.string("network", "filter by network name or uuid").complete(Completer.NETWORK),
                        Opt.string("event", "which event type to wait for").complete(Completer.NETWORK_EVENT),
                        Opt.bool("loop", "loop until timeout or interrupt, rather than one-shot"),
                        Opt.integer("timeout", "timeout seconds"),
                        Opt.bool("list", "list valid event types"),
                        Opt.bool("timestamp", "show timestamp for each printed event")),
                cmd("net-info", "network information",
                        "Returns basic information about the network",
                        NetworkCommands::netInfo,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK)),
                cmd("net-list", "list networks",
                        "Returns list of networks.",
                        NetworkCommands::netList,
                        Opt.bool("inactive", "list inactive networks"),
                        Opt.bool("all", "list inactive & active networks"),
                        Opt.bool("persistent", "list persistent networks"),
                        Opt.bool("transient", "list transient networks"),
                        Opt.bool("autostart", "list networks with autostart enabled"),
                        Opt.bool("no-autostart", "list networks with autostart disabled"),
                        Opt.bool("uuid", "list uuid's only"),
                        Opt.bool("name", "list network names only"),
                        Opt.bool("table", "list table (default)")),
                cmd("net-name", "convert a network UUID to network name",
                        "",
                        NetworkCommands::netName,
                        Opt.data("network", "network uuid").req()),
                cmd("net-start", "start a (previously defined) inactive network",
                        "Start a network.",
                        NetworkCommands::netStart,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK)),
                cmd("net-undefine", "undefine a persistent network",
                        "Undefine the configuration for a persistent network.",
                        NetworkCommands::netUndefine,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK)),
                cmd("net-update", "update parts of an existing network's configuration",
                        "",
                        NetworkCommands::netUpdate,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.data("command", "type of update (add-first, add-last (add), delete, or modify)").req(),
                        Opt.data("section", "which section of network configuration to update").req(),
                        Opt.data("xml", "name of file containing xml (or, if it starts with '<', the complete xml element itself) to add/modify, or to be matched for search").req().complete(Completer.FILE),
                        Opt.integer("parent-index", "which parent object to search through"),
                        Opt.bool("config", "affect next network startup"),
                        Opt.bool("live", "affect running network"),
                        Opt.bool("current", "affect current state of network")),
                cmd("net-uuid", "convert a network name to network UUID",
                        "",
                        NetworkCommands::netUuid,
                        Opt.data("network", "network name").req().complete(Completer.NETWORK)),
                cmd("net-port-list", "list network ports",
                        "Returns list of network ports.",
                        NetworkPortCommands::list,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.bool("uuid", "list uuid's only"),
                        Opt.bool("table", "list table (default)")),
                cmd("net-port-create", "create a network port from an XML file",
                        "Create a network port.",
                        NetworkPortCommands::create,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.data("file", "file containing an XML network port description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("net-port-dumpxml", "network port information in XML",
                        "Output the network port information as an XML dump to stdout.",
                        NetworkPortCommands::dumpxml,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.data("port", "port UUID").req(),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("net-port-delete", "delete the specified network port",
                        "Delete the specified network port.",
                        NetworkPortCommands::delete,
                        Opt.data("network", "network name or uuid").req().complete(Completer.NETWORK),
                        Opt.data("port", "port UUID").req())));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    static boolean netList(Shell sh, Invocation cmd) {
        EnumSet<ListNetworksFlag> f = EnumSet.noneOf(ListNetworksFlag.class);
        if (cmd.bool("inactive")) {
            f.add(ListNetworksFlag.INACTIVE);
        }
        if (!cmd.bool("all") && !cmd.bool("inactive")) {
            f.add(ListNetworksFlag.ACTIVE);
        }
        String[][] filters = {{"persistent", "PERSISTENT"}, {"transient", "TRANSIENT"},
            {"autostart", "AUTOSTART"}, {"no-autostart", "NO_AUTOSTART"}};
        for (String[] kv : filters) {
            if (cmd.bool(kv[0])) {
                f.add(ListNetworksFlag.valueOf(kv[1]));
            }
        }
        MonitorCommands.exclusive(sh, cmd, "table", "name");
        MonitorCommands.exclusive(sh, cmd, "table", "uuid");
        List<Network> nets = new ArrayList<>(sh.conn().listAllNetworks(f.toArray(new ListNetworksFlag[0])));
        nets.sort(Comparator.comparing(Network::getName));
        boolean name = cmd.bool("name");
        boolean uuid = cmd.bool("uuid");
        if (!name && !uuid || cmd.bool("table")) {
            Table t = new Table("Name", "State", "Autostart", "Persistent");
            for (Network n : nets) {
                boolean persistent = n.isPersistent();
                t.row(n.getName(), n.isActive() ? "active" : "inactive",
                        !persistent ? "no" : n.getAutostart() ? "yes" : "no", persistent ? "yes" : "no");
            }
            t.print(sh);
            return true;
        }
        for (Network n : nets) {
            if (uuid && name) {
                sh.print("%s  %s\n", n.getUUIDString(), n.getName());
            } else {
                sh.print("%s\n", uuid ? n.getUUIDString() : n.getName());
            }
        }
        return true;
    }

    static boolean netInfo(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        String f = "%-15s %s\n";
        sh.print(f, "Name:", n.getName());
        sh.print(f, "UUID:", n.getUUIDString());
        sh.print(f, "Active:", n.isActive() ? "yes" : "no");
        boolean persistent = n.isPersistent();
        sh.print(f, "Persistent:", persistent ? "yes" : "no");
        sh.print(f, "Autostart:", n.getAutostart() ? "yes" : "no");
        try {
            sh.print(f, "Bridge:", n.getBridgeName());
        } catch (VirtException e) {
            // a network without a bridge shows no Bridge line
        }
        return true;
    }

    static boolean netUuid(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.network(sh, cmd).getUUIDString());
        return true;
    }

    static boolean netName(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.network(sh, cmd).getName());
        return true;
    }

    static boolean netDumpxml(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        String xml = cmd.bool("inactive") ? n.getXMLDesc(NetworkXMLFlag.INACTIVE) : n.getXMLDesc();
        return XPathOut.print(sh, xml, cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean netDestroy(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        try {
            n.destroy();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to destroy network %s", n.getName());
        }
        sh.printExtra("Network %s destroyed\n", n.getName());
        return true;
    }

    static boolean netStart(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        try {
            n.create();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to start network %s", n.getName());
        }
        sh.printExtra("Network %s started\n", n.getName());
        return true;
    }

    static boolean netUndefine(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        try {
            n.undefine();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to undefine network %s", n.getName());
        }
        sh.printExtra("Network %s has been undefined\n", n.getName());
        return true;
    }

    static boolean netAutostart(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        boolean on = !cmd.bool("disable");
        try {
            n.setAutostart(on);
        } catch (VirtException e) {
            throw sh.fail(e, on ? "failed to mark network %s as autostarted"
                    : "failed to unmark network %s as autostarted", n.getName());
        }
        sh.printExtra(on ? "Network %s marked as autostarted\n" : "Network %s unmarked as autostarted\n",
                n.getName());
        return true;
    }

    static boolean netDefine(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        Network n;
        try {
            n = cmd.bool("validate") ? sh.conn().networkDefineXML(xml, NetworkDefineFlag.VALIDATE)
                    : sh.conn().networkDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define network from %s", from);
        }
        sh.printExtra("Network %s defined from %s\n", n.getName(), from);
        return true;
    }

    static boolean netCreate(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        Network n;
        try {
            n = cmd.bool("validate") ? sh.conn().networkCreateXML(xml, NetworkCreateFlag.VALIDATE)
                    : sh.conn().networkCreateXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create network from %s", from);
        }
        sh.printExtra("Network %s created from %s\n", n.getName(), from);
        return true;
    }

    static boolean netEdit(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        return Editor.edit(sh, n.getXMLDesc(NetworkXMLFlag.INACTIVE), "Network", n.getName(),
                xml -> sh.conn().networkDefineXML(xml).getName(),
                "Network %s XML configuration not changed.\n", "Network %s XML configuration edited.\n");
    }

    /** virsh's section names, by their virNetworkUpdateSection code. */
    private static final List<String> SECTIONS = List.of("none", "bridge", "domain", "ip", "ip-dhcp-host",
            "ip-dhcp-range", "forward", "forward-interface", "forward-pf", "portgroup", "dns-host", "dns-txt",
            "dns-srv");

    /** virsh's command names, by their virNetworkUpdateCommand code ("add" is add-last). */
    private static final List<String> UPDATE_COMMANDS = List.of("none", "modify", "delete", "add-last",
            "add-first");

    static boolean netUpdate(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
        Network n = Lookup.network(sh, cmd);
        String commandStr = cmd.req("command");
        int command = commandStr.equals("add") ? NetworkUpdateCommand.ADD_LAST.code()
                : UPDATE_COMMANDS.indexOf(commandStr);
        if (command <= 0) {
            throw sh.fail("unrecognized command name '%s'", commandStr);
        }
        String sectionStr = cmd.req("section");
        int section = SECTIONS.indexOf(sectionStr);
        if (section <= 0) {
            throw sh.fail("unrecognized section name '%s'", sectionStr);
        }
        int parentIndex = cmd.integer("parent-index", -1);
        // an element itself when it starts with '<', else the name of a file that holds it
        String xml = cmd.req("xml");
        if (!xml.startsWith("<")) {
            xml = sh.readFile(xml);
        }
        boolean config = cmd.bool("config");
        boolean live = cmd.bool("live");
        List<NetworkUpdateFlag> f = new ArrayList<>();
        if (config) {
            f.add(NetworkUpdateFlag.AFFECT_CONFIG);
        }
        if (live) {
            f.add(NetworkUpdateFlag.AFFECT_LIVE);
        }
        try {
            n.update(NetworkUpdateCommand.fromCode(command, null), NetworkUpdateSection.fromCode(section, null),
                    parentIndex, xml, f.toArray(new NetworkUpdateFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to update network %s", n.getName());
        }
        String what;
        if (config) {
            what = live ? "persistent config and live state" : "persistent config";
        } else if (live || n.isActive()) {
            what = "live state";
        } else {
            what = "persistent config";
        }
        sh.printExtra("Updated network %s %s", n.getName(), what);
        return true;
    }

    static boolean netDhcpLeases(Shell sh, Invocation cmd) {
        String mac = cmd.string("mac");
        String name = cmd.req("network");
        Network n = Lookup.network(sh, cmd);
        List<NetworkDHCPLease> leases;
        try {
            leases = new ArrayList<>(n.getDHCPLeases(mac));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to get leases info for %s", name);
        }
        leases.sort(Comparator.comparing(NetworkDHCPLease::mac, Comparator.nullsLast(Strings::caseCompare)));
        Table t = new Table("Expiry Time", "MAC address", "Protocol", "IP address", "Hostname",
                "Client ID or DUID");
        java.time.format.DateTimeFormatter when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (NetworkDHCPLease l : leases) {
            String expiry = java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(l.expiryTime()),
                    java.time.ZoneId.systemDefault()).format(when);
            // VIR_IP_ADDR_TYPE_IPV4 is 0, IPV6 1
            String type = l.type() == 0 ? "ipv4" : l.type() == 1 ? "ipv6" : null;
            t.row(expiry, orMinus(l.mac()), orMinus(type), l.ipaddr() + "/" + l.prefix(), orMinus(l.hostname()),
                    orMinus(l.clientId()));
        }
        t.print(sh);
        return true;
    }

    /** NULLSTR_MINUS. */
    private static String orMinus(String s) {
        return s == null ? "-" : s;
    }
}
