package org.jvirt.xml.network;

import java.util.List;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.MacAddress;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/** A virtual network definition: name, uuid, bridge, forward mode, MAC, DNS domain and IP ranges. */
public final class NetworkXml extends XmlDocument {
    private static final List<String> ORDER = List.of("name", "uuid", "title", "description", "metadata",
            "forward", "bridge", "mtu", "mac", "domain", "dns", "vlan", "virtualport", "portgroup", "bandwidth",
            "port", "ip", "route");

    public NetworkXml(Element root) {
        super(root, DocumentKind.NETWORK);
    }

    public static NetworkXml parse(String xml) {
        NetworkXml n = new NetworkXml(parseRoot(xml, DocumentKind.NETWORK));
        if (n.name() == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_NAME, (String) null);
        }
        n.uuid();
        return n;
    }

    public static NetworkXml create(String name) {
        return new NetworkXml(newRoot(DocumentKind.NETWORK)).name(name);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** Puts the children in the order libvirt writes them (a parsed definition keeps the order it was given in). */
    public NetworkXml sortChildren() {
        List<Element> kids = org.jvirt.xml.Dom.children(element, null);
        List<Element> sorted = new java.util.ArrayList<>(kids);
        sorted.sort(java.util.Comparator.comparingInt(e -> {
            int i = ORDER.indexOf(e.getTagName());
            return i < 0 ? ORDER.size() : i;
        }));
        for (Element e : sorted) {
            element.appendChild(e); // moves it to the end, in sorted order
        }
        return this;
    }

    public String name() {
        return childText("name");
    }

    public NetworkXml name(String name) {
        childText("name", name);
        return this;
    }

    public UUID uuid() {
        String s = childText("uuid");
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    public NetworkXml uuid(UUID uuid) {
        childText("uuid", uuid == null ? null : Uuids.format(uuid));
        return this;
    }

    /** The host bridge name ({@code <bridge name='virbr0'/>}). */
    public String bridgeName() {
        return childAttr("bridge", "name");
    }

    public NetworkXml bridge(String name, Boolean stp, Integer delay) {
        childAttr("bridge", "name", name);
        childAttr("bridge", "stp", stp == null ? null : stp ? "on" : "off");
        childAttr("bridge", "delay", str(delay));
        return this;
    }

    public Boolean bridgeStp() {
        String s = childAttr("bridge", "stp");
        return s == null ? null : s.equals("on");
    }

    /** The forward mode ("nat", "route", "open", "bridge", ...); null means an isolated network. */
    public String forwardMode() {
        Element f = child("forward");
        if (f == null) {
            return null;
        }
        String mode = org.jvirt.xml.Dom.attribute(f, "mode");
        return mode == null ? "nat" : mode;
    }

    public String forwardDev() {
        return childAttr("forward", "dev");
    }

    /** Sets {@code <forward mode=.. dev=..>}; a null mode removes forwarding (isolated network). */
    public NetworkXml forward(String mode, String dev) {
        if (mode == null) {
            removeChildren("forward");
        } else {
            childAttr("forward", "mode", mode);
            childAttr("forward", "dev", dev);
        }
        return this;
    }

    public MacAddress mac() {
        String s = childAttr("mac", "address");
        return s == null ? null : MacAddress.parse(s, errorDomain);
    }

    public NetworkXml mac(MacAddress mac) {
        if (mac == null) {
            removeChildren("mac");
        } else {
            childAttr("mac", "address", mac.toString());
        }
        return this;
    }

    /** The DNS domain ({@code <domain name='example.org'/>}). */
    public String domainName() {
        return childAttr("domain", "name");
    }

    public NetworkXml domainName(String name) {
        if (name == null) {
            removeChildren("domain");
        } else {
            childAttr("domain", "name", name);
        }
        return this;
    }

    public List<NetworkIpXml> ips() {
        return views("ip", e -> new NetworkIpXml(e, errorDomain));
    }

    /** Adds {@code <ip address=.. prefix=..>} (IPv4 or IPv6). */
    public NetworkIpXml addIp(String family, String address, int prefix) {
        NetworkIpXml ip = new NetworkIpXml(insertChild("ip"), errorDomain);
        ip.family(family);
        ip.address(address);
        ip.prefix(prefix);
        return ip;
    }
}
