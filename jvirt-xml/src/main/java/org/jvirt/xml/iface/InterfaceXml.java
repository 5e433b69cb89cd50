package org.jvirt.xml.iface;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Element;

/**
 * A host network interface: {@code type} ethernet, bridge, bond or vlan; name; start mode; MTU; MAC;
 * IP protocols; bridge or bond members (each a nested {@code <interface>}, viewed with this class too).
 */
public final class InterfaceXml extends XmlDocument {
    private static final List<String> ORDER = List.of("start", "mtu", "mac", "link", "protocol", "bridge",
            "bond", "vlan");

    public InterfaceXml(Element root) {
        super(root, DocumentKind.INTERFACE);
    }

    public static InterfaceXml parse(String xml) {
        InterfaceXml i = new InterfaceXml(parseRoot(xml, DocumentKind.INTERFACE));
        if (i.type() == null) {
            throw VirtException.of(i.errorDomain(), ErrorNumber.XML_ERROR, "interface has no type");
        }
        String start = i.startMode();
        if (start != null && !List.of("none", "onboot", "hotplug").contains(start)) {
            throw VirtException.of(i.errorDomain(), ErrorNumber.XML_ERROR, "unknown interface startmode %s", start);
        }
        return i;
    }

    public static InterfaceXml create(String type, String name) {
        InterfaceXml i = new InterfaceXml(newRoot(DocumentKind.INTERFACE));
        i.attr("type", type);
        i.attr("name", name);
        return i;
    }

    org.jvirt.ErrorDomain errorDomain() {
        return errorDomain;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** "ethernet", "bridge", "bond" or "vlan". */
    public String type() {
        return attr("type");
    }

    public String name() {
        return attr("name");
    }

    /** "none", "onboot" or "hotplug". */
    public String startMode() {
        return childAttr("start", "mode");
    }

    public InterfaceXml startMode(String mode) {
        childAttr("start", "mode", mode);
        return this;
    }

    public Integer mtu() {
        return parseInt(childAttr("mtu", "size"), "./mtu/@size");
    }

    public InterfaceXml mtu(Integer size) {
        childAttr("mtu", "size", str(size));
        return this;
    }

    public MacAddress mac() {
        String s = childAttr("mac", "address");
        return s == null ? null : MacAddress.parse(s, errorDomain);
    }

    public InterfaceXml mac(MacAddress mac) {
        childAttr("mac", "address", mac == null ? null : mac.toString());
        return this;
    }

    /** The configured protocols with their static addresses and whether DHCP is on. */
    public List<Protocol> protocols() {
        List<Protocol> out = new ArrayList<>();
        for (Element p : children("protocol")) {
            List<String> ips = Dom.children(p, "ip").stream()
                    .map(ip -> Dom.attribute(ip, "address") + "/" + Dom.attribute(ip, "prefix")).toList();
            out.add(new Protocol(Dom.attribute(p, "family"), Dom.child(p, "dhcp") != null, ips));
        }
        return out;
    }

    /** Adds {@code <protocol family=..>} with DHCP or one static address ("a.b.c.d", prefix). */
    public InterfaceXml addProtocol(String family, boolean dhcp, String address, Integer prefix) {
        Element p = insertChild("protocol");
        Dom.setAttribute(p, "family", family);
        if (dhcp) {
            p.appendChild(p.getOwnerDocument().createElement("dhcp"));
        }
        if (address != null) {
            Element ip = p.getOwnerDocument().createElement("ip");
            Dom.setAttribute(ip, "address", address);
            Dom.setAttribute(ip, "prefix", str(prefix));
            p.appendChild(ip);
        }
        return this;
    }

    /** The member interfaces of a bridge or bond. */
    public List<InterfaceXml> members() {
        Element holder = child("bridge") != null ? child("bridge") : child("bond");
        return holder == null ? List.of()
                : Dom.children(holder, "interface").stream().map(InterfaceXml::new).toList();
    }

    /** Adds a member to this bridge: {@code <bridge><interface type=.. name=..>}. */
    public InterfaceXml addBridgeMember(String type, String name) {
        Element bridge = childOrCreate("bridge");
        Element m = bridge.getOwnerDocument().createElement("interface");
        Dom.setAttribute(m, "type", type);
        Dom.setAttribute(m, "name", name);
        bridge.appendChild(m);
        return new InterfaceXml(m);
    }

    /** The VLAN tag of a vlan interface, or null. */
    public Integer vlanTag() {
        return parseInt(childAttr("vlan", "tag"), "./vlan/@tag");
    }

    public String vlanDevice() {
        Element v = child("vlan");
        Element i = v == null ? null : Dom.child(v, "interface");
        return i == null ? null : Dom.attribute(i, "name");
    }

    /** A protocol: family ("ipv4", "ipv6"), DHCP on, static addresses as "address/prefix". */
    public record Protocol(String family, boolean dhcp, List<String> addresses) {
        public Protocol {
            addresses = List.copyOf(addresses);
        }
    }
}
