package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.DomainMetadataType;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorNumber;
import org.jvirt.SecurityLabel;
import org.jvirt.SecurityModel;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.ListDomainsFlag;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** virsh's "Domain Monitoring" group (help keyword 'monitor'): the table first, then the handlers. */
final class MonitorCommands {

    private MonitorCommands() {
    }

    static Group group() {
        return new Group("Domain Monitoring", "monitor", List.of(
                cmd("domblkerror", "Show errors on block devices",
                        "Show block device errors",
                        Unsupported.api("virDomainGetDiskErrors"),
                        CommonOpts.DOMAIN_FULL),
                cmd("domblkinfo", "domain block device size information",
                        "Get block device size info for a domain.",
                        DomainIO::domblkinfo,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("device", "block device"),
                        Opt.bool("human", "Human readable output"),
                        Opt.bool("all", "display all block devices info")),
                cmd("domblklist", "list all domain blocks",
                        "Get the summary of block devices for a domain.",
                        MonitorCommands::domblklist,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("inactive", "get inactive rather than running configuration"),
                        Opt.bool("details", "additionally display the type and device value")),
                cmd("domblkstat", "get device block stats for a domain",
                        "Get device block stats for a running domain. See man page or use --human for explanation of fields",
                        DomainIO::domblkstat,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("device", "block device").emptyOk(),
                        Opt.bool("human", "print a more human readable output")),
                cmd("domcontrol", "domain control interface state",
                        "Returns state of a control interface to the domain.",
                        Unsupported.api("virDomainGetControlInfo"),
                        CommonOpts.DOMAIN_FULL),
                cmd("domif-getlink", "get link state of a virtual interface",
                        "Get link state of a domain's virtual interface.",
                        DomainIO::domifGetlink,
                        CommonOpts.DOMAIN_FULL,
                        Opt.data("interface", "interface device (MAC Address)").req(),
                        Opt.alias("persistent", "config"),
                        Opt.bool("config", "Get persistent interface state")),
                cmd("domifaddr", "Get network interfaces' addresses for a running domain",
                        "Get network interfaces' addresses for a running domain",
                        DomIfAddrCommand::run,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("interface", "network interface name"),
                        Opt.bool("full", "always display names and MACs of interfaces"),
                        Opt.string("source", "address source: 'lease', 'agent', or 'arp'")),
                cmd("domiflist", "list all domain virtual interfaces",
                        "Get the summary of virtual interfaces for a domain.",
                        MonitorCommands::domiflist,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("inactive", "get inactive rather than running configuration")),
                cmd("domifstat", "get network interface stats for a domain",
                        "Get network interface stats for a running domain.",
                        DomainIO::domifstat,
                        CommonOpts.DOMAIN_FULL,
                        Opt.data("interface", "interface device specified by name or MAC Address").req()),
                cmd("dominfo", "domain information",
                        "Returns basic information about the domain.",
                        MonitorCommands::dominfo,
                        CommonOpts.DOMAIN_FULL),
                cmd("dommemstat", "get memory statistics for a domain",
                        "Get memory statistics for a running domain.",
                        DomainIO::dommemstat,
                        CommonOpts.DOMAIN_FULL,
                        Opt.integer("period", "period in seconds to set collection").named(),
                        CommonOpts.CONFIG,
                        CommonOpts.LIVE,
                        CommonOpts.CURRENT),
                cmd("domstate", "domain state",
                        "Returns state about a domain.",
                        MonitorCommands::domstate,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("reason", "also print reason for the state")),
                cmd("domstats", "get statistics about one or multiple domains",
                        "Gets statistics about one or more (or all) domains",
                        DomStatsCommand::run,
                        Opt.bool("state", "report domain state"),
                        Opt.bool("cpu-total", "report domain physical cpu usage"),
                        Opt.bool("balloon", "report domain balloon statistics"),
                        Opt.bool("vcpu", "report domain virtual cpu information"),
                        Opt.bool("interface", "report domain network interface information"),
                        Opt.bool("block", "report domain block device statistics"),
                        Opt.bool("perf", "report domain perf event statistics"),
                        Opt.bool("iothread", "report domain IOThread information"),
                        Opt.bool("memory", "report domain memory usage"),
                        Opt.bool("dirtyrate", "report domain dirty rate information"),
                        Opt.bool("vm", "report hypervisor-specific statistics"),
                        Opt.bool("list-active", "list only active domains"),
                        Opt.bool("list-inactive", "list only inactive domains"),
                        Opt.bool("list-persistent", "list only persistent domains"),
                        Opt.bool("list-transient", "list only transient domains"),
                        Opt.bool("list-running", "list only running domains"),
                        Opt.bool("list-paused", "list only paused domains"),
                        Opt.bool("list-shutoff", "list only shutoff domains"),
                        Opt.bool("list-other", "list only domains in other states"),
                        Opt.bool("raw", "do not pretty-print the fields"),
                        Opt.bool("enforce", "enforce requested stats parameters"),
                        Opt.bool("backing", "add backing chain information to block stats"),
                        Opt.bool("nowait", "report only stats that are accessible instantly"),
                        Opt.argv("domain", "list of domains to get stats for").complete(Completer.DOMAIN)),
                cmd("domtime", "domain time",
                        "Gets or sets the domain's system time",
                        AgentCommands::domtime,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("now", "set to the time of the host running virsh"),
                        Opt.bool("pretty", "print domain's time in human readable form"),
                        Opt.bool("sync", "instead of setting given time, synchronize from domain's RTC"),
                        Opt.integer("time", "time to set")),
                cmd("list", "list domains",
                        "Returns list of domains.",
                        MonitorCommands::list,
                        Opt.bool("inactive", "list inactive domains"),
                        Opt.bool("all", "list inactive & active domains"),
                        Opt.bool("transient", "list transient domains"),
                        Opt.bool("persistent", "list persistent domains"),
                        Opt.bool("with-snapshot", "list domains with existing snapshot"),
                        Opt.bool("without-snapshot", "list domains without a snapshot"),
                        Opt.bool("with-checkpoint", "list domains with existing checkpoint"),
                        Opt.bool("without-checkpoint", "list domains without a checkpoint"),
                        Opt.bool("state-running", "list domains in running state"),
                        Opt.bool("state-paused", "list domains in paused state"),
                        Opt.bool("state-shutoff", "list domains in shutoff state"),
                        Opt.bool("state-other", "list domains in other states"),
                        Opt.bool("autostart", "list domains with autostart enabled"),
                        Opt.bool("no-autostart", "list domains with autostart disabled"),
                        Opt.bool("with-managed-save", "list domains with managed save state"),
                        Opt.bool("without-managed-save", "list domains without managed save"),
                        Opt.bool("uuid", "list uuid's only"),
                        Opt.bool("name", "list domain names only"),
                        Opt.bool("id", "list domain IDs only"),
                        Opt.bool("table", "list table (default)"),
                        Opt.bool("managed-save", "mark inactive domains with managed save state"),
                        Opt.bool("title", "show domain title"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    static void exclusive(Shell sh, Invocation cmd, String a, String b) {
        if (cmd.bool(a) && cmd.bool(b)) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", a, b);
        }
    }

    /** virshDomainSorter: running domains by id, then the others by name. */
    static final Comparator<Domain> ORDER = (a, b) -> {
        int ia = a.getID();
        int ib = b.getID();
        if (ia < 0 && ib < 0) {
            return a.getName().compareToIgnoreCase(b.getName());
        }
        if (ia >= 0 && ib >= 0) {
            return Integer.compare(ia, ib);
        }
        return ia >= 0 ? -1 : 1;
    };

    static boolean list(Shell sh, Invocation cmd) {
        EnumSet<ListDomainsFlag> flags = EnumSet.of(ListDomainsFlag.ACTIVE);
        if (cmd.bool("inactive") || cmd.bool("state-shutoff")) {
            flags = EnumSet.of(ListDomainsFlag.INACTIVE);
        }
        if (cmd.bool("all")) {
            flags = EnumSet.of(ListDomainsFlag.INACTIVE, ListDomainsFlag.ACTIVE);
        }
        String[][] filters = {
            {"persistent", "PERSISTENT"}, {"transient", "TRANSIENT"}, {"with-managed-save", "MANAGEDSAVE"},
            {"without-managed-save", "NO_MANAGEDSAVE"}, {"autostart", "AUTOSTART"},
            {"no-autostart", "NO_AUTOSTART"}, {"with-snapshot", "HAS_SNAPSHOT"},
            {"without-snapshot", "NO_SNAPSHOT"}, {"with-checkpoint", "HAS_CHECKPOINT"},
            {"without-checkpoint", "NO_CHECKPOINT"}, {"state-running", "RUNNING"}, {"state-paused", "PAUSED"},
            {"state-shutoff", "SHUTOFF"}, {"state-other", "OTHER"},
        };
        for (String[] f : filters) {
            if (cmd.bool(f[0])) {
                flags.add(ListDomainsFlag.valueOf(f[1]));
            }
        }
        exclusive(sh, cmd, "table", "name");
        exclusive(sh, cmd, "table", "uuid");
        exclusive(sh, cmd, "table", "id");
        boolean optUUID = cmd.bool("uuid");
        boolean optName = cmd.bool("name");
        boolean optID = cmd.bool("id");
        boolean optTable = cmd.bool("table") || (!optUUID && !optName && !optID);
        boolean title = cmd.bool("title");
        boolean managed = cmd.bool("managed-save");
        List<Domain> doms = new ArrayList<>(sh.conn().listAllDomains(flags.toArray(new ListDomainsFlag[0])));
        doms.sort(ORDER);
        Table t = title ? new Table("Id", "Name", "State", "Title") : new Table("Id", "Name", "State");
        StringBuilder b = new StringBuilder();
        for (Domain d : doms) {
            String id = d.getID() >= 0 ? String.valueOf(d.getID()) : "-";
            if (optTable) {
                DomainState st;
                try {
                    st = d.getState().state();
                } catch (VirtException e) {
                    continue;
                }
                String state = managed && st == DomainState.SHUTOFF && d.hasManagedSaveImage() ? "saved"
                        : States.state(st);
                if (title) {
                    t.row(id, d.getName(), state, description(d, true, false));
                } else {
                    t.row(id, d.getName(), state);
                }
            } else {
                String sep = "";
                if (optUUID) {
                    b.append(d.getUUIDString());
                    sep = " ";
                }
                if (optID) {
                    if (d.getID() < 0 && !optUUID && !optName) {
                        continue;
                    }
                    b.append(sep).append(id);
                    sep = " ";
                }
                if (optName) {
                    b.append(sep).append(d.getName());
                }
                b.append('\n');
            }
        }
        if (optTable) {
            t.print(sh);
        } else {
            sh.print("%s", b.toString());
        }
        return true;
    }

    /** virshGetDomainDescription: the title or description from the XML, "" when there is none. */
    static String description(Domain d, boolean title, boolean inactive) {
        try {
            return d.getMetadata(title ? DomainMetadataType.TITLE : DomainMetadataType.DESCRIPTION, null,
                    inactive ? new org.jvirt.flags.DomainModificationImpact[] {
                        org.jvirt.flags.DomainModificationImpact.CONFIG}
                        : new org.jvirt.flags.DomainModificationImpact[0]);
        } catch (VirtException e) {
            if (e.number() == org.jvirt.ErrorNumber.NO_DOMAIN_METADATA) {
                return "";
            }
            throw e;
        }
    }

    static boolean dominfo(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String f = "%-15s %s\n";
        sh.print(f, "Id:", d.getID() >= 0 ? String.valueOf(d.getID()) : "-");
        sh.print(f, "Name:", d.getName());
        sh.print(f, "UUID:", d.getUUIDString());
        try {
            sh.print(f, "OS Type:", d.getOSType());
        } catch (VirtException e) {
            // virsh prints nothing when the OS type is unknown
        }
        boolean ok = true;
        try {
            DomainInfo info = d.getInfo();
            sh.print(f, "State:", States.state(info.state()));
            sh.print("%-15s %d\n", "CPU(s):", info.nrVirtCpu());
            if (info.cpuTimeNs() != 0) {
                sh.print("%-15s %.1fs\n", "CPU time:", info.cpuTimeNs() / 1e9);
            }
            if (info.maxMemKiB() != 0xFFFFFFFFL) {
                sh.print("%-15s %d KiB\n", "Max memory:", info.maxMemKiB());
            } else {
                sh.print(f, "Max memory:", "no limit");
            }
            sh.print("%-15s %d KiB\n", "Used memory:", info.memoryKiB());
        } catch (VirtException e) {
            ok = false;
        }
        String persistent;
        try {
            persistent = d.isPersistent() ? "yes" : "no";
        } catch (VirtException e) {
            persistent = "unknown";
        }
        sh.print(f, "Persistent:", persistent);
        try {
            sh.print(f, "Autostart:", d.getAutostart() ? "enable" : "disable");
        } catch (VirtException e) {
            // not shown when unknown
        }
        String managed;
        try {
            managed = d.hasManagedSaveImage() ? "yes" : "no";
        } catch (VirtException e) {
            managed = "unknown";
        }
        sh.print(f, "Managed save:", managed);
        SecurityModel model = null;
        try {
            model = d.getConnect().nodeGetSecurityModel();
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw e;
            }
        }
        // Only when a security model is active; labels exist only for running domains (virsh's cmdDominfo).
        if (model != null && !model.model().isEmpty()) {
            sh.print(f, "Security model:", model.model());
            sh.print(f, "Security DOI:", model.doi());
            SecurityLabel label = d.getSecurityLabel();
            if (!label.label().isEmpty()) {
                sh.print("%-15s %s (%s)\n", "Security label:", label.label(),
                        label.enforcing() ? "enforcing" : "permissive");
            }
        }
        // virDomainGetMessages is not in the jvirt API yet: no "Messages:" lines
        return ok;
    }

    static boolean domstate(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        DomainStateInfo st = d.getState();
        if (cmd.bool("reason")) {
            sh.print("%s (%s)\n", States.state(st.state()), States.reason(st.state(), st.reason()));
        } else {
            sh.print("%s\n", States.state(st.state()));
        }
        return true;
    }

    private static Document xml(Shell sh, Domain d, boolean inactive) {
        String x = inactive ? d.getXMLDesc(DomainXMLFlag.INACTIVE) : d.getXMLDesc();
        Document doc = Xml.parse(x);
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        return doc;
    }

    static boolean domblklist(Shell sh, Invocation cmd) {
        boolean details = cmd.bool("details");
        Domain d = Lookup.domain(sh, cmd);
        Document doc = xml(sh, d, cmd.bool("inactive"));
        Table t = details ? new Table("Type", "Device", "Target", "Source") : new Table("Target", "Source");
        for (Node n : Xml.nodes(doc, "/domain/devices/disk")) {
            Element disk = (Element) n;
            String target = Xml.string(disk, "target/@dev");
            if (target == null) {
                throw sh.fail("unable to query block list");
            }
            String source = Xml.string(disk, "source/@file|source/@dev|source/@dir|source/@name|source/@volume");
            if (source == null && disk.getAttribute("type").equals("volume")) {
                source = Xml.string(disk, "source/@pool") + "/" + Xml.string(disk, "source/@volume");
            }
            if (details) {
                t.row(disk.getAttribute("type"), disk.getAttribute("device"), target, source == null ? "-" : source);
            } else {
                t.row(target, source == null ? "-" : source);
            }
        }
        t.print(sh);
        return true;
    }

    static boolean domiflist(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        Document doc = xml(sh, d, cmd.bool("inactive"));
        Table t = new Table("Interface", "Type", "Source", "Model", "MAC");
        for (Node n : Xml.nodes(doc, "/domain/devices/interface")) {
            Element e = (Element) n;
            String target = Xml.string(e, "target/@dev");
            String source = Xml.string(e, "source/@bridge|source/@dev|source/@network|source/@name");
            String model = Xml.string(e, "model/@type");
            String mac = Xml.string(e, "mac/@address");
            t.row(target == null ? "-" : target, e.getAttribute("type"), source == null ? "-" : source,
                    model == null ? "-" : model, mac == null ? "-" : mac);
        }
        t.print(sh);
        return true;
    }
}
