package org.jvirt.xml.network;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/** {@code <ip address='192.168.122.1' netmask='255.255.255.0'>} with its DHCP ranges and static hosts. */
public final class NetworkIpXml extends ElementView {
    public NetworkIpXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "ipv4" (also when absent) or "ipv6". */
    public String family() {
        String f = attr("family");
        return f == null ? "ipv4" : f;
    }

    public NetworkIpXml family(String family) {
        attr("family", family);
        return this;
    }

    public String address() {
        return attr("address");
    }

    public NetworkIpXml address(String address) {
        attr("address", address);
        return this;
    }

    public String netmask() {
        return attr("netmask");
    }

    public NetworkIpXml netmask(String netmask) {
        attr("netmask", netmask);
        return this;
    }

    /** The prefix length: {@code prefix=}, or derived from {@code netmask=}; null when neither is set. */
    public Integer prefix() {
        Integer p = intAttr("prefix");
        if (p != null || netmask() == null) {
            return p;
        }
        int bits = 0;
        for (String part : netmask().split("\\.")) {
            bits += Integer.bitCount(Integer.parseInt(part));
        }
        return bits;
    }

    public NetworkIpXml prefix(Integer prefix) {
        attr("prefix", str(prefix));
        return this;
    }

    public List<DhcpRange> dhcpRanges() {
        Element dhcp = child("dhcp");
        return dhcp == null ? List.of() : Dom.children(dhcp, "range").stream()
                .map(r -> new DhcpRange(Dom.attribute(r, "start"), Dom.attribute(r, "end"))).toList();
    }

    public List<DhcpHost> dhcpHosts() {
        Element dhcp = child("dhcp");
        return dhcp == null ? List.of() : Dom.children(dhcp, "host").stream()
                .map(h -> new DhcpHost(Dom.attribute(h, "mac"), Dom.attribute(h, "id"), Dom.attribute(h, "name"),
                        Dom.attribute(h, "ip"))).toList();
    }

    /** Adds a range; ranges are written before hosts, as libvirt does. */
    public NetworkIpXml addDhcpRange(DhcpRange range) {
        Element dhcp = childOrCreate("dhcp");
        Element r = dhcp.getOwnerDocument().createElement("range");
        Dom.setAttribute(r, "start", range.start());
        Dom.setAttribute(r, "end", range.end());
        List<Element> later = Dom.children(dhcp, "host");
        dhcp.insertBefore(r, later.isEmpty() ? Dom.child(dhcp, "bootp") : later.get(0));
        return this;
    }

    public NetworkIpXml addDhcpHost(DhcpHost host) {
        Element dhcp = childOrCreate("dhcp");
        Element h = dhcp.getOwnerDocument().createElement("host");
        Dom.setAttribute(h, "mac", host.mac());
        Dom.setAttribute(h, "id", host.id());
        Dom.setAttribute(h, "name", host.name());
        Dom.setAttribute(h, "ip", host.ip());
        dhcp.insertBefore(h, Dom.child(dhcp, "bootp"));
        return this;
    }

    /** Removes the static host with this MAC (IPv4) or id/name (IPv6); true when one was removed. */
    public boolean removeDhcpHost(String macOrName) {
        Element dhcp = child("dhcp");
        if (dhcp == null) {
            return false;
        }
        for (Element h : Dom.children(dhcp, "host")) {
            if (macOrName.equalsIgnoreCase(String.valueOf(Dom.attribute(h, "mac")))
                    || macOrName.equals(Dom.attribute(h, "name")) || macOrName.equals(Dom.attribute(h, "id"))) {
                dhcp.removeChild(h);
                return true;
            }
        }
        return false;
    }

    /** A DHCP address range. */
    public record DhcpRange(String start, String end) {
    }

    /** A static DHCP host: MAC (IPv4) or id (IPv6), name and address; null fields are left out. */
    public record DhcpHost(String mac, String id, String name, String ip) {
        public static DhcpHost ipv4(String mac, String name, String ip) {
            return new DhcpHost(mac, null, name, ip);
        }
    }
}
