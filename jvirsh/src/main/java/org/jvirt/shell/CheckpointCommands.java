package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.Domain;
import org.jvirt.DomainCheckpoint;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.w3c.dom.Document;

/** virsh's "Checkpoint" group (help keyword 'checkpoint'): the table first, then the handlers. */
final class CheckpointCommands {

    private CheckpointCommands() {
    }

    static Group group() {
        return new Group("Checkpoint", "checkpoint", List.of(
                cmd("checkpoint-create", "Create a checkpoint from XML",
                        "Create a checkpoint from XML for use in future incremental backups",
                        CheckpointCommands::checkpointCreate,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("xmlfile", "domain checkpoint XML").complete(Completer.FILE),
                        Opt.bool("redefine", "redefine metadata for existing checkpoint"),
                        Opt.bool("redefine-validate", "validate the redefined checkpoint"),
                        Opt.bool("quiesce", "quiesce guest's file systems")),
                cmd("checkpoint-create-as", "Create a checkpoint from a set of args",
                        "Create a checkpoint from arguments for use in future incremental backups",
                        CheckpointCommands::checkpointCreateAs,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("name", "name of checkpoint"),
                        Opt.string("description", "description of checkpoint"),
                        Opt.bool("print-xml", "print XML document rather than create"),
                        Opt.bool("quiesce", "quiesce guest's file systems"),
                        Opt.argv("diskspec", "disk attributes: disk[,checkpoint=type][,bitmap=name]")),
                cmd("checkpoint-delete", "Delete a domain checkpoint",
                        "Checkpoint Delete",
                        CheckpointCommands::checkpointDelete,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name").complete(Completer.CHECKPOINT),
                        Opt.bool("children", "delete checkpoint and all children"),
                        Opt.bool("children-only", "delete children but not checkpoint"),
                        Opt.bool("metadata", "delete only libvirt metadata, leaving checkpoint contents behind")),
                cmd("checkpoint-dumpxml", "Dump XML for a domain checkpoint",
                        "Checkpoint Dump XML",
                        CheckpointCommands::checkpointDumpxml,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name").complete(Completer.CHECKPOINT),
                        Opt.bool("security-info", "include security sensitive information in XML dump"),
                        Opt.bool("no-domain", "exclude <domain> from XML"),
                        Opt.bool("size", "include backup size estimate in XML dump"),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("checkpoint-edit", "edit XML for a checkpoint",
                        "Edit the domain checkpoint XML for a named checkpoint",
                        CheckpointCommands::checkpointEdit,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name").complete(Completer.CHECKPOINT)),
                cmd("checkpoint-info", "checkpoint information",
                        "Returns basic information about a checkpoint.",
                        CheckpointCommands::checkpointInfo,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name").complete(Completer.CHECKPOINT)),
                cmd("checkpoint-list", "List checkpoints for a domain",
                        "Checkpoint List",
                        CheckpointCommands::checkpointList,
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("parent", "add a column showing parent checkpoint"),
                        Opt.bool("roots", "list only checkpoints without parents"),
                        Opt.bool("leaves", "list only checkpoints without children"),
                        Opt.bool("no-leaves", "list only checkpoints that are not leaves (with children)"),
                        Opt.bool("tree", "list checkpoints in a tree"),
                        Opt.string("from", "limit list to children of given checkpoint").complete(Completer.CHECKPOINT),
                        Opt.bool("descendants", "with --from, list all descendants"),
                        Opt.bool("name", "list checkpoint names only"),
                        Opt.bool("topological", "sort list topologically rather than by name")),
                cmd("checkpoint-parent", "Get the name of the parent of a checkpoint",
                        "Extract the checkpoint's parent, if any",
                        CheckpointCommands::checkpointParent,
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "find parent of checkpoint name")
                                .complete(Completer.CHECKPOINT))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    private static final DateTimeFormatter CREATION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

    /** virshCheckpointCreate. */
    private static boolean create(Shell sh, Domain dom, String xml, EnumSet<CheckpointCreateFlag> flags,
                                  String from) {
        DomainCheckpoint chk;
        try {
            chk = dom.checkpointCreateXML(xml, flags.toArray(new CheckpointCreateFlag[0]));
        } catch (VirtException e) {
            throw new Failed(e);
        }
        if (from != null) {
            sh.printExtra("Domain checkpoint %s created from '%s'", chk.getName(), from);
        } else {
            sh.printExtra("Domain checkpoint %s created", chk.getName());
        }
        return true;
    }

    static boolean checkpointCreate(Shell sh, Invocation cmd) {
        if (cmd.bool("redefine-validate") && !cmd.bool("redefine")) {
            throw sh.fail("Option --%s is required by option --%s", "redefine", "redefine-validate");
        }
        EnumSet<CheckpointCreateFlag> flags = EnumSet.noneOf(CheckpointCreateFlag.class);
        if (cmd.bool("redefine")) {
            flags.add(CheckpointCreateFlag.REDEFINE);
        }
        if (cmd.bool("redefine-validate")) {
            flags.add(CheckpointCreateFlag.REDEFINE_VALIDATE);
        }
        if (cmd.bool("quiesce")) {
            flags.add(CheckpointCreateFlag.QUIESCE);
        }
        Domain dom = Lookup.domain(sh, cmd);
        String from = cmd.string("xmlfile");
        String xml = from == null ? "<domaincheckpoint/>" : sh.readFile(from);
        return create(sh, dom, xml, flags, from);
    }

    /** virshParseCheckpointDiskspec: {@code disk[,checkpoint=type][,bitmap=name]} as one {@code <disk>}. */
    private static void diskspec(Shell sh, StringBuilder b, String str) {
        List<String> parts = Strings.toArray(str);
        if (parts.isEmpty()) {
            throw sh.fail("unable to parse diskspec: %s", str);
        }
        String checkpoint = null;
        String bitmap = null;
        for (String a : parts.subList(1, parts.size())) {
            if (checkpoint == null && a.startsWith("checkpoint=")) {
                checkpoint = a.substring("checkpoint=".length());
            } else if (bitmap == null && a.startsWith("bitmap=")) {
                bitmap = a.substring("bitmap=".length());
            } else {
                throw sh.fail("unable to parse diskspec: %s", str);
            }
        }
        // virsh escapes only the name; the other two go in as given
        b.append("    <disk name='").append(Xml.escape(parts.get(0))).append('\'');
        if (checkpoint != null) {
            b.append(" checkpoint='").append(checkpoint).append('\'');
        }
        if (bitmap != null) {
            b.append(" bitmap='").append(bitmap).append('\'');
        }
        b.append("/>\n");
    }

    static boolean checkpointCreateAs(Shell sh, Invocation cmd) {
        EnumSet<CheckpointCreateFlag> flags = EnumSet.noneOf(CheckpointCreateFlag.class);
        if (cmd.bool("quiesce")) {
            flags.add(CheckpointCreateFlag.QUIESCE);
        }
        Domain dom = Lookup.domain(sh, cmd);
        String name = cmd.string("name");
        String desc = cmd.string("description");
        StringBuilder b = new StringBuilder("<domaincheckpoint>\n");
        if (name != null) {
            b.append("  <name>").append(Xml.escape(name)).append("</name>\n");
        }
        if (desc != null) {
            b.append("  <description>").append(Xml.escape(desc)).append("</description>\n");
        }
        List<String> specs = cmd.all("diskspec");
        if (!specs.isEmpty()) {
            b.append("  <disks>\n");
            for (String spec : specs) {
                diskspec(sh, b, spec);
            }
            b.append("  </disks>\n");
        }
        b.append("</domaincheckpoint>\n");
        if (cmd.bool("print-xml")) {
            sh.print("%s\n", b.toString());
            return true;
        }
        return create(sh, dom, b.toString(), flags, null);
    }

    /** virshLookupCheckpoint: the checkpoint named by option {@code arg}, which is required. */
    private static DomainCheckpoint lookup(Shell sh, Invocation cmd, String arg, Domain dom) {
        String name = cmd.string(arg);
        if (name == null) {
            throw sh.fail("--%s is required", arg);
        }
        try {
            return dom.checkpointLookupByName(name);
        } catch (VirtException e) {
            throw new Failed(e);
        }
    }

    /** virshGetCheckpointParent: the parent's name, null for a root; other errors end the command. */
    private static String parentName(Shell sh, DomainCheckpoint chk) {
        try {
            return chk.getParent().getName();
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_DOMAIN_CHECKPOINT) {
                return null;
            }
            sh.error("%s", e.getMessage());
            throw sh.fail("unable to determine if checkpoint has parent");
        }
    }

    static boolean checkpointInfo(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainCheckpoint chk = lookup(sh, cmd, "checkpointname", dom);
        String f = "%-15s %s\n";
        sh.print(f, "Name:", chk.getName());
        sh.print(f, "Domain:", dom.getName());
        String parent;
        try {
            parent = parentName(sh, chk);
        } catch (Failed e) {
            throw sh.fail("unexpected problem querying checkpoint state");
        }
        sh.print(f, "Parent:", parent == null ? "-" : parent);
        int children;
        try {
            children = chk.listAllChildren().size();
        } catch (VirtException e) {
            if (e.number() == ErrorNumber.NO_SUPPORT) {
                return true;
            }
            throw new Failed(e);
        }
        sh.print("%-15s %d\n", "Children:", children);
        try {
            sh.print("%-15s %d\n", "Descendants:", chk.listAllChildren(CheckpointListFlag.DESCENDANTS).size());
        } catch (VirtException e) {
            throw new Failed(e);
        }
        return true;
    }

    static boolean checkpointList(Shell sh, Invocation cmd) {
        boolean tree = cmd.bool("tree");
        boolean name = cmd.bool("name");
        boolean from = cmd.has("from");
        boolean parent = cmd.bool("parent");
        boolean roots = cmd.bool("roots");
        MonitorCommands.exclusive(sh, cmd, "tree", "name");
        MonitorCommands.exclusive(sh, cmd, "parent", "roots");
        MonitorCommands.exclusive(sh, cmd, "parent", "tree");
        MonitorCommands.exclusive(sh, cmd, "roots", "tree");
        MonitorCommands.exclusive(sh, cmd, "roots", "from");
        EnumSet<CheckpointListFlag> flags = EnumSet.noneOf(CheckpointListFlag.class);
        String[][] filters = {{"leaves", "LEAVES"}, {"no-leaves", "NO_LEAVES"}};
        for (String[] kv : filters) {
            if (cmd.bool(kv[0])) {
                if (tree) {
                    throw sh.fail("--%s and --tree are mutually exclusive", kv[0]);
                }
                flags.add(CheckpointListFlag.valueOf(kv[1]));
            }
        }
        if (cmd.bool("topological")) {
            flags.add(CheckpointListFlag.TOPOLOGICAL);
        }
        if (roots) {
            flags.add(CheckpointListFlag.ROOTS);
        }
        if (cmd.bool("descendants")) {
            if (!from) {
                throw sh.fail("--descendants requires --from");
            }
            flags.add(CheckpointListFlag.DESCENDANTS);
        }
        Domain dom = Lookup.domain(sh, cmd);
        DomainCheckpoint start = from ? lookup(sh, cmd, "from", dom) : null;
        CheckpointListFlag[] fl = flags.toArray(new CheckpointListFlag[0]);
        List<DomainCheckpoint> chks;
        try {
            chks = new ArrayList<>(start != null ? start.listAllChildren(fl) : dom.listAllCheckpoints(fl));
        } catch (VirtException e) {
            throw sh.fail(e, "unexpected problem querying checkpoints");
        }
        List<String> parents = new ArrayList<>();
        if (tree) {
            for (DomainCheckpoint c : chks) {
                parents.add(parentName(sh, c));
            }
            if (start != null) {
                chks.add(start);
                parents.add(null);
            }
        }
        if (!flags.contains(CheckpointListFlag.TOPOLOGICAL)) {
            // virshChkSorter: by name, ignoring case, the parents alongside
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < chks.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Strings.caseCompare(chks.get(a).getName(), chks.get(b).getName()));
            List<DomainCheckpoint> c2 = new ArrayList<>();
            List<String> p2 = new ArrayList<>();
            for (int i : order) {
                c2.add(chks.get(i));
                if (tree) {
                    p2.add(parents.get(i));
                }
            }
            chks.clear();
            chks.addAll(c2);
            parents.clear();
            parents.addAll(p2);
        }
        if (tree) {
            List<String> names = new ArrayList<>();
            chks.forEach(c -> names.add(c.getName()));
            for (int i = 0; i < chks.size(); i++) {
                if (parents.get(i) == null) {
                    Tree.print(sh, names, parents, i);
                }
            }
            return true;
        }
        if (name) {
            for (DomainCheckpoint c : chks) {
                sh.print("%s\n", c.getName());
            }
            return true;
        }
        Table t = parent ? new Table("Name", "Creation Time", "Parent") : new Table("Name", "Creation Time");
        for (DomainCheckpoint c : chks) {
            Document doc;
            try {
                doc = Xml.parse(c.getXMLDesc());
            } catch (VirtException e) {
                continue;
            }
            if (doc == null) {
                continue;
            }
            String created = Xml.string(doc, "/domaincheckpoint/creationTime");
            Long secs = created == null ? null : Numbers.parse(created.strip(), false, Long.MIN_VALUE,
                    Long.MAX_VALUE);
            if (secs == null) {
                continue;
            }
            String when = CREATION.format(Instant.ofEpochSecond(secs).atZone(ZoneId.systemDefault()));
            if (parent) {
                String p = Xml.string(doc, "/domaincheckpoint/parent/name");
                t.row(c.getName(), when, p == null ? "" : p);
            } else {
                t.row(c.getName(), when);
            }
        }
        t.print(sh);
        return true;
    }

    static boolean checkpointDumpxml(Shell sh, Invocation cmd) {
        EnumSet<CheckpointXMLFlag> flags = EnumSet.noneOf(CheckpointXMLFlag.class);
        if (cmd.bool("security-info")) {
            flags.add(CheckpointXMLFlag.SECURE);
        }
        if (cmd.bool("no-domain")) {
            flags.add(CheckpointXMLFlag.NO_DOMAIN);
        }
        if (cmd.bool("size")) {
            flags.add(CheckpointXMLFlag.SIZE);
        }
        Domain dom = Lookup.domain(sh, cmd);
        DomainCheckpoint chk = lookup(sh, cmd, "checkpointname", dom);
        String xml;
        try {
            xml = chk.getXMLDesc(flags.toArray(new CheckpointXMLFlag[0]));
        } catch (VirtException e) {
            throw new Failed(e);
        }
        return XPathOut.print(sh, xml, cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean checkpointParent(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainCheckpoint chk = lookup(sh, cmd, "checkpointname", dom);
        String parent = parentName(sh, chk);
        if (parent == null) {
            throw sh.fail("checkpoint '%s' has no parent", chk.getName());
        }
        sh.print("%s", parent);
        return true;
    }

    static boolean checkpointDelete(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainCheckpoint chk = lookup(sh, cmd, "checkpointname", dom);
        EnumSet<CheckpointDeleteFlag> f = EnumSet.noneOf(CheckpointDeleteFlag.class);
        if (cmd.bool("children")) {
            f.add(CheckpointDeleteFlag.CHILDREN);
        }
        if (cmd.bool("children-only")) {
            f.add(CheckpointDeleteFlag.CHILDREN_ONLY);
        }
        if (cmd.bool("metadata")) {
            f.add(CheckpointDeleteFlag.METADATA_ONLY);
        }
        try {
            chk.delete(f.toArray(new CheckpointDeleteFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to delete checkpoint %s", chk.getName());
        }
        sh.printExtra(f.contains(CheckpointDeleteFlag.CHILDREN_ONLY) ? "Domain checkpoint %s children deleted\n"
                : "Domain checkpoint %s deleted\n", chk.getName());
        return true;
    }

    static boolean checkpointEdit(Shell sh, Invocation cmd) {
        Domain dom = Lookup.domain(sh, cmd);
        DomainCheckpoint chk = lookup(sh, cmd, "checkpointname", dom);
        String name = chk.getName();
        DomainCheckpoint[] edited = new DomainCheckpoint[1];
        boolean ok = false;
        try {
            boolean changed = Editor.edit(sh, chk.getXMLDesc(CheckpointXMLFlag.SECURE), "Checkpoint", name, xml -> {
                edited[0] = dom.checkpointCreateXML(xml, CheckpointCreateFlag.REDEFINE);
                return edited[0].getName();
            }, "Checkpoint %s XML configuration not changed.\n", null);
            if (!changed || edited[0] == null) {
                ok = true;
                return true;
            }
            String editedName = edited[0].getName();
            if (name.equals(editedName)) {
                sh.printExtra("Checkpoint %s edited.\n", name);
            } else {
                try {
                    edited[0].delete(CheckpointDeleteFlag.METADATA_ONLY);
                } catch (VirtException e) {
                    sh.error("%s", e.getMessage());
                    throw sh.fail("Failed to clean up %s", editedName);
                }
                throw sh.fail("Cannot rename checkpoint %s to %s", name, editedName);
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
