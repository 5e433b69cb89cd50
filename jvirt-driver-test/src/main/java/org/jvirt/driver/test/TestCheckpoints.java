package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.spi.DomainCheckpointDriver;
import org.jvirt.spi.DomainCheckpointRef;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.SchemaValidator;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.checkpoint.CheckpointDisks;
import org.jvirt.xml.checkpoint.DomainCheckpointXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Checkpoints as libvirt 9.0's test driver keeps them: metadata only (no disk holds a bitmap), a tree by parent
 * name with a current checkpoint that new ones hang under, on running domains without snapshots. Parsing, disk
 * alignment, redefinition and formatting follow checkpoint_conf.c; the tree operations virdomainmomentobjlist.c.
 */
final class TestCheckpoints implements DomainCheckpointDriver {

    private static final SchemaValidator SCHEMAS = SchemaValidator.system();

    private final TestState st;

    TestCheckpoints(TestState st) {
        this.st = st;
    }

    private static Checkpoints.Chk chk(DomainObj d, String name) {
        Checkpoints.Chk c = d.checkpoints.get(name);
        if (c == null) {
            throw Errors.test(ErrorNumber.NO_DOMAIN_CHECKPOINT, "no domain checkpoint with matching name '%s'", name);
        }
        return c;
    }

    private static DomainCheckpointRef ref(DomainObj d, Checkpoints.Chk c) {
        return new DomainCheckpointRef(d.ref(), c.name);
    }

    private static VirtException conf(ErrorNumber n, String format, Object... args) {
        return VirtException.of(ErrorDomain.DOMAIN_CHECKPOINT, n, format, args);
    }

    // ---- create ---------------------------------------------------------------------------------------------

    @Override
    public DomainCheckpointRef checkpointCreateXML(DomainRef dom, String xml, Set<CheckpointCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(CheckpointCreateFlag.REDEFINE, CheckpointCreateFlag.QUIESCE),
                "testDomainCheckpointCreateXML");
        boolean redefine = flags.contains(CheckpointCreateFlag.REDEFINE);
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            if (d.snapshots.size() > 0) {
                throw Errors.test(ErrorNumber.OPERATION_UNSUPPORTED, "cannot create checkpoint while snapshot exists");
            }
            if (!d.isActive()) {
                throw Errors.test(ErrorNumber.OPERATION_UNSUPPORTED, "cannot create checkpoint for inactive domain");
            }
            Checkpoints.Chk def = parse(xml, redefine);
            Checkpoints list = d.checkpoints;
            Checkpoints.Chk chk;
            boolean updateCurrent = !redefine;
            if (redefine) {
                checkCycles(list, def);
                if (def.dom != null) {
                    if (!def.dom.uuid().equals(d.def.uuid())) {
                        throw conf(ErrorNumber.INVALID_ARG, "definition for checkpoint %s must use uuid %s",
                                def.name, d.def.uuid());
                    }
                    alignDisks(def);
                } else {
                    def.disks = CheckpointDisks.assignBitmapNames(def.disks, def.name);
                }
                Checkpoints.Chk parent = list.get(def.parent);
                if (parent != null && parent == list.current) {
                    updateCurrent = true;
                }
                if (list.current == null) {
                    updateCurrent = true;
                }
                // virDomainCheckpointRedefineCommit: an existing checkpoint takes the new definition and keeps
                // its children; only its link to a parent is rebuilt
                chk = list.get(def.name);
                if (chk != null) {
                    list.unlink(chk);
                    chk.description = def.description;
                    chk.parent = def.parent;
                    chk.creationTime = def.creationTime;
                    chk.disks = def.disks;
                    chk.dom = def.dom;
                } else {
                    chk = def;
                    list.add(chk);
                }
            } else {
                def.dom = d.def.copy();
                alignDisks(def);
                if (list.get(def.name) != null) {
                    throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_FAILED,
                            "domain moment %s already exists", def.name);
                }
                chk = def;
                list.add(chk);
            }
            Checkpoints.Chk current = list.current;
            if (current != null) {
                if (!redefine) {
                    chk.parent = current.name;
                }
                if (updateCurrent) {
                    list.current = null;
                }
            }
            if (updateCurrent) {
                list.current = chk;
            }
            list.link(chk);
            return ref(d, chk);
        }
    }

    /**
     * virDomainCheckpointDefParseString: well-formed, the right root, valid against domaincheckpoint.rng (libvirt
     * always validates checkpoints), then the definition with libvirt's defaults.
     */
    private static Checkpoints.Chk parse(String xml, boolean redefine) {
        XmlParser.defaults().parse(xml, DocumentKind.DOMAIN_CHECKPOINT);
        if (SCHEMAS.available()) {
            SCHEMAS.validate(xml, DocumentKind.DOMAIN_CHECKPOINT.schemaFile());
        }
        DomainCheckpointXml x = DomainCheckpointXml.parse(xml);
        Element r = x.element();
        String name = xpathString(r, "name");
        if (name == null && redefine) {
            throw conf(ErrorNumber.XML_ERROR, "a redefined checkpoint must have a name");
        }
        Checkpoints.Chk c = new Checkpoints.Chk(name);
        c.description = xpathString(r, "description");
        if (redefine) {
            Long created = x.creationTime();
            if (created == null) {
                throw conf(ErrorNumber.INTERNAL_ERROR, "missing creationTime from existing checkpoint");
            }
            c.creationTime = created;
            c.parent = x.parentName() == null || x.parentName().isEmpty() ? null : x.parentName();
            Element domEl = Dom.child(r, "domain");
            if (domEl != null) {
                Document dd = Xml.newDocument("domain");
                dd.replaceChild(dd.importNode(domEl, true), dd.getDocumentElement());
                c.dom = DomainDef.fromEmbedded(dd);
            }
        } else {
            // virDomainMomentDefPostParse
            c.creationTime = System.currentTimeMillis() / 1000;
            if (c.name == null) {
                c.name = Long.toString(c.creationTime);
            }
        }
        c.disks = CheckpointDisks.requested(x);
        return c;
    }

    /** virXPathString("string(./child)"): the whole text, untrimmed; null when absent or empty. */
    private static String xpathString(Element r, String child) {
        Element e = Dom.child(r, child);
        String t = e == null ? null : e.getTextContent();
        return t == null || t.isEmpty() ? null : t;
    }

    /** virDomainMomentCheckCycles. */
    private static void checkCycles(Checkpoints list, Checkpoints.Chk def) {
        if (def.parent == null) {
            return;
        }
        if (def.parent.equals(def.name)) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                    "cannot set moment %s as its own parent", def.name);
        }
        Checkpoints.Chk other = list.get(def.parent);
        if (other == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG, "parent %s for moment %s not found",
                    def.parent, def.name);
        }
        while (other != null && other.parent != null) {
            if (other.parent.equals(def.name)) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "parent %s would create cycle to %s", other.name, def.name);
            }
            other = list.get(other.parent);
        }
    }

    /** virDomainCheckpointAlignDisks over the checkpoint's saved definition. */
    private static void alignDisks(Checkpoints.Chk c) {
        List<CheckpointDisks.DomainDisk> domDisks = c.dom.read(root -> {
            List<CheckpointDisks.DomainDisk> out = new ArrayList<>();
            for (Element disk : Xml.children(Xml.child(root, "devices"), "disk")) {
                boolean ro = Dom.child(disk, "readonly") != null || "cdrom".equals(Xml.attr(disk, "device"));
                out.add(new CheckpointDisks.DomainDisk(Xml.attr(Xml.child(disk, "target"), "dev"),
                        DomainDevices.diskSource(disk), DomainDevices.sourceIsEmpty(disk) || ro));
            }
            return out;
        });
        c.disks = CheckpointDisks.align(c.disks, domDisks, c.name);
    }

    // ---- queries --------------------------------------------------------------------------------------------

    private static final EnumSet<CheckpointListFlag> FILTERS = EnumSet.of(CheckpointListFlag.LEAVES,
            CheckpointListFlag.NO_LEAVES);

    @Override
    public List<DomainCheckpointRef> listAllCheckpoints(DomainRef dom, Set<CheckpointListFlag> flags) {
        EnumSet<CheckpointListFlag> ok = EnumSet.of(CheckpointListFlag.ROOTS, CheckpointListFlag.DESCENDANTS,
                CheckpointListFlag.TOPOLOGICAL);
        ok.addAll(FILTERS);
        Errors.checkFlags(flags, ok, "testDomainListAllCheckpoints");
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            return list(d, null, flags);
        }
    }

    @Override
    public List<DomainCheckpointRef> checkpointListAllChildren(DomainCheckpointRef chkRef,
                                                               Set<CheckpointListFlag> flags) {
        EnumSet<CheckpointListFlag> ok = EnumSet.of(CheckpointListFlag.ROOTS, CheckpointListFlag.DESCENDANTS,
                CheckpointListFlag.TOPOLOGICAL);
        ok.addAll(FILTERS);
        Errors.checkFlags(flags, ok, "testDomainCheckpointListAllChildren");
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, chkRef.domain());
            return list(d, chk(d, chkRef.name()), flags);
        }
    }

    /**
     * virDomainMomentObjListGetNames: from the domain (null) bit 1 means roots only, from a checkpoint it means
     * all descendants rather than the children; leaves/no-leaves filter on having children.
     */
    private static List<DomainCheckpointRef> list(DomainObj d, Checkpoints.Chk from, Set<CheckpointListFlag> f) {
        boolean bit1 = f.contains(CheckpointListFlag.ROOTS) || f.contains(CheckpointListFlag.DESCENDANTS);
        boolean descendants = from == null ? !bit1 : bit1;
        List<Checkpoints.Chk> pick;
        if (descendants) {
            pick = from == null && !f.contains(CheckpointListFlag.TOPOLOGICAL) ? d.checkpoints.all()
                    : d.checkpoints.descendants(from);
        } else {
            pick = d.checkpoints.children(from);
        }
        List<DomainCheckpointRef> out = new ArrayList<>();
        for (Checkpoints.Chk c : pick) {
            boolean leaf = c.children.isEmpty();
            if (f.contains(CheckpointListFlag.LEAVES) && !leaf || f.contains(CheckpointListFlag.NO_LEAVES) && leaf) {
                continue;
            }
            out.add(ref(d, c));
        }
        return out;
    }

    @Override
    public DomainCheckpointRef checkpointLookupByName(DomainRef dom, String name) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            return ref(d, chk(d, name));
        }
    }

    @Override
    public DomainCheckpointRef checkpointGetParent(DomainCheckpointRef chkRef) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, chkRef.domain());
            Checkpoints.Chk c = chk(d, chkRef.name());
            if (c.parent == null) {
                throw Errors.test(ErrorNumber.NO_DOMAIN_CHECKPOINT, "checkpoint '%s' does not have a parent", c.name);
            }
            return new DomainCheckpointRef(d.ref(), c.parent);
        }
    }

    @Override
    public String checkpointGetXMLDesc(DomainCheckpointRef chkRef, Set<CheckpointXMLFlag> flags) {
        Errors.checkFlags(flags, EnumSet.allOf(CheckpointXMLFlag.class), "testDomainCheckpointGetXMLDesc");
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, chkRef.domain());
            Checkpoints.Chk c = chk(d, chkRef.name());
            if (flags.contains(CheckpointXMLFlag.SIZE) && !d.isActive()) {
                throw Errors.domainNotRunning();
            }
            // the test driver sets a size without marking it valid, so SIZE adds nothing (as in libvirt 9.0)
            return format(c, flags);
        }
    }

    /** virDomainCheckpointDefFormat. */
    private static String format(Checkpoints.Chk c, Set<CheckpointXMLFlag> flags) {
        StringBuilder sb = new StringBuilder("<domaincheckpoint>\n");
        sb.append("  <name>").append(escape(c.name)).append("</name>\n");
        if (c.description != null) {
            sb.append("  <description>").append(escape(c.description)).append("</description>\n");
        }
        if (c.parent != null) {
            sb.append("  <parent>\n    <name>").append(escape(c.parent)).append("</name>\n  </parent>\n");
        }
        if (c.creationTime != 0) {
            sb.append("  <creationTime>").append(c.creationTime).append("</creationTime>\n");
        }
        if (!c.disks.isEmpty()) {
            sb.append("  <disks>\n");
            for (CheckpointDisks.Entry disk : c.disks) {
                if (disk.name() == null) {
                    continue;
                }
                sb.append("    <disk name='").append(escape(disk.name())).append('\'');
                if (disk.type() != null) {
                    sb.append(" checkpoint='").append(disk.type()).append('\'');
                }
                if (disk.bitmap() != null) {
                    sb.append(" bitmap='").append(escape(disk.bitmap())).append('\'');
                }
                sb.append("/>\n");
            }
            sb.append("  </disks>\n");
        }
        if (c.dom != null && !flags.contains(CheckpointXMLFlag.NO_DOMAIN)) {
            for (String line : c.dom.format(DomainRef.NO_ID, flags.contains(CheckpointXMLFlag.SECURE)).split("\n")) {
                sb.append("  ").append(line).append('\n');
            }
        }
        sb.append("</domaincheckpoint>\n");
        return sb.toString();
    }

    /** virBufferEscapeString: the five XML specials become entities, other control characters are dropped. */
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    // ---- delete ---------------------------------------------------------------------------------------------

    @Override
    public void checkpointDelete(DomainCheckpointRef chkRef, Set<CheckpointDeleteFlag> flags) {
        Errors.checkFlags(flags, EnumSet.allOf(CheckpointDeleteFlag.class), "testDomainCheckpointDelete");
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, chkRef.domain());
            Checkpoints list = d.checkpoints;
            Checkpoints.Chk c = chk(d, chkRef.name());
            if (flags.contains(CheckpointDeleteFlag.CHILDREN) || flags.contains(CheckpointDeleteFlag.CHILDREN_ONLY)) {
                boolean hadCurrent = false;
                for (Checkpoints.Chk k : list.descendants(c)) {
                    hadCurrent |= list.remove(k);
                }
                if (hadCurrent) {
                    list.current = c;
                }
                c.children.clear();
            } else if (!c.children.isEmpty()) {
                Checkpoints.Chk parent = list.isRoot(c) ? null : c.up;
                for (Checkpoints.Chk k : c.children) {
                    k.parent = parent == null ? null : parent.name;
                }
                list.moveChildren(c, parent);
            }
            if (!flags.contains(CheckpointDeleteFlag.CHILDREN_ONLY)) {
                list.unlink(c);
                if (c == list.current) {
                    list.current = c.parent == null ? null : list.get(c.parent);
                }
                list.remove(c);
            }
        }
    }
}
