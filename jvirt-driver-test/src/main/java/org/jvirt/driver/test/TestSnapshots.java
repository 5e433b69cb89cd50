package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.SnapshotCreateFlag;
import org.jvirt.flags.SnapshotDeleteFlag;
import org.jvirt.flags.SnapshotListFlag;
import org.jvirt.flags.SnapshotRevertFlag;
import org.jvirt.flags.SnapshotXMLFlag;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainSnapshotDriver;
import org.jvirt.spi.DomainSnapshotRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Snapshots as the test driver keeps them: metadata only (a copy of the domain definition and its state), a
 * tree by parent name, and a current snapshot; revert replays the transitions listed in
 * testDomainRevertToSnapshot with the same events.
 */
final class TestSnapshots implements DomainSnapshotDriver {

    private final TestState st;

    TestSnapshots(TestState st) {
        this.st = st;
    }

    private Snapshots.Snap snap(DomainObj d, String name) {
        Snapshots.Snap s = d.snapshots.get(name);
        if (s == null) {
            throw Errors.test(ErrorNumber.NO_DOMAIN_SNAPSHOT, "no domain snapshot with matching name '%s'", name);
        }
        return s;
    }

    private static DomainSnapshotRef ref(DomainObj d, Snapshots.Snap s) {
        return new DomainSnapshotRef(d.ref(), s.name);
    }

    /**
     * testDomainSnapshotAlignDisks and virDomainSnapshotAlignDisks: the disks a new snapshot names must be the
     * domain's, each once, in the snapshot mode of the memory (internal, or external with an external memory
     * image), and only an external snapshot may name a file.
     */
    private static void alignDisks(Element snap, List<String> domainDisks) {
        List<Element> disks = Xml.children(Xml.child(snap, "disks"), "disk");
        for (Element disk : disks) {
            if ("manual".equals(Xml.attr(disk, "snapshot"))) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_UNSUPPORTED,
                        "'manual' snapshot mode is not supported by the test driver");
            }
        }
        ErrorDomain ed = ErrorDomain.DOMAIN_SNAPSHOT;
        if (disks.size() > domainDisks.size()) {
            throw VirtException.of(ed, ErrorNumber.CONFIG_UNSUPPORTED, "too many disk snapshot requests for domain");
        }
        String align = "external".equals(Xml.attr(Xml.child(snap, "memory"), "snapshot")) ? "external" : "internal";
        List<String> seen = new java.util.ArrayList<>();
        for (Element disk : disks) {
            String name = Xml.attr(disk, "name");
            if (!domainDisks.contains(name)) {
                throw VirtException.of(ed, ErrorNumber.CONFIG_UNSUPPORTED, "no disk named '%s'", name);
            }
            if (seen.contains(name)) {
                throw VirtException.of(ed, ErrorNumber.CONFIG_UNSUPPORTED, "disk '%s' specified twice", name);
            }
            seen.add(name);
            String mode = Xml.attr(disk, "snapshot");
            if (mode != null && !mode.equals(align) && !mode.equals("no")) {
                throw VirtException.of(ed, ErrorNumber.CONFIG_UNSUPPORTED, "disk '%s' must use snapshot mode '%s'",
                        name, align);
            }
            String file = Xml.attr(Xml.child(disk, "source"), "file");
            if (file != null && !"external".equals(mode == null ? align : mode)) {
                throw VirtException.of(ed, ErrorNumber.CONFIG_UNSUPPORTED,
                        "file '%s' for disk '%s' requires use of external snapshot mode", file, name);
            }
        }
    }

    @Override
    public DomainSnapshotRef snapshotCreateXML(DomainRef dom, String xml, Set<SnapshotCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(SnapshotCreateFlag.REDEFINE, SnapshotCreateFlag.CURRENT,
                SnapshotCreateFlag.HALT, SnapshotCreateFlag.QUIESCE, SnapshotCreateFlag.ATOMIC,
                SnapshotCreateFlag.LIVE, SnapshotCreateFlag.VALIDATE), "testDomainSnapshotCreateXML");
        boolean redefine = flags.contains(SnapshotCreateFlag.REDEFINE);
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            if (d.checkpoints.size() > 0) {
                throw Errors.test(ErrorNumber.OPERATION_UNSUPPORTED, "cannot create snapshot while checkpoint exists");
            }
            if (!d.persistent && flags.contains(SnapshotCreateFlag.HALT)) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "cannot halt after transient domain snapshot");
            }
            Document doc = Xml.parse(xml, "(domain_snapshot)", "domainsnapshot", ErrorDomain.DOMAIN_SNAPSHOT);
            Element r = doc.getDocumentElement();
            long now = System.currentTimeMillis() / 1000;
            String name = Xml.childText(r, "name");
            if (name == null) {
                if (redefine) {
                    throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.XML_ERROR,
                            "a redefined snapshot must have a name");
                }
                name = Long.toString(now);
            }
            Snapshots.Snap s;
            if (redefine) {
                s = d.snapshots.get(name);
                if (s == null) {
                    s = new Snapshots.Snap(name);
                }
                s.state = Xml.childText(r, "state") == null ? "shutoff" : Xml.childText(r, "state");
                String ct = Xml.childText(r, "creationTime");
                s.creationTime = ct == null ? now : Long.parseLong(ct);
                Element parent = Xml.child(r, "parent");
                s.parent = parent == null ? null : Xml.childText(parent, "name");
                Element domEl = Xml.child(r, "domain");
                if (domEl != null) {
                    Document dd = Xml.newDocument("domain");
                    dd.replaceChild(dd.importNode(domEl, true), dd.getDocumentElement());
                    s.dom = DomainDef.fromDocument(dd);
                }
                s.redefined = true;
            } else {
                if (d.snapshots.get(name) != null) {
                    throw VirtException.of(ErrorDomain.DOMAIN_SNAPSHOT, ErrorNumber.OPERATION_INVALID,
                            "domain snapshot '%s' already exists", name);
                }
                alignDisks(r, d.def.read(DomainDevices::diskTargets));
                s = new Snapshots.Snap(name);
                s.creationTime = now;
                s.dom = d.def.copy();
                s.state = stateName(d.state);
                s.memory = d.state == DomainState.SHUTOFF ? "no" : "internal";
                s.parent = d.snapshots.current;
            }
            s.description = Xml.childText(r, "description");
            d.snapshots.put(name, s);
            if (!redefine && flags.contains(SnapshotCreateFlag.HALT) && d.isActive()) {
                DomainLifecycle.shutdownState(st, d, TestDomains.SHUTOFF_FROM_SNAPSHOT);
                st.lifecycle(d, DomainEventType.STOPPED, DomainLifecycle.STOPPED_FROM_SNAPSHOT);
            }
            if (!redefine || flags.contains(SnapshotCreateFlag.CURRENT)) {
                d.snapshots.current = name;
            }
            return ref(d, s);
        }
    }

    static String stateName(DomainState s) {
        return switch (s) {
            case NOSTATE -> "nostate";
            case RUNNING -> "running";
            case BLOCKED -> "blocked";
            case PAUSED -> "paused";
            case SHUTDOWN -> "shutdown";
            case SHUTOFF -> "shutoff";
            case CRASHED -> "crashed";
            case PMSUSPENDED -> "pmsuspended";
        };
    }

    @Override
    public List<DomainSnapshotRef> listAllSnapshots(DomainRef dom, Set<SnapshotListFlag> flags) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            boolean roots = flags.contains(SnapshotListFlag.ROOTS) || flags.contains(SnapshotListFlag.DESCENDANTS);
            List<Snapshots.Snap> from = roots ? d.snapshots.children(null)
                    : d.snapshots.all();
            return filter(d, from, flags);
        }
    }

    @Override
    public List<DomainSnapshotRef> snapshotListAllChildren(DomainSnapshotRef snapRef, Set<SnapshotListFlag> flags) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, snapRef.domain());
            Snapshots.Snap s = snap(d, snapRef.name());
            boolean descendants = flags.contains(SnapshotListFlag.ROOTS)
                    || flags.contains(SnapshotListFlag.DESCENDANTS);
            return filter(d, descendants ? d.snapshots.descendants(s.name) : d.snapshots.children(s.name), flags);
        }
    }

    private List<DomainSnapshotRef> filter(DomainObj d, List<Snapshots.Snap> from, Set<SnapshotListFlag> f) {
        List<DomainSnapshotRef> out = new ArrayList<>();
        boolean leaves = f.contains(SnapshotListFlag.LEAVES);
        boolean noLeaves = f.contains(SnapshotListFlag.NO_LEAVES);
        boolean inactive = f.contains(SnapshotListFlag.INACTIVE);
        boolean active = f.contains(SnapshotListFlag.ACTIVE);
        boolean diskOnly = f.contains(SnapshotListFlag.DISK_ONLY);
        boolean internal = f.contains(SnapshotListFlag.INTERNAL);
        boolean external = f.contains(SnapshotListFlag.EXTERNAL);
        if (f.contains(SnapshotListFlag.NO_METADATA) && !f.contains(SnapshotListFlag.METADATA)) {
            return out;
        }
        for (Snapshots.Snap s : from) {
            boolean leaf = d.snapshots.isLeaf(s);
            if ((leaves || noLeaves) && !((leaves && leaf) || (noLeaves && !leaf))) {
                continue;
            }
            boolean isInactive = s.state.equals("shutoff");
            boolean isDisk = s.state.equals("disk-snapshot");
            if ((inactive || active || diskOnly)
                    && !((inactive && isInactive) || (diskOnly && isDisk) || (active && !isInactive && !isDisk))) {
                continue;
            }
            if ((internal || external) && !internal) {
                continue;
            }
            out.add(ref(d, s));
        }
        return out;
    }

    @Override
    public DomainSnapshotRef snapshotLookupByName(DomainRef dom, String name) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            return ref(d, snap(d, name));
        }
    }

    @Override
    public boolean hasCurrentSnapshot(DomainRef dom) {
        synchronized (st) {
            return TestDomains.obj(st, dom).snapshots.current != null;
        }
    }

    @Override
    public DomainSnapshotRef snapshotCurrent(DomainRef dom) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, dom);
            if (d.snapshots.current == null) {
                throw Errors.test(ErrorNumber.NO_DOMAIN_SNAPSHOT, "the domain does not have a current snapshot");
            }
            return ref(d, snap(d, d.snapshots.current));
        }
    }

    @Override
    public DomainSnapshotRef snapshotGetParent(DomainSnapshotRef snapRef) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, snapRef.domain());
            Snapshots.Snap s = snap(d, snapRef.name());
            if (s.parent == null) {
                throw Errors.test(ErrorNumber.NO_DOMAIN_SNAPSHOT, "snapshot '%s' does not have a parent", s.name);
            }
            return ref(d, snap(d, s.parent));
        }
    }

    @Override
    public String snapshotGetXMLDesc(DomainSnapshotRef snapRef, Set<SnapshotXMLFlag> flags) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, snapRef.domain());
            Snapshots.Snap s = snap(d, snapRef.name());
            StringBuilder sb = new StringBuilder("<domainsnapshot>\n");
            sb.append("  <name>").append(Xml.escape(s.name, false)).append("</name>\n");
            if (s.description != null) {
                sb.append("  <description>").append(Xml.escape(s.description, false)).append("</description>\n");
            }
            sb.append("  <state>").append(s.state).append("</state>\n");
            if (s.parent != null) {
                sb.append("  <parent>\n    <name>").append(Xml.escape(s.parent, false)).append("</name>\n")
                        .append("  </parent>\n");
            }
            sb.append("  <creationTime>").append(s.creationTime).append("</creationTime>\n");
            if (s.memory != null) {
                sb.append("  <memory snapshot='").append(s.memory).append("'/>\n");
            }
            if (s.dom != null) {
                sb.append("  <disks>\n");
                for (String dev : s.dom.read(DomainDevices::diskTargets)) {
                    sb.append("    <disk name='").append(Xml.escape(dev, true)).append("' snapshot='internal'/>\n");
                }
                sb.append("  </disks>\n");
                for (String line : s.dom.format(DomainRef.NO_ID, flags.contains(SnapshotXMLFlag.SECURE))
                        .split("\n")) {
                    sb.append("  ").append(line).append('\n');
                }
            }
            sb.append("</domainsnapshot>\n");
            return sb.toString();
        }
    }

    @Override
    public boolean snapshotIsCurrent(DomainSnapshotRef snapRef) {
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, snapRef.domain());
            Snapshots.Snap s = snap(d, snapRef.name());
            return s.name.equals(d.snapshots.current);
        }
    }

    @Override
    public boolean snapshotHasMetadata(DomainSnapshotRef snapRef) {
        synchronized (st) {
            snap(TestDomains.obj(st, snapRef.domain()), snapRef.name());
            return true;
        }
    }

    @Override
    public void snapshotDelete(DomainSnapshotRef snapRef, Set<SnapshotDeleteFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(SnapshotDeleteFlag.CHILDREN, SnapshotDeleteFlag.CHILDREN_ONLY),
                "testDomainSnapshotDelete");
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, snapRef.domain());
            Snapshots.Snap s = snap(d, snapRef.name());
            Snapshots snaps = d.snapshots;
            if (flags.contains(SnapshotDeleteFlag.CHILDREN) || flags.contains(SnapshotDeleteFlag.CHILDREN_ONLY)) {
                boolean hadCurrent = false;
                for (Snapshots.Snap c : snaps.descendants(s.name)) {
                    hadCurrent |= c.name.equals(snaps.current);
                    snaps.remove(c.name);
                }
                if (hadCurrent) {
                    snaps.current = s.name;
                }
            } else {
                for (Snapshots.Snap c : snaps.children(s.name)) {
                    c.parent = s.parent;
                }
            }
            if (!flags.contains(SnapshotDeleteFlag.CHILDREN_ONLY)) {
                if (s.name.equals(snaps.current)) {
                    snaps.current = s.parent != null && snaps.get(s.parent) != null ? s.parent : null;
                }
                snaps.remove(s.name);
            }
        }
    }

    @Override
    public void revertToSnapshot(DomainSnapshotRef snapRef, Set<SnapshotRevertFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(SnapshotRevertFlag.RUNNING, SnapshotRevertFlag.PAUSED,
                SnapshotRevertFlag.FORCE), "testDomainRevertToSnapshot");
        boolean wantRun = flags.contains(SnapshotRevertFlag.RUNNING);
        boolean wantPause = flags.contains(SnapshotRevertFlag.PAUSED);
        synchronized (st) {
            DomainObj d = TestDomains.obj(st, snapRef.domain());
            Snapshots.Snap s = snap(d, snapRef.name());
            boolean snapRuns = s.state.equals("running") || s.state.equals("paused");
            if (!d.persistent && !snapRuns && !wantRun && !wantPause) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID,
                        "transient domain needs to request run or pause to revert to inactive snapshot");
            }
            if (s.dom == null) {
                throw Errors.test(ErrorNumber.SNAPSHOT_REVERT_RISKY, "snapshot '%s' lacks domain '%s' rollback info",
                        s.name, d.name());
            }
            d.snapshots.current = null;
            DomainDef config = s.dom.copy();
            if (snapRuns) {
                if (d.isActive()) {
                    DomainLifecycle.shutdownState(st, d, TestDomains.SHUTOFF_FROM_SNAPSHOT);
                    st.lifecycle(d, DomainEventType.STOPPED, DomainLifecycle.STOPPED_FROM_SNAPSHOT);
                }
                assignInactive(st, d, config);
                DomainLifecycle.startState(st, d, TestDomains.RUNNING_FROM_SNAPSHOT);
                st.lifecycle(d, DomainEventType.STARTED, DomainLifecycle.STARTED_FROM_SNAPSHOT);
                if (!wantRun && (s.state.equals("paused") || wantPause)) {
                    d.setState(DomainState.PAUSED, TestDomains.PAUSED_FROM_SNAPSHOT);
                    st.lifecycle(d, DomainEventType.SUSPENDED, DomainLifecycle.SUSPENDED_FROM_SNAPSHOT);
                }
            } else {
                assignInactive(st, d, config);
                if (d.isActive()) {
                    DomainLifecycle.shutdownState(st, d, TestDomains.SHUTOFF_FROM_SNAPSHOT);
                    st.lifecycle(d, DomainEventType.STOPPED, DomainLifecycle.STOPPED_FROM_SNAPSHOT);
                }
                if (wantRun || wantPause) {
                    // test_driver.c raises these events without starting the domain; we keep its behaviour
                    st.lifecycle(d, DomainEventType.STARTED, DomainLifecycle.STARTED_FROM_SNAPSHOT);
                    if (wantPause) {
                        st.lifecycle(d, DomainEventType.SUSPENDED, DomainLifecycle.SUSPENDED_FROM_SNAPSHOT);
                    }
                }
            }
            d.snapshots.current = s.name;
        }
    }

    /** virDomainObjAssignDef(vm, def, live=false): the config of a running domain waits in newDef. */
    private static void assignInactive(TestState st, DomainObj d, DomainDef config) {
        if (d.isActive()) {
            d.newDef = config;
        } else {
            String oldName = d.name();
            d.def = config;
            st.renamed(d, oldName);
        }
    }
}
