package org.jvirt.driver.host.iface;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.iface.NetLinks.Link;
import org.jvirt.flags.ListInterfacesFlag;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.InterfaceRef;

/**
 * libvirt's udev interface backend entry points: read-only, always current (every call reads sysfs, as the
 * backend asks udev each time). Active means operstate "up"; the defined (inactive) list is operstate "down",
 * so a link in another state ("unknown", as lo) is in neither count but in listAll. Define, undefine, create,
 * destroy and the change transactions are not overridden: they answer NO_SUPPORT, as the udev backend's table
 * has no entry for them.
 */
public final class HostInterfaces implements InterfaceDriver {

    private final NetLinks links;
    private final IfaceDescriber describer;

    HostInterfaces(Path sysRoot, Path procRoot) {
        this.links = new NetLinks(sysRoot);
        this.describer = new IfaceDescriber(links, procRoot, IpAddresses::of);
    }

    /** The interfaces of this host. */
    public static HostInterfaces host() {
        return new HostInterfaces(Path.of("/sys"), Path.of("/proc"));
    }

    private static InterfaceRef ref(Link l) {
        return new InterfaceRef(l.name(), l.mac());
    }

    private List<Link> where(Predicate<Link> p) {
        return links.listed().stream().filter(p).toList();
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
        return links.find(name).orElseThrow(() -> VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE,
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
        return describer.describe(iface.name());
    }

    @Override
    public boolean isActive(InterfaceRef iface) {
        return link(iface.name()).up();
    }
}
