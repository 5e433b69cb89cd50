package org.jvirt.driver.network.obj;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.network.NetworkXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What a started network put on the host beyond its bridge, so that destroy (in this process or after a daemon
 * restart) removes exactly that: dnsmasq's pid and the nftables rules by family, table, chain and handle.
 */
public record RunState(int dnsmasqPid, List<Rule> rules, boolean tableMade) {

    /** One nftables rule this network added. */
    public record Rule(String family, String table, String chain, long handle) {
    }

    public static RunState none() {
        return new RunState(0, List.of(), false);
    }

    /** The status file: libvirt's {@code <networkstatus>} holding the live definition, plus what we started. */
    public static String statusXml(NetworkXml live, RunState run) {
        StringBuilder s = new StringBuilder("<networkstatus>\n");
        if (run.dnsmasqPid > 0) {
            s.append("  <dnsmasq pid='").append(run.dnsmasqPid).append("'/>\n");
        }
        for (Rule r : run.rules) {
            s.append("  <rule family='").append(r.family).append("' table='").append(r.table).append("' chain='")
                    .append(r.chain).append("' handle='").append(r.handle).append("'/>\n");
        }
        if (run.tableMade) {
            s.append("  <tablemade/>\n");
        }
        // not re-indented: blank text the definition keeps (an empty <ip>) must read back unchanged
        s.append(live.toXml());
        return s.append("</networkstatus>\n").toString();
    }

    /** Reads a status file back: the live definition and the run state. */
    public static Status parseStatus(String text) {
        Document doc = XmlParser.defaults().parse(text, "(network_status)", org.jvirt.ErrorDomain.NETWORK,
                "networkstatus");
        Element root = doc.getDocumentElement();
        Element dm = Dom.child(root, "dnsmasq");
        int pid = dm == null ? 0 : Integer.parseInt(Dom.attribute(dm, "pid"));
        List<Rule> rules = new ArrayList<>();
        for (Element r : Dom.children(root, "rule")) {
            rules.add(new Rule(Dom.attribute(r, "family"), Dom.attribute(r, "table"), Dom.attribute(r, "chain"),
                    Long.parseLong(Dom.attribute(r, "handle"))));
        }
        Element net = Dom.child(root, "network");
        NetworkXml live = NetworkXml.parse(org.jvirt.xml.XmlWriter.toXml(net));
        return new Status(live, new RunState(pid, List.copyOf(rules), Dom.child(root, "tablemade") != null));
    }

    /** A status file's content. */
    public record Status(NetworkXml live, RunState run) {
    }
}
