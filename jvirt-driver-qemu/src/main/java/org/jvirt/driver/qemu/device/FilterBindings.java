package org.jvirt.driver.qemu.device;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.w3c.dom.Element;

/**
 * A NIC's {@code <filterref>}: as libvirt's qemu driver (virDomainConfNWFilterInstantiate), the filter is bound
 * to the NIC's tap through the public API ({@code virNWFilterBindingCreateXML} on the scope's nwfilter driver)
 * once the tap exists, and the binding deleted when the tap goes. The binding carries the owner, the tap, the
 * guest's MAC and the filter with the NIC's parameters.
 */
public final class FilterBindings {

    private FilterBindings() {
    }

    private static Element filterref(NetInterfaceXml nic) {
        return Dom.child(nic.element(), "filterref");
    }

    /** Bindings for every filtered NIC of a run about to start; all or none. */
    public static void createAll(String uri, DomainXml live) {
        List<NetInterfaceXml> done = new ArrayList<>();
        try {
            for (NetInterfaceXml nic : live.devices().interfaces()) {
                if (create(uri, live, nic)) {
                    done.add(nic);
                }
            }
        } catch (RuntimeException e) {
            done.forEach(n -> delete(uri, n));
            throw e;
        }
    }

    /** The binding of one NIC whose tap exists (start or hot-plug); false when the NIC has no filter. */
    public static boolean create(String uri, DomainXml live, NetInterfaceXml nic) {
        Element ref = filterref(nic);
        if (ref == null || nic.targetDev() == null) {
            return false;
        }
        if (!(nic.source() instanceof org.jvirt.xml.domain.InterfaceSource.Network
                || nic.source() instanceof org.jvirt.xml.domain.InterfaceSource.Bridge)) {
            // the filters act on bridge ports; a macvtap's or a lone tap's frames never pass a bridge
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.CONFIG_UNSUPPORTED,
                    "filterref is not supported for network interfaces of type %s", nic.source().interfaceType());
        }
        StringBuilder x = new StringBuilder("<filterbinding><owner><name>").append(escape(live.name()))
                .append("</name><uuid>").append(live.uuid()).append("</uuid></owner><portdev name='")
                .append(escape(nic.targetDev())).append("'/><mac address='").append(nic.mac())
                .append("'/><filterref filter='").append(escape(Dom.attribute(ref, "filter"))).append("'>");
        for (Element p : Dom.children(ref, "parameter")) {
            x.append("<parameter name='").append(escape(Dom.attribute(p, "name"))).append("' value='")
                    .append(escape(Dom.attribute(p, "value"))).append("'/>");
        }
        x.append("</filterref></filterbinding>");
        try (Connect c = Connect.open(uri)) {
            c.nwfilterBindingCreateXML(x.toString());
        }
        return true;
    }

    /** Deletes a NIC's binding (stop, failed start, unplug); one already gone is fine. */
    public static void delete(String uri, NetInterfaceXml nic) {
        if (filterref(nic) == null || nic.targetDev() == null) {
            return;
        }
        try (Connect c = Connect.open(uri)) {
            c.nwfilterBindingLookupByPortDev(nic.targetDev()).delete();
        } catch (VirtException e) {
            System.getLogger(FilterBindings.class.getName()).log(System.Logger.Level.DEBUG,
                    "no filter binding to delete for " + nic.targetDev() + ": " + e.getMessage());
        }
    }

    public static void deleteAll(String uri, DomainXml live) {
        for (NetInterfaceXml nic : live.devices().interfaces()) {
            delete(uri, nic);
        }
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&apos;").replace("\"", "&quot;");
    }
}
