package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.Domain;
import org.jvirt.DomainSnapshot;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.flags.SnapshotXMLFlag;
import org.w3c.dom.Document;

/** virsh's "Snapshot" group (help keyword 'snapshot'): the table first, then the handlers. */
final class SnapshotCommands {

    private SnapshotCommands() {
    }

    static Group group() {
        return new Group("Snapshot", "snapshot", List.of(
                cmd("snapshot-create", "Create a snapshot from XML",
                        "Create a snapshot (disk and RAM) from XML",
                        SnapshotCommands::snapshotCreate,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("xmlfile", "domain snapshot XML").complete(Completer.FILE),
                        Opt.bool("redefine", "redefine metadata for existing snapshot"),
                        Opt.bool("current", "with redefine, set current snapshot"),
                        Opt.bool("no-metadata", "take snapshot but create no metadata"),
                        Opt.bool("halt", "halt domain after snapshot is created"),
                        Opt.bool("disk-only", "capture disk state but not vm state"),
                        Opt.bool("reuse-external", "reuse any existing external files"),
                        Opt.bool("quiesce", "quiesce guest's file systems"),
                        Opt.bool("atomic", "require atomic operation"),
                        Opt.bool("live", "take a live snapshot"),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("snapshot-create-as", "Create a snapshot from a set of args",
                        "Create a snapshot (disk and RAM) from arguments",
                        SnapshotCommands::snapshotCreateAs,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("name", "name of snapshot"),
                        Opt.string("description", "description of snapshot"),
                        Opt.bool("print-xml", "print XML document rather than create"),
                        Opt.bool("no-metadata", "take snapshot but create no metadata"),
                        Opt.bool("halt", "halt domain after snapshot is created"),
                        Opt.bool("disk-only", "capture disk state but not vm state"),
                        Opt.bool("reuse-external", "reuse any existing external files"),
                        Opt.bool("quiesce", "quiesce guest's file systems"),
                        Opt.bool("atomic", "require atomic operation"),
                        Opt.bool("live", "take a live snapshot"),
                        Opt.bool("validate", "validate the XML against the schema"),
                        Opt.string("memspec", "memory attributes: [file=]name[,snapshot=type]").named(),
                        Opt.argv("diskspec", "disk attributes: disk[,snapshot=type][,driver=type][,stype=type][,file=name]")),
                cmd("snapshot-current", "Get or set the current snapshot",
                        "Get or set the current snapshot",
                        SnapshotCommands::snapshotCurrent,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("name", "list the name, rather than the full xml"),
                        Opt.bool("security-info", "include security sensitive information in XML dump"),
                        Opt.string("snapshotname", "name of existing snapshot to make current").complete(Completer.SNAPSHOT)),
                cmd("snapshot-delete", "Delete a domain snapshot",
                        "Snapshot Delete",
                        SnapshotCommands::snapshotDelete,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("snapshotname", "snapshot name").complete(Completer.SNAPSHOT),
                        Opt.bool("current", "delete current snapshot"),
                        Opt.bool("children", "delete snapshot and all children"),
                        Opt.bool("children-only", "delete children but not snapshot"),
                        Opt.bool("metadata", "delete only libvirt metadata, leaving snapshot contents behind")),
                cmd("snapshot-dumpxml", "Dump XML for a domain snapshot",
                        "Snapshot Dump XML",
                        SnapshotCommands::snapshotDumpxml,
                        CommonOpts.DOMAIN_FULL,
                        Opt.data("snapshotname", "snapshot name").req().complete(Completer.SNAPSHOT),
                        Opt.bool("security-info", "include security sensitive information in XML dump"),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("snapshot-edit", "edit XML for a snapshot",
                        "Edit the domain snapshot XML for a named snapshot",
                        SnapshotCommands::snapshotEdit,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("snapshotname", "snapshot name").complete(Completer.SNAPSHOT),
                        Opt.bool("current", "also set edited snapshot as current"),
                        Opt.bool("rename", "allow renaming an existing snapshot"),
                        Opt.bool("clone", "allow cloning to new name")),
                cmd("snapshot-info", "snapshot information",
                        "Returns basic information about a snapshot.",
                        SnapshotCommands::snapshotInfo,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("snapshotname", "snapshot name").complete(Completer.SNAPSHOT),
                        Opt.bool("current", "info on current snapshot")),
                cmd("snapshot-list", "List snapshots for a domain",
                        "Snapshot List",
                        SnapshotCommands::snapshotList,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("parent", "add a column showing parent snapshot"),
                        Opt.bool("roots", "list only snapshots without parents"),
                        Opt.bool("leaves", "list only snapshots without children"),
                        Opt.bool("no-leaves", "list only snapshots that are not leaves (with children)"),
                        Opt.bool("metadata", "list only snapshots that have metadata that would prevent undefine"),
                        Opt.bool("no-metadata", "list only snapshots that have no metadata managed by libvirt"),
                        Opt.bool("inactive", "filter by snapshots taken while inactive"),
                        Opt.bool("active", "filter by snapshots taken while active (full system snapshots)"),
                        Opt.bool("disk-only", "filter by disk-only snapshots"),
                        Opt.bool("internal", "filter by internal snapshots"),
                        Opt.bool("external", "filter by external snapshots"),
                        Opt.bool("tree", "list snapshots in a tree"),
                        Opt.string("from", "limit list to children of given snapshot").complete(Completer.SNAPSHOT),
                        Opt.bool("current", "limit list to children of current snapshot"),
                        Opt.bool("descendants", "with --from, list all descendants"),
                        Opt.bool("name", "list snapshot names only"),
                        Opt.bool("topological", "sort list topologically rather than by name")),
                cmd("snapshot-parent", "Get the name of the parent of a snapshot",
                        "Extract the snapshot's parent, if any",
                        SnapshotCommands::snapshotParent,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("snapshotname", "find parent of snapshot name").complete(Completer.SNAPSHOT),
                        Opt.bool("current", "find parent of current snapshot")),
                cmd("snapshot-revert", "Revert a domain to a snapshot",
                        "Revert domain to snapshot",
                        SnapshotCommands::snapshotRevert,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("snapshotname", "snapshot name").complete(Completer.SNAPSHOT),
                        Opt.bool("current", "revert to current snapshot"),
                        Opt.bool("running", "after reverting, change state to running"),
                        Opt.bool("paused", "after reverting, change state to paused"),
                        Opt.bool("force", "try harder on risky reverts"),
                        Opt.bool("reset-nvram", "re-initialize NVRAM from its pristine template"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    private static final DateTimeFormatter CREATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    /** virshLookupSnapshot: the snapshot named by {@code arg}, or the current one with --current. */
    static DomainSnapshot lookup(Shell sh, Invocation cmd, String arg, boolean exclusive, Domain dom) {
        boolean current = cmd.bool("current");
        String name = cmd.string(arg);
        if (exclusive && current && name != null) {
            throw sh.fail("--%s and --current are mutually exclusive", arg);
        }
        try {
            if (name != null) {
                return dom.snapshotLookupByName(name);
            }
            if (current) {
                return dom.snapshotCurrent();
            }
        } catch (VirtException e) {
            throw new Failed(e);
        }
        throw sh.fail("--%s or --current is required", arg);
    }

    private static EnumSet<SnapshotCreateFlag> createFlags(Invocation cmd, String... opts) {
        EnumSet<SnapshotCreateFlag> f = EnumSet.noneOf(SnapshotCreateFlag.class);
        for (String o : opts) {
            if (cmd.bool(o)) {
                f.add(switch (o) {
                    case "redefine" -> SnapshotCreateFlag.REDEFINE;
                    case "current" -> SnapshotCreateFlag.CURRENT;
                    case "no-metadata" -> SnapshotCreateFlag.NO_METADATA;
                    case "halt" -> SnapshotCreateFlag.HALT;
                    case "disk-only" -> SnapshotCreateFlag.DISK_ONLY;
                    case "reuse-external" -> SnapshotCreateFlag.REUSE_EXT;
                    case "quiesce" -> SnapshotCreateFlag.QUIESCE;
                    case "atomic" -> SnapshotCreateFlag.ATOMIC;
                    case "live" -> SnapshotCreateFlag.LIVE;
                    default -> SnapshotCreateFlag.VALIDATE;
                });
            }
        }
        return f;
    }

    private static final String[] CREATE_OPTS = {
        "no-metadata", "halt", "disk-only", "reuse-external", "quiesce", "atomic", "live", "validate"
    };

    /** virshSnapshotCreate, with its retries for servers that lack a flag. */
    private static boolean create(Shell sh, Domain dom, String xml, EnumSet<SnapshotCreateFlag> flags, String from) {
        DomainSnapshot snap = null;
        VirtException err = null;
        try {
            snap = dom.snapshotCreateXML(xml, flags.toArray(new SnapshotCreateFlag[0]));
        } catch (VirtException e) {
            err = e;
        }
        if (snap == null && err.number() == ErrorNumber.NO_SUPPORT && from == null
                && flags.remove(SnapshotCreateFlag.VALIDATE)) {
            try {
                snap = dom.snapshotCreateXML(xml, flags.toArray(new SnapshotCreateFlag[0]));
            } catch (VirtException e) {
                err = e;
            }
        }
        boolean halt = false;
        if (snap == null && err.number() == ErrorNumber.INVALID_ARG && flags.contains(SnapshotCreateFlag.HALT)) {
            if (!dom.isPersistent()) {
                throw sh.fail("cannot halt after snapshot of transient domain");
            }
            halt = dom.isActive();
            flags.remove(SnapshotCreateFlag.HALT);
            snap = dom.snapshotCreateXML(xml, flags.toArray(new SnapshotCreateFlag[0]));
        }
        if (snap == null) {
            throw new Failed(err);
        }
        if (halt) {
            dom.destroy();
        }
        if (from != null) {
            sh.printExtra("Domain snapshot %s created from '%s'", snap.getName(), from);
        } else {
            sh.printExtra("Domain snapshot %s created", snap.getName());
        }
        return true;
    }

    static boolean snapshotCreate(Shell sh, Invocation cmd) {
        EnumSet<SnapshotCreateFlag> flags = createFlags(cmd, "redefine", "current", "no-metadata", "halt",
                "disk-only", "reuse-external", "quiesce", "atomic", "live", "validate");
        Domain dom = Lookup.domain(sh, cmd);
        String from = cmd.string("xmlfile");
        String xml = from == null ? "<domainsnapshot/>" : sh.readFile(from);
        return create(sh, dom, xml, flags, from);
    }

    /** virshParseSnapshotMemspec. */
    private static void memspec(Shell sh, StringBuilder b, String str) {
        String snapshot = null;
        String file = null;
        for (String a : Strings.toArray(str)) {
            if (snapshot == null && a.startsWith("snapshot=")) {
                snapshot = a.substring("snapshot=".length());
            } else if (file == null && a.startsWith("file=")) {
                file = a.substring("file=".length());
            } else if (file == null && a.startsWith("/")) {
                file = a;
            } else {
                throw sh.fail("unable to parse memspec: %s", str);
            }
        }
        b.append("  <memory");
        if (snapshot != null) {
            b.append(" snapshot='").append(Xml.escape(snapshot)).append('\'');
        }
        if (file != null) {
            b.append(" file='").append(Xml.escape(file)).append('\'');
        }
        b.append("/>\n");
    }

    /** virshParseSnapshotDiskspec. */
    private static void diskspec(Shell sh, StringBuilder b, String str) {
        List<String> parts = Strings.toArray(str);
        String name = parts.get(0);
        String snapshot = null;
        String driver = null;
        String stype = null;
        String file = null;
        for (String a : parts.subList(1, parts.size())) {
            if (snapshot == null && a.startsWith("snapshot=")) {
                snapshot = a.substring(9);
            } else if (driver == null && a.startsWith("driver=")) {
                driver = a.substring(7);
            } else if (stype == null && a.startsWith("stype=")) {
                stype = a.substring(6);
            } else if (file == null && a.startsWith("file=")) {
                file = a.substring(5);
            } else {
                throw sh.fail("unable to parse diskspec: %s", str);
            }
        }
        b.append("    <disk name='").append(Xml.escape(name)).append('\'');
        if (snapshot != null) {
            b.append(" snapshot='").append(snapshot).append('\'');
        }
        boolean isFile = true;
        if (stype != null) {
            if (stype.equals("block")) {
                isFile = false;
            } else if (!stype.equals("file")) {
                sh.error("Unknown storage type: '%s'", stype);
                throw sh.fail("unable to parse diskspec: %s", str);
            }
            b.append(" type='").append(stype).append('\'');
        }
        if (driver != null || file != null) {
            b.append(">\n");
            if (driver != null) {
                b.append("      <driver type='").append(driver).append("'/>\n");
            }
            if (file != null) {
                b.append(isFile ? "      <source file='" : "      <source dev='").append(Xml.escape(file))
                        .append("'/>\n");
            }
            b.append("    </disk>\n");
        } else {
            b.append("/>\n");
        }
    }

    static boolean snapshotCreateAs(Shell sh, Invocation cmd) {
        EnumSet<SnapshotCreateFlag> flags = createFlags(cmd, CREATE_OPTS);
        Domain dom = Lookup.domain(sh, cmd);
        String name = cmd.string("name");
        String desc = cmd.string("description");
        StringBuilder b = new StringBuilder("<domainsnapshot>\n");
        if (name != null) {
            b.append("  <name>").append(Xml.escape(name)).append("</name>\n");
        }
        if (desc != null) {
            b.append("  <description>").append(Xml.escape(desc)).append("</description>\n");
        }
        String mem = cmd.string("memspec");
        if (mem != null) {
            memspec(sh, b, mem);
        }
        if (cmd.has("diskspec")) {
            b.append("  <disks>\n");
            for (String d : cmd.all("diskspec")) {
                diskspec(sh, b, d);
            }
            b.append("  </disks>\n");
        }
        b.append("</domainsnapshot>\n");
        if (cmd.bool("print-xml")) {
            sh.print("%s\n", b.toString());
            return true;
        }
        return create(sh, dom, b.toString(), flags, null);
    }

    static boolean snapshotCurrent(Shell sh, Invocation cmd) {
        boolean secure = cmd.bool("security-info");
        MonitorCommands.exclusive(sh, cmd, "name", "snapshotname");
        String domname = cmd.req("domain");
        Domain dom = Lookup.domain(sh, cmd);
        String snapname = cmd.string("snapshotname");
        try {
            if (snapname != null) {
                DomainSnapshot s = dom.snapshotLookupByName(snapname);
                String xml = s.getXMLDesc(SnapshotXMLFlag.SECURE);
                EnumSet<SnapshotCreateFlag> f = EnumSet.of(SnapshotCreateFlag.REDEFINE, SnapshotCreateFlag.CURRENT);
                if (xml.contains("<state>disk-snapshot</state>")) {
                    f.add(SnapshotCreateFlag.DISK_ONLY);
                }
                dom.snapshotCreateXML(xml, f.toArray(new SnapshotCreateFlag[0]));
                sh.printExtra("Snapshot %s set as current", snapname);
                return true;
            }
            if (!dom.hasCurrentSnapshot()) {
                throw sh.fail("domain '%s' has no current snapshot", domname);
            }
            DomainSnapshot s = dom.snapshotCurrent();
            if (cmd.bool("name")) {
                sh.print("%s", s.getName());
            } else {
                sh.print("%s", secure ? s.getXMLDesc(SnapshotXMLFlag.SECURE) : s.getXMLDesc());
            }
            return true;
        } catch (VirtException e) {
            throw new Failed(e);
        }
    }

    /** virshGetSnapshotParent: the parent's name, or null for a root. */
    private static String parentName(DomainSnapshot s) {
        try {
            return s.getParent().getName();
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_DOMAIN_SNAPSHOT) {
                return null;
            }
            throw e;
        }
    }

    static boolean snapshotInfo(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot s = lookup(sh, cmd, "snapshotname", true, dom);
        String f = "%-15s %s\n";
        sh.print(f, "Name:", s.getName());
        sh.print(f, "Domain:", dom.getName());
        boolean current;
        try {
            current = s.isCurrent();
        } catch (VirtException e) {
            current = false;
        }
        sh.print(f, "Current:", current ? "yes" : "no");
        Document doc = Xml.parse(s.getXMLDesc());
        String state = doc == null ? null : Xml.string(doc, "/domainsnapshot/state");
        if (state == null) {
            throw sh.fail("unexpected problem reading snapshot xml");
        }
        sh.print(f, "State:", state);
        boolean external;
        if (!Xml.nodes(doc, "/domainsnapshot/memory").isEmpty()) {
            external = !Xml.nodes(doc, "/domainsnapshot/memory[@snapshot='external'] "
                    + "| /domainsnapshot/disks/disk[@snapshot='external']").isEmpty();
        } else {
            external = state.equals("disk-snapshot");
        }
        sh.print(f, "Location:", external ? "external" : "internal");
        String parent = Xml.string(doc, "/domainsnapshot/parent/name");
        sh.print(f, "Parent:", parent == null || parent.isEmpty() ? "-" : parent);
        int children;
        try {
            children = s.listAllChildren().size();
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_SUPPORT) {
                return true;
            }
            throw e;
        }
        sh.print("%-15s %d\n", "Children:", children);
        sh.print("%-15s %d\n", "Descendants:", s.listAllChildren(SnapshotListFlag.DESCENDANTS).size());
        try {
            sh.print(f, "Metadata:", s.hasMetadata() ? "yes" : "no");
        } catch (VirtException e) {
            // virsh falls back to counting snapshots with metadata; without it the line is left out
        }
        return true;
    }

    static boolean snapshotList(Shell sh, Invocation cmd) {
        boolean tree = cmd.bool("tree");
        boolean name = cmd.bool("name");
        boolean from = cmd.has("from");
        boolean parent = cmd.bool("parent");
        boolean current = cmd.bool("current");
        MonitorCommands.exclusive(sh, cmd, "tree", "name");
        MonitorCommands.exclusive(sh, cmd, "parent", "roots");
        MonitorCommands.exclusive(sh, cmd, "parent", "tree");
        MonitorCommands.exclusive(sh, cmd, "roots", "tree");
        MonitorCommands.exclusive(sh, cmd, "roots", "from");
        MonitorCommands.exclusive(sh, cmd, "roots", "current");
        EnumSet<SnapshotListFlag> flags = EnumSet.noneOf(SnapshotListFlag.class);
        String[][] filters = {{"leaves", "LEAVES"}, {"no-leaves", "NO_LEAVES"}, {"inactive", "INACTIVE"},
            {"active", "ACTIVE"}, {"disk-only", "DISK_ONLY"}, {"internal", "INTERNAL"}, {"external", "EXTERNAL"}};
        for (String[] kv : filters) {
            if (cmd.bool(kv[0])) {
                if (tree) {
                    throw sh.fail("--%s and --tree are mutually exclusive", kv[0]);
                }
                flags.add(SnapshotListFlag.valueOf(kv[1]));
            }
        }
        if (cmd.bool("topological")) {
            flags.add(SnapshotListFlag.TOPOLOGICAL);
        }
        if (cmd.bool("roots")) {
            flags.add(SnapshotListFlag.ROOTS);
        }
        if (cmd.bool("metadata")) {
            flags.add(SnapshotListFlag.METADATA);
        }
        if (cmd.bool("no-metadata")) {
            flags.add(SnapshotListFlag.NO_METADATA);
        }
        if (cmd.bool("descendants")) {
            if (!from && !current) {
                throw sh.fail("--descendants requires either --from or --current");
            }
            flags.add(SnapshotListFlag.DESCENDANTS);
        }
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot start = from || current ? lookup(sh, cmd, "from", true, dom) : null;
        SnapshotListFlag[] fl = flags.toArray(new SnapshotListFlag[0]);
        List<DomainSnapshot> snaps = new ArrayList<>(start != null ? start.listAllChildren(fl)
                : dom.listAllSnapshots(fl));
        List<String> parents = new ArrayList<>();
        if (tree) {
            for (DomainSnapshot s : snaps) {
                parents.add(parentName(s));
            }
            if (start != null) {
                snaps.add(start);
                parents.add(null);
            }
        }
        if (!flags.contains(SnapshotListFlag.TOPOLOGICAL)) {
            // sort the snapshots, their parents alongside
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < snaps.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Strings.caseCompare(snaps.get(a).getName(), snaps.get(b).getName()));
            List<DomainSnapshot> s2 = new ArrayList<>();
            List<String> p2 = new ArrayList<>();
            for (int i : order) {
                s2.add(snaps.get(i));
                if (tree) {
                    p2.add(parents.get(i));
                }
            }
            snaps.clear();
            snaps.addAll(s2);
            parents.clear();
            parents.addAll(p2);
        }
        if (tree) {
            List<String> names = new ArrayList<>();
            snaps.forEach(s -> names.add(s.getName()));
            for (int i = 0; i < snaps.size(); i++) {
                if (parents.get(i) == null) {
                    Tree.print(sh, names, parents, i);
                }
            }
            return true;
        }
        if (name) {
            for (DomainSnapshot s : snaps) {
                sh.print("%s\n", s.getName());
            }
            return true;
        }
        Table t = parent ? new Table("Name", "Creation Time", "State", "Parent")
                : new Table("Name", "Creation Time", "State");
        for (DomainSnapshot s : snaps) {
            Document doc = Xml.parse(s.getXMLDesc());
            if (doc == null) {
                continue;
            }
            String state = Xml.string(doc, "/domainsnapshot/state");
            String created = Xml.string(doc, "/domainsnapshot/creationTime");
            Long secs = created == null ? null : Numbers.parse(created.strip(), false, Long.MIN_VALUE,
                    Long.MAX_VALUE);
            if (state == null || secs == null) {
                continue;
            }
            String when = CREATION.format(Instant.ofEpochSecond(secs).atZone(ZoneId.systemDefault()));
            if (parent) {
                String p = Xml.string(doc, "/domainsnapshot/parent/name");
                t.row(s.getName(), when, state, p == null ? "" : p);
            } else {
                t.row(s.getName(), when, state);
            }
        }
        t.print(sh);
        return true;
    }

    static boolean snapshotDumpxml(Shell sh, Invocation cmd) {
        boolean secure = cmd.bool("security-info");
        String name = cmd.req("snapshotname");
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot s;
        try {
            s = dom.snapshotLookupByName(name);
        } catch (VirtException e) {
            throw new Failed(e);
        }
        String xml = secure ? s.getXMLDesc(SnapshotXMLFlag.SECURE) : s.getXMLDesc();
        return XPathOut.print(sh, xml, cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean snapshotParent(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot s = lookup(sh, cmd, "snapshotname", true, dom);
        String parent;
        try {
            parent = parentName(s);
        } catch (VirtException e) {
            sh.error("%s", e.getMessage());
            throw sh.fail("unable to determine if snapshot has parent");
        }
        if (parent == null) {
            throw sh.fail("snapshot '%s' has no parent", s.getName());
        }
        sh.print("%s", parent);
        return true;
    }

    static boolean snapshotRevert(Shell sh, Invocation cmd) {
        EnumSet<SnapshotRevertFlag> f = EnumSet.noneOf(SnapshotRevertFlag.class);
        if (cmd.bool("running")) {
            f.add(SnapshotRevertFlag.RUNNING);
        }
        if (cmd.bool("paused")) {
            f.add(SnapshotRevertFlag.PAUSED);
        }
        if (cmd.bool("reset-nvram")) {
            f.add(SnapshotRevertFlag.RESET_NVRAM);
        }
        boolean force = cmd.bool("force");
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot s = lookup(sh, cmd, "snapshotname", true, dom);
        try {
            try {
                s.revert(f.toArray(new SnapshotRevertFlag[0]));
            } catch (VirtException e) {
                // probe without --force first, as virsh does, so that older servers keep working
                if (!force || e.number() != ErrorNumber.SNAPSHOT_REVERT_RISKY) {
                    throw e;
                }
                f.add(SnapshotRevertFlag.FORCE);
                s.revert(f.toArray(new SnapshotRevertFlag[0]));
            }
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to revert snapshot %s", s.getName());
        }
        sh.printExtra("Domain snapshot %s reverted\n", s.getName());
        return true;
    }

    static boolean snapshotDelete(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot s = lookup(sh, cmd, "snapshotname", true, dom);
        EnumSet<SnapshotDeleteFlag> f = EnumSet.noneOf(SnapshotDeleteFlag.class);
        if (cmd.bool("children")) {
            f.add(SnapshotDeleteFlag.CHILDREN);
        }
        if (cmd.bool("children-only")) {
            f.add(SnapshotDeleteFlag.CHILDREN_ONLY);
        }
        if (cmd.bool("metadata")) {
            f.add(SnapshotDeleteFlag.METADATA_ONLY);
        }
        try {
            s.delete(f.toArray(new SnapshotDeleteFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to delete snapshot %s", s.getName());
        }
        sh.printExtra(f.contains(SnapshotDeleteFlag.CHILDREN_ONLY) ? "Domain snapshot %s children deleted\n"
                : "Domain snapshot %s deleted\n", s.getName());
        return true;
    }

    static boolean snapshotEdit(Shell sh, Invocation cmd) {
        boolean rename = cmd.bool("rename");
        boolean clone = cmd.bool("clone");
        MonitorCommands.exclusive(sh, cmd, "rename", "clone");
        EnumSet<SnapshotCreateFlag> define = EnumSet.of(SnapshotCreateFlag.REDEFINE);
        if (cmd.bool("current") && cmd.has("snapshotname")) {
            define.add(SnapshotCreateFlag.CURRENT);
        }
        Domain dom = Lookup.domain(sh, cmd);
        DomainSnapshot s = lookup(sh, cmd, "snapshotname", false, dom);
        String name = s.getName();
        String[] editedName = new String[1];
        boolean ok = false;
        try {
            if (define.contains(SnapshotCreateFlag.CURRENT)) {
                // with --current virsh redefines even an unchanged document, to make it current
                String orig = s.getXMLDesc(SnapshotXMLFlag.SECURE);
                editedName[0] = Editor.editAlways(sh, orig, xml -> {
                    EnumSet<SnapshotCreateFlag> f = EnumSet.copyOf(define);
                    if (xml.contains("<state>disk-snapshot</state>")) {
                        f.add(SnapshotCreateFlag.DISK_ONLY);
                    }
                    return dom.snapshotCreateXML(xml, f.toArray(new SnapshotCreateFlag[0])).getName();
                });
            } else {
                boolean changed = Editor.edit(sh, s.getXMLDesc(SnapshotXMLFlag.SECURE), "Snapshot", name, xml -> {
                    EnumSet<SnapshotCreateFlag> f = EnumSet.copyOf(define);
                    if (xml.contains("<state>disk-snapshot</state>")) {
                        f.add(SnapshotCreateFlag.DISK_ONLY);
                    }
                    editedName[0] = dom.snapshotCreateXML(xml, f.toArray(new SnapshotCreateFlag[0])).getName();
                    return editedName[0];
                }, "Snapshot %s XML configuration not changed.\n", null);
                if (!changed || editedName[0] == null) {
                    ok = true;
                    return true;
                }
            }
            String edited = editedName[0];
            if (name.equals(edited)) {
                sh.printExtra("Snapshot %s edited.\n", name);
            } else if (clone) {
                sh.printExtra("Snapshot %s cloned to %s.\n", name, edited);
            } else {
                DomainSnapshot victim = rename ? s : dom.snapshotLookupByName(edited);
                try {
                    victim.delete(SnapshotDeleteFlag.METADATA_ONLY);
                } catch (VirtException e) {
                    sh.error("%s", e.getMessage());
                    throw sh.fail("Failed to clean up %s", rename ? name : edited);
                }
                if (!rename) {
                    throw sh.fail("Must use --rename or --clone to change %s to %s", name, edited);
                }
            }
            ok = true;
            return true;
        } finally {
            if (!ok) {
                sh.error("Failed to update %s", name);
            }
        }
    }
}

