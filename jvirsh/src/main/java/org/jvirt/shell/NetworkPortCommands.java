package org.jvirt.shell;

import org.jvirt.Network;
import org.jvirt.NetworkPort;
import org.jvirt.VirtException;
import org.jvirt.flags.NetworkPortCreateFlag;

/** The net-port-* handlers (virsh-network.c's cmdNetworkPort*); the commands are declared in NetworkCommands. */
final class NetworkPortCommands {

    private NetworkPortCommands() {
    }

    static boolean list(Shell sh, Invocation cmd) {
        boolean table = cmd.bool("table");
        boolean uuid = cmd.bool("uuid");
        if (table && uuid) {
            throw sh.fail("Only one argument from --table and --uuid may be specified.");
        }
        Network n = Lookup.network(sh, cmd);
        java.util.List<NetworkPort> ports = n.listAllPorts(); // virsh adds no words of its own here
        if (uuid) {
            for (NetworkPort p : ports) {
                sh.print("%s\n", p.getUUIDString());
            }
            return true;
        }
        Table t = new Table("UUID");
        for (NetworkPort p : ports) {
            t.row(p.getUUIDString());
        }
        t.print(sh);
        return true;
    }

    static boolean create(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        NetworkPort p;
        try {
            p = cmd.bool("validate") ? n.portCreateXML(xml, NetworkPortCreateFlag.VALIDATE) : n.portCreateXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create network from %s", from);
        }
        sh.printExtra("Network port %s created from %s\n", p.getUUIDString(), from);
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        NetworkPort p = port(sh, cmd);
        return XPathOut.print(sh, p.getXMLDesc(), cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean delete(Shell sh, Invocation cmd) {
        NetworkPort p = port(sh, cmd);
        try {
            p.delete();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to delete network port %s", p.getUUIDString());
        }
        sh.printExtra("Network port %s deleted\n", p.getUUIDString());
        return true;
    }

    private static NetworkPort port(Shell sh, Invocation cmd) {
        Network n = Lookup.network(sh, cmd);
        return n.portLookupByUUIDString(cmd.req("port"));
    }
}
