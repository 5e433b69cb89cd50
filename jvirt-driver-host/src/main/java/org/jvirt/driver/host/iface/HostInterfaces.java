package org.jvirt.driver.host.iface;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.iface.NetLinks.Link;
import org.jvirt.flags.ListInterfacesFlag;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.InterfaceRef;

/**
 * The host interface entry points: the kernel's links as libvirt's udev backend reads them, always current (every
 * call reads sysfs, as the backend asks udev each time), plus the scope's persisted definitions as libvirt's netcf
 * backend keeps them ({@link IfaceDefinitions}). An undefined link is active when its operstate is "up" and in
 * the defined (inactive) list when "down", so a link in another state ("unknown", as lo) is in neither count but
 * in listAll; a defined interface is active when its link exists with IFF_UP (netcf's test: a bridge without a
 * carrier is still running), and inactive otherwise, listed even while it has no link.
 */
public final class HostInterfaces implements InterfaceDriver {

    private final NetLinks links;
    private final IfaceDescriber describer;
    /** Made at the first interface call, not at connection open (opening qemu:///system touches nothing). */
    private final Supplier<IfaceDefinitions> defs;

    HostInterfaces(Path sysRoot, Path procRoot, Supplier<IfaceDefinitions> defs) {
        this.links = new NetLinks(sysRoot);
        this.describer = new IfaceDescriber(links, procRoot, IpAddresses::of);
        this.defs = defs;
    }

    /** The interfaces of this host, with the scope's definitions. */
    public static HostInterfaces host(Supplier<IfaceDefinitions> defs) {
        return new HostInterfaces(Path.of("/sys"), Path.of("/proc"), defs);
    }

    private IfaceDefinitions defs() {
        return defs.get();
    }

    private static InterfaceRef ref(Link l) {
        return new InterfaceRef(l.name(), l.mac());
    }

    /** A link, or a defined interface without one (operstate "absent"); a defined one's state is IFF_UP's. */
    private List<Link> where(Predicate<Link> p) {
        Map<String, Link> all = new TreeMap<>();
        links.listed().forEach(l -> all.put(l.name(), l));
        for (IfaceSpec s : defs().all()) {
            Link l = all.get(s.name());
            String mac = l != null ? l.mac() : s.mac() != null ? s.mac() : "00:00:00:00:00:00";
            all.put(s.name(), new Link(s.name(), mac, defs().running(s.name()) ? "up" : "down"));
        }
        return all.values().stream().filter(p).toList();
    }

    @Override
    public List<InterfaceRef> listAllInterfaces(Set<ListInterfacesFlag> flags) {
        boolean active = flags.contains(ListInterfacesFlag.ACTIVE);
        boolean inactive = flags.contains(ListInterfacesFlag.INACTIVE);
        return where(l -> !active && !inactive || active && l.up() || inactive && !l.up()).stream()
                .map(HostInterfaces::ref).toList();
    }

    @Override
    public int numOfInterfaces() {
        return listInterfaces().size();
    }

    @Override
    public List<String> listInterfaces() {
        return where(Link::up).stream().map(Link::name).toList();
    }

    @Override
    public int numOfDefinedInterfaces() {
        return listDefinedInterfaces().size();
    }

    @Override
    public List<String> listDefinedInterfaces() {
        return where(l -> "down".equals(l.operstate())).stream().map(Link::name).toList();
    }

    private Link link(String name) {
        return where(l -> l.name().equals(name)).stream().findFirst()
                .or(() -> links.find(name))
                .orElseThrow(() -> VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE,
                        "couldn't find interface named '%s'", name));
    }

    @Override
    public InterfaceRef lookupByName(String name) {
        return ref(link(name));
    }

    @Override
    public InterfaceRef lookupByMACString(String mac) {
        List<Link> found = where(l -> mac.equals(l.mac()));
        if (found.isEmpty()) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE,
                    "couldn't find interface with MAC address '%s'", mac);
        }
        if (found.size() > 1) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.MULTIPLE_INTERFACES,
                    "the MAC address '%s' matches multiple interfaces", mac);
        }
        return ref(found.get(0));
    }

    @Override
    public String getXMLDesc(InterfaceRef iface, boolean inactive) {
        var def = defs().find(iface.name());
        if (def.isPresent() && (inactive || links.find(iface.name()).isEmpty())) {
            return def.get().xml();
        }
        return describer.describe(iface.name());
    }

    @Override
    public InterfaceRef defineXML(String xml) {
        IfaceSpec s = defs().define(xml);
        return new InterfaceRef(s.name(), link(s.name()).mac());
    }

    @Override
    public void undefine(InterfaceRef iface) {
        defs().undefine(iface.name());
    }

    @Override
    public void create(InterfaceRef iface) {
        defs().create(iface.name());
    }

    @Override
    public void destroy(InterfaceRef iface) {
        defs().destroy(iface.name());
    }

    @Override
    public void changeBegin() {
        defs().changeBegin();
    }

    @Override
    public void changeCommit() {
        defs().changeCommit();
    }

    @Override
    public void changeRollback() {
        defs().changeRollback();
    }

    @Override
    public boolean isActive(InterfaceRef iface) {
        return link(iface.name()).up();
    }
}
