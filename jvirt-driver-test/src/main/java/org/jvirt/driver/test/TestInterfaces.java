package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.ListInterfacesFlag;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.InterfaceRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** testInterface*: host interfaces in memory, with change transactions (begin, commit, rollback). */
final class TestInterfaces implements InterfaceDriver {

    private final TestState st;

    TestInterfaces(TestState st) {
        this.st = st;
    }

    private InterfaceStore ifs() {
        return st.interfaces;
    }

    private InterfaceStore.Iface byName(String name) {
        InterfaceStore.Iface i = ifs().byName.get(name);
        if (i == null) {
            throw Errors.test(ErrorNumber.NO_INTERFACE, "no interface with matching name '%s'", name);
        }
        return i;
    }

    private static InterfaceRef ref(InterfaceStore.Iface i) {
        return new InterfaceRef(i.name(), i.mac());
    }

    static Document parse(String xml) {
        Document d = Xml.parse(xml, "(interface_definition)", "interface", ErrorDomain.INTERFACE);
        if (Xml.attr(d.getDocumentElement(), "name") == null) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.XML_ERROR, "missing interface name");
        }
        if (Xml.attr(d.getDocumentElement(), "type") == null) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.XML_ERROR, "interface misses the type attribute");
        }
        return d;
    }

    @Override
    public List<InterfaceRef> listAllInterfaces(Set<ListInterfacesFlag> f) {
        synchronized (st) {
            List<InterfaceRef> out = new ArrayList<>();
            for (InterfaceStore.Iface i : ifs().byName.values()) {
                if (TestNetworks.pick(f, ListInterfacesFlag.ACTIVE, i.active, ListInterfacesFlag.INACTIVE,
                        !i.active)) {
                    out.add(ref(i));
                }
            }
            return out;
        }
    }

    @Override
    public int numOfInterfaces() {
        return listInterfaces().size();
    }

    @Override
    public List<String> listInterfaces() {
        return names(true);
    }

    @Override
    public int numOfDefinedInterfaces() {
        return listDefinedInterfaces().size();
    }

    @Override
    public List<String> listDefinedInterfaces() {
        return names(false);
    }

    private List<String> names(boolean active) {
        synchronized (st) {
            List<String> out = new ArrayList<>();
            for (InterfaceStore.Iface i : ifs().byName.values()) {
                if (i.active == active) {
                    out.add(i.name());
                }
            }
            return out;
        }
    }

    @Override
    public InterfaceRef lookupByName(String name) {
        synchronized (st) {
            return ref(byName(name));
        }
    }

    @Override
    public InterfaceRef lookupByMACString(String mac) {
        synchronized (st) {
            List<InterfaceStore.Iface> found = new ArrayList<>();
            for (InterfaceStore.Iface i : ifs().byName.values()) {
                if (mac.equalsIgnoreCase(i.mac())) {
                    found.add(i);
                }
            }
            if (found.isEmpty()) {
                throw Errors.test(ErrorNumber.NO_INTERFACE, "no interface with matching mac '%s'", mac);
            }
            if (found.size() > 1) {
                throw Errors.test(ErrorNumber.MULTIPLE_INTERFACES, (String) null);
            }
            return ref(found.get(0));
        }
    }

    @Override
    public String getXMLDesc(InterfaceRef iface, boolean inactive) {
        if (inactive) {
            // testInterfaceGetXMLDesc takes no flags at all.
            throw Errors.bare(ErrorDomain.TEST, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x1) in function testInterfaceGetXMLDesc");
        }
        synchronized (st) {
            return Xml.format(canonical(byName(iface.name()).def));
        }
    }

    /** Children of a top-level interface in the order virInterfaceDefDevFormat writes them. */
    private static final List<String> ORDER = List.of("start", "mtu", "protocol", "link");

    /** The definition as virInterfaceDefFormat writes it: {@code type} before {@code name}, then ordered children. */
    static Document canonical(Document def) {
        Document out = Xml.copy(def);
        Element r = out.getDocumentElement();
        String type = Xml.attr(r, "type");
        String name = Xml.attr(r, "name");
        Xml.set(r, "type", null);
        Xml.set(r, "name", null);
        Xml.set(r, "type", type);
        Xml.set(r, "name", name);
        List<Element> kids = new ArrayList<>(Xml.children(r));
        kids.sort(java.util.Comparator.comparingInt(e -> {
            int i = ORDER.indexOf(Xml.localName(e));
            return i < 0 ? ORDER.size() : i;
        }));
        for (Element k : kids) {
            r.appendChild(k);
        }
        return out;
    }

    @Override
    public InterfaceRef defineXML(String xml) {
        synchronized (st) {
            Document d = parse(xml);
            InterfaceStore.Iface i = new InterfaceStore.Iface(d, false);
            InterfaceStore.Iface old = ifs().byName.get(i.name());
            if (old != null) {
                old.def = d;
                return ref(old);
            }
            ifs().byName.put(i.name(), i);
            return ref(i);
        }
    }

    @Override
    public void undefine(InterfaceRef iface) {
        synchronized (st) {
            InterfaceStore.Iface i = byName(iface.name());
            ifs().byName.remove(i.name());
        }
    }

    @Override
    public void create(InterfaceRef iface) {
        synchronized (st) {
            InterfaceStore.Iface i = byName(iface.name());
            if (i.active) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID, (String) null);
            }
            i.active = true;
        }
    }

    @Override
    public void destroy(InterfaceRef iface) {
        synchronized (st) {
            InterfaceStore.Iface i = byName(iface.name());
            if (!i.active) {
                throw VirtException.of(ErrorDomain.TEST, ErrorNumber.OPERATION_INVALID, (String) null);
            }
            i.active = false;
        }
    }

    @Override
    public boolean isActive(InterfaceRef iface) {
        synchronized (st) {
            return byName(iface.name()).active;
        }
    }

    @Override
    public void changeBegin() {
        synchronized (st) {
            if (ifs().backup != null) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "there is another transaction running.");
            }
            ifs().backup = ifs().snapshot();
        }
    }

    @Override
    public void changeCommit() {
        synchronized (st) {
            if (ifs().backup == null) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID,
                        "no transaction running, nothing to be committed.");
            }
            ifs().backup = null;
        }
    }

    @Override
    public void changeRollback() {
        synchronized (st) {
            if (ifs().backup == null) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "no transaction running, nothing to rollback.");
            }
            ifs().byName = ifs().backup;
            ifs().backup = null;
        }
    }
}
