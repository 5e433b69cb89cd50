package org.jvirt.driver.qemu.device;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Network;
import org.jvirt.NetworkPort;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.w3c.dom.Element;

/**
 * {@code <interface type='network'>}: as libvirt 9's qemu driver (qemuDomainNetworkPortCreate), a port is asked
 * of the network through the public API, never by reaching into the network driver. The port's {@code <plug>}
 * says which bridge the tap goes on; the live XML keeps {@code <source network=.. portid=.. bridge=..>}, which
 * is what the command builder plugs and what tells a later unplug or stop which port to give back.
 */
public final class NetworkPortPlug {

    private NetworkPortPlug() {
    }

    /**
     * Whether a NIC is on a virtual network: {@code type='network'}, or in a live definition the
     * {@code type='direct'} that a macvtap network's port made of it (its source still names the network).
     */
    public static boolean isNetwork(NetInterfaceXml nic) {
        return network(nic) != null;
    }

    /** Whether a NIC needs a port allocated (start, hot-plug): one defined with {@code type='network'}. */
    public static boolean needsPort(NetInterfaceXml nic) {
        return nic.source() instanceof InterfaceSource.Network;
    }

    /** The network a NIC is on, or null. */
    private static String network(NetInterfaceXml nic) {
        if (nic.source() instanceof InterfaceSource.Network n) {
            return n.network();
        }
        Element s = Dom.child(nic.element(), "source");
        return nic.source() instanceof InterfaceSource.Direct && s != null ? Dom.attribute(s, "network") : null;
    }

    /** The bridge a started network NIC was given, or null before its port exists. */
    public static String bridge(NetInterfaceXml nic) {
        Element s = Dom.child(nic.element(), "source");
        return s == null ? null : Dom.attribute(s, "bridge");
    }

    /** Ports for every network NIC of a definition about to start; all or none. */
    public static void allocateAll(String networkUri, DomainXml live) {
        List<NetInterfaceXml> done = new ArrayList<>();
        try {
            for (NetInterfaceXml nic : live.devices().interfaces()) {
                if (needsPort(nic)) {
                    allocate(networkUri, live, nic);
                    done.add(nic);
                }
            }
        } catch (RuntimeException e) {
            done.forEach(n -> release(networkUri, n));
            throw e;
        }
    }

    /** A port for one NIC (start or hot-plug); fills in the bridge and port id. */
    public static void allocate(String networkUri, DomainXml live, NetInterfaceXml nic) {
        InterfaceSource.Network src = (InterfaceSource.Network) nic.source();
        if (nic.mac() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "interface has no MAC address");
        }
        try (Connect c = Connect.open(networkUri)) {
            Network net = c.networkLookupByName(src.network());
            if (!net.isActive()) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                        "network '%s' is not active", src.network());
            }
            UUID portId = UUID.randomUUID();
            // the NIC's bandwidth and port isolation travel with the port (libvirt's virDomainNetDefToNetworkPort)
            String xml = "<networkport><uuid>" + portId + "</uuid><owner><name>" + escape(live.name())
                    + "</name><uuid>" + live.uuid() + "</uuid></owner><mac address='" + nic.mac() + "'/>"
                    + copy(nic.element(), "bandwidth") + copy(nic.element(), "port") + "</networkport>";
            NetworkPort port = net.portCreateXML(xml);
            String portXml = port.getXMLDesc();
            Element portEl = XmlParser.defaults().parse(portXml).getDocumentElement();
            Element plug = Dom.child(portEl, "plug");
            if (plug != null && "direct".equals(Dom.attribute(plug, "type"))) {
                plugDirect(nic, portId, plug);
                return;
            }
            String bridge = plugBridge(portXml);
            adopt(nic, portEl, "port");
            Element s = Dom.child(nic.element(), "source");
            Dom.setAttribute(s, "portid", portId.toString());
            Dom.setAttribute(s, "bridge", bridge);
        }
    }

    /**
     * A macvtap network's port: the NIC becomes, in the live XML, what libvirt shows for it,
     * {@code <interface type='direct'>} with {@code <source network=.. portid=.. dev=.. mode=..>}; the command
     * builder then makes the macvtap as for any direct NIC.
     */
    private static void plugDirect(NetInterfaceXml nic, UUID portId, Element plug) {
        String dev = Dom.attribute(plug, "dev");
        String mode = Dom.attribute(plug, "mode");
        if (dev == null || mode == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "Missing network port direct device or mode");
        }
        Dom.setAttribute(nic.element(), "type", "direct");
        Dom.moveAttributeFirst(nic.element(), "type");
        Element s = Dom.child(nic.element(), "source");
        Dom.setAttribute(s, "portid", portId.toString());
        Dom.setAttribute(s, "dev", dev);
        Dom.setAttribute(s, "mode", mode);
    }

    /** Gives a NIC's port back (stop, failed start, unplug); a port or network already gone is fine. */
    public static void release(String networkUri, NetInterfaceXml nic) {
        if (!isNetwork(nic)) {
            return;
        }
        Element s = Dom.child(nic.element(), "source");
        String portId = s == null ? null : Dom.attribute(s, "portid");
        if (portId == null) {
            return;
        }
        try (Connect c = Connect.open(networkUri)) {
            c.networkLookupByName(network(nic)).portLookupByUUIDString(portId).delete();
        } catch (VirtException e) {
            System.getLogger(NetworkPortPlug.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot delete network port " + portId + ": " + e.getMessage());
        }
    }

    public static void releaseAll(String networkUri, DomainXml live) {
        for (NetInterfaceXml nic : live.devices().interfaces()) {
            release(networkUri, nic);
        }
    }

    private static String copy(Element parent, String name) {
        Element e = Dom.child(parent, name);
        return e == null ? "" : org.jvirt.xml.XmlWriter.toXml(e);
    }

    /** What the network decided for the port (its default isolation) becomes the NIC's, in the live XML. */
    private static void adopt(NetInterfaceXml nic, Element port, String name) {
        Element e = Dom.child(port, name);
        if (e != null && Dom.child(nic.element(), name) == null) {
            nic.element().appendChild(nic.element().getOwnerDocument().importNode(e, true));
        }
    }

    private static String plugBridge(String portXml) {
        Element root = XmlParser.defaults().parse(portXml).getDocumentElement();
        Element plug = Dom.child(root, "plug");
        String bridge = plug == null ? null : Dom.attribute(plug, "bridge");
        if (bridge == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "Missing network port bridge name");
        }
        return bridge;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
