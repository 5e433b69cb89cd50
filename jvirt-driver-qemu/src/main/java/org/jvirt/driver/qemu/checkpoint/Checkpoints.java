package org.jvirt.driver.qemu.checkpoint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.DiskProps;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.SchemaValidator;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.checkpoint.CheckpointDisks;
import org.jvirt.xml.checkpoint.DomainCheckpointXml;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;
import org.w3c.dom.Element;

/**
 * qemu_checkpoint.c: create (a persistent dirty bitmap per bitmap disk, all in one QMP transaction, while the guest
 * runs), redefine (metadata only, optionally checking that the bitmaps are there), list, XML (with each bitmap's
 * dirty size on request) and delete (the bitmaps go in one transaction; metadata-only leaves them). Bitmaps are
 * persistent, so QEMU writes them into the qcow2 images when the guest stops and finds them at the next start.
 */
public final class Checkpoints {

    /** domaincheckpoint.rng's checkpointName: no leading '.', no '/' or newline, so a safe file and bitmap name. */
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_\\-][a-zA-Z0-9_\\-.]*");
    /** Made at the first checkpoint definition, not when a guest starts: the validator brings jing and a schema. */
    private static final class Schemas {
        static final SchemaValidator SYSTEM = SchemaValidator.system();
    }

    private final Path stateDir;

    public Checkpoints(Path stateDir) {
        this.stateDir = stateDir;
    }

    private CheckpointMeta meta(DomainObj dom) {
        return new CheckpointMeta(stateDir, dom.name());
    }

    private static VirtException qemu(ErrorNumber n, String format, Object... args) {
        return VirtException.of(ErrorDomain.QEMU, n, format, args);
    }

    // ---- create ---------------------------------------------------------------------------------------------

    /** Returns the name of the checkpoint created or redefined. */
    public String create(DomainObj dom, String xml, Set<CheckpointCreateFlag> flags) {
        Flags.check(flags, EnumSet.of(CheckpointCreateFlag.REDEFINE, CheckpointCreateFlag.REDEFINE_VALIDATE),
                ErrorDomain.QEMU, "qemuCheckpointCreateXML");
        boolean redefine = flags.contains(CheckpointCreateFlag.REDEFINE);
        if (!redefine && !dom.isActive()) {
            throw qemu(ErrorNumber.OPERATION_UNSUPPORTED, "cannot create checkpoint for inactive domain");
        }
        DomainCheckpointXml def = parse(xml, redefine);
        dom.beginJob("checkpoint create");
        try {
            CheckpointMeta meta = meta(dom);
            String current = meta.current();
            boolean updateCurrent = !redefine;
            if (redefine) {
                redefinePrep(dom, meta, def);
                if (flags.contains(CheckpointCreateFlag.REDEFINE_VALIDATE)) {
                    validateBitmaps(dom, def);
                }
                if (def.parentName() != null && def.parentName().equals(current) || current == null) {
                    updateCurrent = true;
                }
            } else {
                DomainRun run = dom.requireRun();
                DomainXml live = run.liveDef();
                DomainXml saved = DomainXml.parse(live.toXml());
                saved.id(null);
                Element copy = (Element) def.document().importNode(saved.element(), true);
                def.element().appendChild(copy);
                List<CheckpointDisks.Entry> disks = CheckpointDisks.align(CheckpointDisks.requested(def),
                        domainDisks(live), def.name());
                List<DirtyBitmaps.Bitmap> add = new ArrayList<>();
                for (CheckpointDisks.Entry e : disks) {
                    if (!CheckpointDisks.BITMAP.equals(e.type())) {
                        continue;
                    }
                    if (!e.bitmap().equals(def.name())) {
                        throw qemu(ErrorNumber.CONFIG_UNSUPPORTED, "bitmap for disk '%s' must match checkpoint "
                                + "name '%s'", e.name(), def.name());
                    }
                    DiskXml disk = diskByTarget(live, e.name());
                    String format = format(disk);
                    if (!format.equals("qcow2") || !(disk.source() instanceof DiskSource.File)) {
                        throw qemu(ErrorNumber.CONFIG_UNSUPPORTED, "checkpoint for disk %s unsupported for storage "
                                + "type %s", e.name(), format);
                    }
                    add.add(new DirtyBitmaps.Bitmap(DiskProps.formatNode(disk.alias()), e.bitmap()));
                }
                setDisks(def, disks);
                if (meta.exists(def.name())) {
                    throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_FAILED,
                            "domain moment %s already exists", def.name());
                }
                def.parentName(current);
                DirtyBitmaps.addPersistent(run.process().monitor(), add);
            }
            meta.write(def);
            if (updateCurrent) {
                meta.current(def.name());
            }
            return def.name();
        } finally {
            dom.endJob();
        }
    }

    /**
     * virDomainCheckpointDefParseString: well-formed, the right root, valid against domaincheckpoint.rng (the name
     * pattern is checked here too, since the name becomes a file and a bitmap name), then libvirt's defaults.
     */
    private static DomainCheckpointXml parse(String xml, boolean redefine) {
        XmlParser.defaults().parse(xml, DocumentKind.DOMAIN_CHECKPOINT);
        if (Schemas.SYSTEM.available()) {
            Schemas.SYSTEM.validate(xml, DocumentKind.DOMAIN_CHECKPOINT.schemaFile());
        }
        DomainCheckpointXml def = DomainCheckpointXml.parse(xml);
        for (String n : new String[] {def.name(), def.parentName()}) {
            if (n != null && !NAME.matcher(n).matches()) {
                throw VirtException.of(ErrorDomain.XML, ErrorNumber.XML_INVALID_SCHEMA,
                        "checkpoint name '%s' does not match %s", n, NAME.pattern());
            }
        }
        if (redefine) {
            if (def.name() == null) {
                throw VirtException.of(ErrorDomain.DOMAIN_CHECKPOINT, ErrorNumber.XML_ERROR,
                        "a redefined checkpoint must have a name");
            }
            if (def.creationTime() == null) {
                throw VirtException.of(ErrorDomain.DOMAIN_CHECKPOINT, ErrorNumber.INTERNAL_ERROR,
                        "missing creationTime from existing checkpoint");
            }
        } else {
            // virDomainMomentDefPostParse; a request's parent and domain are the driver's to fill in
            long now = System.currentTimeMillis() / 1000;
            def.creationTime(now);
            if (def.name() == null) {
                def.name(Long.toString(now));
            }
            def.parentName(null);
            Dom.removeChildren(def.element(), "domain");
        }
        return def;
    }

    /** virDomainCheckpointRedefinePrep: no cycle, the domain's own uuid, disks aligned or bitmaps named. */
    private static void redefinePrep(DomainObj dom, CheckpointMeta meta, DomainCheckpointXml def) {
        String parent = def.parentName();
        if (parent != null) {
            if (parent.equals(def.name())) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "cannot set moment %s as its own parent", def.name());
            }
            if (!meta.exists(parent)) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "parent %s for moment %s not found", parent, def.name());
            }
            String p = parent;
            while (p != null && meta.exists(p)) {
                String up = meta.get(p).parentName();
                if (def.name().equals(up)) {
                    throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                            "parent %s would create cycle to %s", p, def.name());
                }
                p = up;
            }
        }
        DomainXml saved = def.domain();
        List<CheckpointDisks.Entry> disks = CheckpointDisks.requested(def);
        if (saved != null) {
            if (!dom.uuid().equals(saved.uuid())) {
                throw VirtException.of(ErrorDomain.DOMAIN_CHECKPOINT, ErrorNumber.INVALID_ARG,
                        "definition for checkpoint %s must use uuid %s", def.name(), dom.uuid());
            }
            disks = CheckpointDisks.align(disks, domainDisks(saved), def.name());
        } else {
            disks = CheckpointDisks.assignBitmapNames(disks, def.name());
        }
        setDisks(def, disks);
    }

    /** qemuCheckpointRedefineValidateBitmaps: every bitmap disk still attached holds the checkpoint's bitmap. */
    private static void validateBitmaps(DomainObj dom, DomainCheckpointXml def) {
        DomainRun run = dom.run();
        if (run == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID, "domain is not running");
        }
        Map<String, Map<String, DirtyBitmaps.Info>> nodes = DirtyBitmaps.byNode(run.process().monitor());
        for (DomainCheckpointXml.Disk d : def.disks()) {
            DiskXml disk = CheckpointDisks.BITMAP.equals(d.checkpoint()) ? diskByTarget(run.liveDef(), d.name())
                    : null;
            if (disk == null) {
                continue;
            }
            DirtyBitmaps.Info b = nodes.getOrDefault(DiskProps.formatNode(disk.alias()), Map.of()).get(def.name());
            if (b == null || !b.persistent()) {
                throw qemu(ErrorNumber.CHECKPOINT_INCONSISTENT, "missing or broken bitmap '%s' for disk '%s'",
                        def.name(), d.name());
            }
        }
    }

    private static String format(DiskXml d) {
        return d.driver() != null && d.driver().type() != null ? d.driver().type() : "raw";
    }

    private static List<CheckpointDisks.DomainDisk> domainDisks(DomainXml def) {
        List<CheckpointDisks.DomainDisk> out = new ArrayList<>();
        for (DiskXml d : def.devices().disks()) {
            String path = d.source() instanceof DiskSource.File f ? f.path() : null;
            boolean ro = d.readonly() || "cdrom".equals(d.device());
            out.add(new CheckpointDisks.DomainDisk(d.targetDev(), path, d.source() == null || ro));
        }
        return out;
    }

    private static DiskXml diskByTarget(DomainXml def, String target) {
        for (DiskXml d : def.devices().disks()) {
            if (target.equals(d.targetDev())) {
                return d;
            }
        }
        return null;
    }

    /** Replaces the {@code <disks>} of {@code def} with the aligned entries. */
    private static void setDisks(DomainCheckpointXml def, List<CheckpointDisks.Entry> disks) {
        Dom.removeChildren(def.element(), "disks");
        for (CheckpointDisks.Entry e : disks) {
            def.addDisk(new DomainCheckpointXml.Disk(e.name(), e.type(), e.bitmap(), null));
        }
    }

    // ---- queries --------------------------------------------------------------------------------------------

    public boolean exists(DomainObj dom, String name) {
        return meta(dom).exists(name);
    }

    public boolean hasAny(DomainObj dom) {
        return !meta(dom).all().isEmpty();
    }

    public int count(DomainObj dom) {
        return meta(dom).all().size();
    }

    /** undefine with CHECKPOINTS_METADATA: the bitmaps stay in the images. */
    public void forget(DomainObj dom) {
        meta(dom).deleteAll();
    }

    public String parent(DomainObj dom, String name) {
        String p = meta(dom).get(name).parentName();
        if (p == null) {
            throw qemu(ErrorNumber.NO_DOMAIN_CHECKPOINT, "checkpoint '%s' does not have a parent", name);
        }
        return p;
    }

    /**
     * virDomainMomentObjListGetNames: from the domain (null) bit 1 means roots only, from a checkpoint it means all
     * descendants rather than the children; leaves/no-leaves filter on having children.
     */
    public List<String> list(DomainObj dom, String from, Set<CheckpointListFlag> flags) {
        Flags.check(flags, EnumSet.allOf(CheckpointListFlag.class), ErrorDomain.QEMU,
                from == null ? "qemuDomainListAllCheckpoints" : "qemuDomainCheckpointListAllChildren");
        List<DomainCheckpointXml> all = meta(dom).all();
        if (from != null) {
            meta(dom).get(from);
        }
        boolean bit1 = flags.contains(CheckpointListFlag.ROOTS) || flags.contains(CheckpointListFlag.DESCENDANTS);
        boolean descendants = from == null ? !bit1 : bit1;
        List<String> pick;
        if (descendants) {
            pick = from == null && !flags.contains(CheckpointListFlag.TOPOLOGICAL)
                    ? all.stream().map(x -> x.name()).toList() : descendants(all, from);
        } else {
            pick = children(all, from);
        }
        List<String> out = new ArrayList<>();
        for (String n : pick) {
            boolean leaf = children(all, n).isEmpty();
            if (flags.contains(CheckpointListFlag.LEAVES) && !leaf
                    || flags.contains(CheckpointListFlag.NO_LEAVES) && leaf) {
                continue;
            }
            out.add(n);
        }
        return out;
    }

    private static List<String> children(List<DomainCheckpointXml> all, String parent) {
        List<String> out = new ArrayList<>();
        for (DomainCheckpointXml c : all) {
            if (parent == null ? c.parentName() == null : parent.equals(c.parentName())) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Parents before their children. */
    private static List<String> descendants(List<DomainCheckpointXml> all, String parent) {
        List<String> out = new ArrayList<>();
        for (String c : children(all, parent)) {
            out.add(c);
            out.addAll(descendants(all, c));
        }
        return out;
    }

    /** qemuCheckpointGetXMLDesc; SIZE asks QEMU how many bytes each bitmap has recorded as dirty. */
    public String xml(DomainObj dom, String name, Set<CheckpointXMLFlag> flags) {
        Flags.check(flags, EnumSet.allOf(CheckpointXMLFlag.class), ErrorDomain.QEMU, "qemuCheckpointGetXMLDesc");
        DomainCheckpointXml c = meta(dom).get(name);
        if (flags.contains(CheckpointXMLFlag.SIZE)) {
            DomainRun run = dom.run();
            if (run == null) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID, "domain is not running");
            }
            Map<String, Map<String, DirtyBitmaps.Info>> nodes = DirtyBitmaps.byNode(run.process().monitor());
            List<DomainCheckpointXml.Disk> disks = c.disks();
            Dom.removeChildren(c.element(), "disks");
            for (DomainCheckpointXml.Disk d : disks) {
                DiskXml live = d.bitmap() == null ? null : diskByTarget(run.liveDef(), d.name());
                DirtyBitmaps.Info b = live == null ? null
                        : nodes.getOrDefault(DiskProps.formatNode(live.alias()), Map.of()).get(d.bitmap());
                c.addDisk(new DomainCheckpointXml.Disk(d.name(), d.checkpoint(), d.bitmap(),
                        b == null ? null : b.dirtyBytes()));
            }
        }
        DomainXml saved = c.domain();
        if (flags.contains(CheckpointXMLFlag.NO_DOMAIN)) {
            Dom.removeChildren(c.element(), "domain");
        } else if (saved != null && !flags.contains(CheckpointXMLFlag.SECURE)) {
            for (GraphicsXml g : saved.devices().graphics()) {
                g.passwd(null);
            }
        }
        return c.toXml();
    }

    // ---- delete ---------------------------------------------------------------------------------------------

    /** qemuCheckpointDelete. */
    public void delete(DomainObj dom, String name, Set<CheckpointDeleteFlag> flags) {
        Flags.check(flags, EnumSet.allOf(CheckpointDeleteFlag.class), ErrorDomain.QEMU, "qemuCheckpointDelete");
        boolean metadataOnly = flags.contains(CheckpointDeleteFlag.METADATA_ONLY);
        dom.beginJob("checkpoint delete");
        try {
            if (!metadataOnly && !dom.isActive()) {
                throw qemu(ErrorNumber.OPERATION_UNSUPPORTED, "cannot delete checkpoint for inactive domain");
            }
            CheckpointMeta meta = meta(dom);
            DomainCheckpointXml target = meta.get(name);
            List<DomainCheckpointXml> all = meta.all();
            String current = meta.current();
            boolean children = flags.contains(CheckpointDeleteFlag.CHILDREN)
                    || flags.contains(CheckpointDeleteFlag.CHILDREN_ONLY);
            List<String> doomed = new ArrayList<>(children ? descendants(all, name) : List.of());
            boolean childrenOnly = flags.contains(CheckpointDeleteFlag.CHILDREN_ONLY);
            if (!childrenOnly) {
                doomed.add(name);
            }
            if (!metadataOnly) {
                discardBitmaps(dom, doomed.stream().map(meta::get).toList());
            }
            for (String n : doomed) {
                meta.delete(n);
            }
            if (current != null && doomed.contains(current)) {
                // libvirt makes the deleted checkpoint's parent current, or the checkpoint kept with CHILDREN_ONLY
                meta.current(childrenOnly ? name : target.parentName());
            }
            if (!children) {
                for (DomainCheckpointXml c : all) { // the children move up to the parent
                    if (name.equals(c.parentName())) {
                        c.parentName(target.parentName());
                        meta.write(c);
                    }
                }
            }
        } finally {
            dom.endJob();
        }
    }

    /**
     * qemuCheckpointDiscardBitmaps: every bitmap of the checkpoints on the disks still attached, removed in one
     * transaction; a bitmap that is not there fails the whole deletion before anything is removed.
     */
    private static void discardBitmaps(DomainObj dom, List<DomainCheckpointXml> doomed) {
        DomainRun run = dom.requireRun();
        QmpMonitor mon = run.process().monitor();
        Map<String, Map<String, DirtyBitmaps.Info>> nodes = DirtyBitmaps.byNode(mon);
        List<DirtyBitmaps.Bitmap> remove = new ArrayList<>();
        for (DomainCheckpointXml c : doomed) {
            for (DomainCheckpointXml.Disk d : c.disks()) {
                DiskXml disk = diskByTarget(run.liveDef(), d.name());
                if (disk == null || !CheckpointDisks.BITMAP.equals(d.checkpoint())) {
                    continue; // unplugged since, or taking no part
                }
                if (d.bitmap() == null) {
                    throw qemu(ErrorNumber.INVALID_ARG, "missing bitmap name for disk '%s' of checkpoint '%s'",
                            d.name(), c.name());
                }
                String node = DiskProps.formatNode(disk.alias());
                if (!nodes.getOrDefault(node, Map.of()).containsKey(d.bitmap())) {
                    throw qemu(ErrorNumber.INTERNAL_ERROR, "bitmap '%s' not found in backing chain of '%s'",
                            d.bitmap(), d.name());
                }
                remove.add(new DirtyBitmaps.Bitmap(node, d.bitmap()));
            }
        }
        DirtyBitmaps.remove(mon, remove);
    }
}
