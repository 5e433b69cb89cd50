package org.jvirt.driver.network;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.ForwardMode;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.obj.NetworkObj;
import org.jvirt.driver.network.port.PortDef;
import org.jvirt.flags.NetworkPortCreateFlag;
import org.jvirt.spi.NetworkPortRef;

/**
 * networkPortCreateXML and friends: a port is allocated on a running network and says where to plug the guest
 * NIC (the network's bridge). The hypervisor driver makes and enslaves the tap; the port is the record that
 * survives a daemon restart. Callers hold the state's lock.
 */
final class NetworkPorts {

    private NetworkPorts() {
    }

    static NetworkPortRef create(NetworkState st, NetworkObj o, String xml, Set<NetworkPortCreateFlag> flags) {
        PortDef port = PortDef.parse(xml);
        if (!o.active()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID, "network '%s' is not active",
                    o.name());
        }
        PortDef old = o.ports().get(port.uuid());
        if (old != null && !flags.contains(NetworkPortCreateFlag.RECLAIM)) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NETWORK_PORT_EXIST,
                    "Network port with UUID %s already exists", port.uuid());
        }
        NetworkDef def = o.parsed();
        if (def.portIsolated()) {
            port.isolatedByDefault(); // the network's <port isolated='yes'/>, unless the port says otherwise
        }
        if (def.forward().ownBridge()) {
            port.plug("network", def.bridge());
        } else if (def.forward() == ForwardMode.BRIDGE && def.bridge() != null) {
            port.plug("bridge", def.bridge());
        } else if (def.direct()) {
            java.util.List<PortDef> others = o.ports().values().stream()
                    .filter(p -> !p.uuid().equals(port.uuid())).toList();
            port.plugDirect(InterfacePool.pick(def, others), InterfacePool.mode(def));
        } else {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.CONFIG_UNSUPPORTED,
                    "Unsupported forward mode '%s' for a network port of network '%s'", def.forward().xml(),
                    o.name());
        }
        st.ports.save(o.uuid(), port);
        o.ports().put(port.uuid(), port);
        return new NetworkPortRef(o.ref(), port.uuid());
    }

    static PortDef get(NetworkObj o, UUID uuid) {
        PortDef p = o.ports().get(uuid);
        if (p == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_NETWORK_PORT,
                    "Network port with UUID %s does not exist", uuid);
        }
        return p;
    }

    static List<NetworkPortRef> list(NetworkObj o) {
        return o.ports().keySet().stream().map(u -> new NetworkPortRef(o.ref(), u)).toList();
    }

    static void delete(NetworkState st, NetworkObj o, UUID uuid) {
        get(o, uuid);
        o.ports().remove(uuid);
        st.ports.delete(o.uuid(), uuid);
    }

    /**
     * The live XML with the counts libvirt shows while guests are plugged in: {@code <network connections=N>}
     * and, on a macvtap network, {@code connections=} on each forward device in use.
     */
    static String withConnections(NetworkObj o) {
        org.jvirt.xml.network.NetworkXml x = org.jvirt.xml.network.NetworkXml.parse(o.def().toXml());
        org.w3c.dom.Element r = x.element();
        org.jvirt.xml.Dom.setAttribute(r, "connections", Integer.toString(o.ports().size()));
        org.jvirt.xml.Dom.moveAttributeFirst(r, "connections");
        org.w3c.dom.Element fwd = org.jvirt.xml.Dom.child(r, "forward");
        if (fwd != null) {
            for (org.w3c.dom.Element i : org.jvirt.xml.Dom.children(fwd, "interface")) {
                int n = InterfacePool.connections(o.ports().values(), org.jvirt.xml.Dom.attribute(i, "dev"));
                if (n > 0) {
                    org.jvirt.xml.Dom.setAttribute(i, "connections", Integer.toString(n));
                }
            }
        }
        return x.toXml();
    }

    static Map<String, Object> parameters(NetworkObj o, UUID uuid) {
        return get(o, uuid).bandwidth();
    }
}
