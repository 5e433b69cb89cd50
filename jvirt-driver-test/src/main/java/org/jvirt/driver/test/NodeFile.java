package org.jvirt.driver.test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeInfo;
import org.jvirt.VirtException;
import org.jvirt.io.BoundedFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Loads a test driver state from a node document (testOpenParse): host CPU and memory, then domains (with the
 * test namespace's runtime hints), networks, interfaces, pools with their volumes, and devices. Any child may
 * instead name a file with {@code file=}, relative to the node file.
 */
final class NodeFile {

    private final TestState st;
    private final Path base;

    private NodeFile(TestState st, Path base) {
        this.st = st;
        this.base = base;
    }

    /** The process-wide default state: libvirt's default objects and its two NUMA cells of 8 CPUs. */
    static TestState loadDefault() {
        TestState st = new TestState();
        for (int i = 0; i < 2; i++) {
            st.cells.add(new TestState.Cell(8, (i + 1) * 2048L * 1024, (i + 1) * 1024L * 1024));
        }
        Document doc = Xml.parse(DefaultNode.XML, "(test driver)", "node", ErrorDomain.TEST);
        new NodeFile(st, null).load(doc.getDocumentElement());
        return st;
    }

    static TestState loadFile(String file) {
        TestState st = new TestState();
        Document doc = Xml.parse(read(Path.of(file)), file, "node", ErrorDomain.TEST);
        new NodeFile(st, Path.of(file).getParent()).load(doc.getDocumentElement());
        return st;
    }

    private static String read(Path p) {
        try {
            return BoundedFiles.readString(p, BoundedFiles.MAX_XML_BYTES);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.TEST, ErrorNumber.SYSTEM_ERROR, "failed to read file '%s': %s", p,
                    Errors.strerror(e));
        }
    }

    /** testParseXMLDocFromFile: an element with {@code file=} is replaced by that file's root element. */
    private Element resolve(Element e) {
        String rel = Xml.attr(e, "file");
        if (rel == null) {
            return e;
        }
        Path p = Path.of(rel);
        if (!p.isAbsolute()) {
            p = (base == null ? Path.of(".") : base).resolve(rel);
        }
        return Xml.parse(read(p), p.toString(), Xml.localName(e), ErrorDomain.TEST).getDocumentElement();
    }

    private static Document own(Element e) {
        Document d = Xml.newDocument("x");
        d.replaceChild(d.importNode(e, true), d.getDocumentElement());
        return d;
    }

    private void load(Element node) {
        nodeInfo(node);
        for (Element e : Xml.children(node, "domain")) {
            domain(own(resolve(e)));
        }
        for (Element e : Xml.children(node, "network")) {
            Document d = NetworkStore.complete(own(resolve(e)));
            NetworkStore.Net n = NetworkStore.assign(st, d, false);
            n.active = true;
        }
        for (Element e : Xml.children(node, "interface")) {
            Element r = resolve(e);
            InterfaceStore.Iface i = new InterfaceStore.Iface(TestInterfaces.parse(Xml.format(r)), true);
            st.interfaces.byName.put(i.name(), i);
        }
        for (Element e : Xml.children(node, "pool")) {
            pool(resolve(e));
        }
        for (Element e : Xml.children(node, "device")) {
            Element r = resolve(e);
            String name = Xml.childText(r, "name");
            if (name == null) {
                throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.NO_NAME, (String) null);
            }
            st.devices.put(name, new NodeDevStore.Dev(name, own(r)));
        }
    }

    private void nodeInfo(Element node) {
        NodeInfo ni = st.nodeInfo;
        Element cpu = Xml.child(node, "cpu");
        int nodes = uint(cpu, "nodes", ni.nodes());
        int sockets = uint(cpu, "sockets", ni.sockets());
        int cores = uint(cpu, "cores", ni.cores());
        int threads = uint(cpu, "threads", ni.threads());
        int cpus = nodes * sockets * cores * threads;
        int active = uint(cpu, "active", cpus);
        cpus = Math.min(cpus, active);
        int mhz = uint(cpu, "mhz", ni.mhz());
        String model = cpu == null || Xml.childText(cpu, "model") == null ? ni.model() : Xml.childText(cpu, "model");
        long memory = ni.memoryKiB();
        String mem = Xml.childText(node, "memory");
        if (mem != null) {
            try {
                memory = Long.parseLong(mem);
            } catch (NumberFormatException e) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.XML_ERROR, "invalid node memory value");
            }
        }
        st.nodeInfo = new NodeInfo(model, memory, cpus, mhz, nodes, sockets, cores, threads);
    }

    private static int uint(Element cpu, String name, int dflt) {
        String v = cpu == null ? null : Xml.childText(cpu, name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseUnsignedInt(v);
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorDomain.TEST, ErrorNumber.XML_ERROR, "invalid node cpu %s value", name);
        }
    }

    /** testParseDomains: runstate, transient and managed save hints apply after the domain is added. */
    private void domain(Document doc) {
        Element r = doc.getDocumentElement();
        int runstate = DomainState.RUNNING.code();
        boolean trans = false;
        boolean managed = false;
        List<Element> hints = Xml.children(r);
        for (Element h : hints) {
            if (!DomainDef.TEST_NS.equals(h.getNamespaceURI())) {
                continue;
            }
            switch (Xml.localName(h)) {
                case "runstate" -> {
                    try {
                        runstate = Integer.parseInt(h.getTextContent().trim());
                    } catch (NumberFormatException e) {
                        throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR, "invalid runstate");
                    }
                    if (runstate < 0 || runstate > DomainState.PMSUSPENDED.code()) {
                        throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR,
                                "runstate '%d' out of range'", runstate);
                    }
                }
                case "transient" -> trans = true;
                case "hasmanagedsave" -> managed = true;
                default -> {
                }
            }
        }
        if (trans && runstate == DomainState.SHUTOFF.code()) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR,
                    "transient domain cannot have runstate 'shutoff'");
        }
        if (managed && runstate != DomainState.SHUTOFF.code()) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_ERROR,
                    "domain with managedsave data can only have runstate 'shutoff'");
        }
        List<Element> taken = new ArrayList<>();
        DomainDef def = DomainDef.fromNodeFile(doc, taken);
        List<Element> snapshots = taken.stream().filter(e -> Xml.localName(e).equals("domainsnapshot")).toList();
        DomainLifecycle.Added a = DomainLifecycle.add(st, def, false);
        DomainObj d = a.obj();
        d.persistent = !trans;
        d.hasManagedSave = managed;
        d.addIOThreads(def.read(DomainDevices::iothreadIds));
        for (Element s : snapshots) {
            snapshot(d, resolve(s));
        }
        if (runstate != DomainState.SHUTOFF.code()) {
            DomainLifecycle.startState(st, d, TestDomains.RUNNING_BOOTED);
        } else {
            DomainLifecycle.shutdownState(st, d, 0);
        }
        d.setState(DomainState.fromCode(runstate, DomainState.NOSTATE), 0);
        d.hasManagedSave = managed;
    }

    /** A {@code <test:domainsnapshot>} redefines a snapshot, with {@code <active>1</active>} making it current. */
    private void snapshot(DomainObj d, Element e) {
        Element snap = Xml.child(e, "domainsnapshot") != null ? Xml.child(e, "domainsnapshot") : e;
        String name = Xml.childText(snap, "name");
        if (name == null) {
            return;
        }
        Snapshots.Snap s = new Snapshots.Snap(name);
        s.state = Xml.childText(snap, "state") == null ? "shutoff" : Xml.childText(snap, "state");
        String ct = Xml.childText(snap, "creationTime");
        s.creationTime = ct == null ? 0 : Long.parseLong(ct);
        Element parent = Xml.child(snap, "parent");
        s.parent = parent == null ? null : Xml.childText(parent, "name");
        s.description = Xml.childText(snap, "description");
        Element dom = Xml.child(snap, "domain");
        s.dom = dom == null ? d.def.copy() : DomainDef.fromDocument(own(dom));
        d.snapshots.put(name, s);
        if ("1".equals(Xml.childText(snap, "active"))) {
            d.snapshots.current = name;
        }
    }

    private void pool(Element e) {
        Document d = StorageStore.completePool(own(e));
        StorageStore.Pool p = new StorageStore.Pool(d);
        p.persistent = true;
        p.active = true;
        for (Element v : Xml.children(d.getDocumentElement(), "volume")) {
            d.getDocumentElement().removeChild(v);
            StorageStore.Vol vol = StorageStore.parseVol(p, Xml.format(resolve(v)));
            p.vols.put(vol.name, vol);
            p.allocation += vol.allocation;
        }
        st.pools.put(p.name, p);
    }
}
