package org.jvirt.xml.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * virNetworkDefUpdateSection on one copy of a network definition (shared by the test driver and the network
 * driver): the ip-dhcp-host, ip-dhcp-range, dns-host, dns-txt and dns-srv sections, with network_conf.c's checks
 * and messages. The other sections (forward, forward-interface, portgroup) fail with VIR_ERR_NO_SUPPORT; bridge,
 * domain and ip fail as in libvirt, which cannot update them either.
 */
public final class NetworkDefUpdate {

    private NetworkDefUpdate() {
    }

    public static void apply(Document def, NetworkUpdateCommand command, NetworkUpdateSection section, int parentIndex,
                      String xml) {
        Element root = def.getDocumentElement();
        String net = X.childText(root, "name");
        if (xml == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INVALID_ARG, "xml must not be NULL");
        }
        Element node = XmlParser.defaults().parse(xml, "network_update_xml", ErrorDomain.NETWORK, null)
                .getDocumentElement();
        switch (section) {
            case BRIDGE, DOMAIN, IP, FORWARD -> throw error(ErrorNumber.OPERATION_UNSUPPORTED,
                    "can't update '%s' section of network '%s'", section.name().toLowerCase(), net);
            case FORWARD_PF -> throw error(ErrorNumber.OPERATION_UNSUPPORTED,
                    "can't update '%s' section of network '%s'", "forward pf", net);
            case FORWARD_INTERFACE -> NetworkLinkUpdate.forwardInterface(root, net, command, node);
            case PORTGROUP -> NetworkLinkUpdate.portgroup(root, net, command, node);
            case IP_DHCP_HOST -> dhcpHost(root, net, command, parentIndex, node);
            case IP_DHCP_RANGE -> dhcpRange(root, net, command, parentIndex, node);
            case DNS_HOST -> dnsHost(root, net, command, node);
            case DNS_TXT -> dnsTxt(root, net, command, node);
            case DNS_SRV -> dnsSrv(root, net, command, node);
            case NONE -> throw error(ErrorNumber.OPERATION_UNSUPPORTED,
                    "can't update unrecognized section of network");
            default -> throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_SUPPORT,
                    "virNetworkUpdate of section %s", section.name().toLowerCase().replace('_', '-'));
        }
    }

    // ---- ip-dhcp-host -----------------------------------------------------------------------------------------

    private record Host(String mac, String name, String ip) {
    }

    private static void dhcpHost(Element root, String net, NetworkUpdateCommand command, int parentIndex,
                                 Element node) {
        // virNetworkIPDefByIndex reports first; the element-name check's error then takes its place
        VirtException noIp = null;
        Element ip = null;
        try {
            ip = ipByIndex(root, net, parentIndex);
        } catch (VirtException e) {
            noIp = e;
        }
        checkName(node, "host", net);
        if (noIp != null) {
            throw noIp;
        }
        boolean partial = command == NetworkUpdateCommand.DELETE;
        Host host = parseHost(net, ip, node, partial);
        if (!partial && isV6(X.attr(ip, "address")) != isV6(host.ip())) {
            throw error(ErrorNumber.OPERATION_INVALID, "the address family of a host entry IP must match the "
                    + "address family of the dhcp element's parent");
        }
        Element dhcp = X.child(ip, "dhcp");
        List<Element> hosts = X.children(dhcp, "host");
        switch (command) {
            case MODIFY -> {
                Element found = null;
                for (Element h : hosts) {
                    if (sameMac(host.mac(), X.attr(h, "mac")) || sameIp(host.ip(), X.attr(h, "ip"))
                            || (host.name() != null && host.name().equals(X.attr(h, "name")))) {
                        found = h;
                        break;
                    }
                }
                if (found == null) {
                    throw error(ErrorNumber.OPERATION_INVALID, "couldn't locate an existing dhcp host entry with "
                            + "\"mac='%s'\" \"name='%s'\" \"ip='%s'\" in network '%s'",
                            host.mac() == null ? "unknown" : host.mac(), host.name(),
                            host.ip() == null ? "unknown" : host.ip(), net);
                }
                dhcp.replaceChild(hostElement(root.getOwnerDocument(), host), found);
            }
            case ADD_FIRST, ADD_LAST -> {
                checkMultiDhcp(root, ip);
                for (Element h : hosts) {
                    if (sameMac(host.mac(), X.attr(h, "mac"))
                            || (host.name() != null && host.name().equals(X.attr(h, "name")))
                            || sameIp(host.ip(), X.attr(h, "ip"))) {
                        throw error(ErrorNumber.OPERATION_INVALID, "there is an existing dhcp host entry in "
                                + "network '%s' that matches \"<host mac='%s' name='%s' ip='%s'/>\"", net,
                                host.mac() == null ? "unknown" : host.mac(), host.name(),
                                host.ip() == null ? "unknown" : host.ip());
                    }
                }
                Element e = hostElement(root.getOwnerDocument(), host);
                dhcp = dhcp != null ? dhcp : X.ensureChild(ip, "dhcp");
                if (command == NetworkUpdateCommand.ADD_FIRST && !hosts.isEmpty()) {
                    dhcp.insertBefore(e, hosts.get(0));
                } else {
                    dhcp.appendChild(e);
                }
            }
            case DELETE -> {
                Element found = null;
                for (Element h : hosts) {
                    String mac = X.attr(h, "mac");
                    if ((host.mac() == null || mac == null || sameMac(host.mac(), mac))
                            && (host.name() == null || host.name().equals(X.attr(h, "name")))
                            && (host.ip() == null || sameIp(host.ip(), X.attr(h, "ip")))) {
                        found = h;
                        break;
                    }
                }
                if (found == null) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "couldn't locate a matching dhcp host entry in network '%s'", net);
                }
                dhcp.removeChild(found);
            }
            default -> throw unknownCommand(command);
        }
    }

    /** virNetworkDHCPHostDefParseXML, for the attributes jvirt keeps (mac, name, ip). */
    private static Host parseHost(String net, Element ip, Element node, boolean partial) {
        boolean v6 = isV6(X.attr(ip, "address")) || "ipv6".equals(X.attr(ip, "family"));
        String mac = X.attr(node, "mac");
        if (mac != null) {
            if (v6) {
                throw xmlError("Invalid to specify MAC address '%s' in network '%s' IPv6 static host definition",
                        mac, net);
            }
            MacAddress m = MacAddress.tryParse(mac);
            if (m == null) {
                throw xmlError("Cannot parse MAC address '%s' in network '%s'", mac, net);
            }
            if (((m.value() >> 40) & 1) == 1) {
                throw xmlError("expected unicast mac address, found multicast '%s' in network '%s'", mac, net);
            }
        }
        String id = X.attr(node, "id");
        if (id != null) {
            for (char c : id.toCharArray()) {
                if (Character.digit(c, 16) < 0 && c != ':') {
                    throw xmlError("Invalid character '%c' in id '%s' of network '%s'", c, id, net);
                }
            }
        }
        String name = X.attr(node, "name");
        if (name != null && (name.isEmpty() || !isAsciiAlnum(name.charAt(0)))) {
            throw xmlError("Cannot use host name '%s' in network '%s'", name, net);
        }
        String addr = X.attr(node, "ip");
        if (addr != null && parseIp(addr) == null) {
            throw xmlError("Invalid IP address in static host definition for network '%s'", net);
        }
        if (partial) {
            if (mac == null && name == null && addr == null) {
                throw xmlError("At least one of name, mac, or ip attribute must be specified for static host "
                        + "definition in network '%s' ", net);
            }
        } else {
            if (v6) {
                if (id == null && name == null) {
                    throw xmlError("Static host definition in IPv6 network '%s' must have id or name attribute",
                            net);
                }
            } else if (mac == null && name == null) {
                throw xmlError("Static host definition in IPv4 network '%s' must have mac or name attribute", net);
            }
            if (addr == null) {
                throw xmlError("Missing IP address in static host definition for network '%s'", net);
            }
        }
        return new Host(mac, name, addr);
    }

    private static Element hostElement(Document doc, Host h) {
        Element e = doc.createElement("host");
        X.set(e, "mac", h.mac());
        X.set(e, "name", h.name());
        X.set(e, "ip", h.ip());
        return e;
    }

    // ---- ip-dhcp-range ----------------------------------------------------------------------------------------

    private static void dhcpRange(Element root, String net, NetworkUpdateCommand command, int parentIndex,
                                  Element node) {
        VirtException noIp = null;
        Element ip = null;
        try {
            ip = ipByIndex(root, net, parentIndex);
        } catch (VirtException e) {
            noIp = e;
        }
        checkName(node, "range", net);
        if (noIp != null) {
            throw noIp;
        }
        if (command == NetworkUpdateCommand.MODIFY) {
            throw error(ErrorNumber.OPERATION_UNSUPPORTED, "dhcp ranges cannot be modified, only added or deleted");
        }
        String start = X.attr(node, "start");
        if (start == null) {
            throw xmlError("Missing 'start' attribute in dhcp range for network '%s'", net);
        }
        checkAddress(start);
        String end = X.attr(node, "end");
        if (end == null) {
            throw xmlError("Missing 'end' attribute in dhcp range for network '%s'", net);
        }
        checkAddress(end);
        if (isV6(X.attr(ip, "address")) != isV6(start)) {
            throw error(ErrorNumber.OPERATION_INVALID, "the address family of a dhcp range must match the address "
                    + "family of the dhcp element's parent");
        }
        Element dhcp = X.child(ip, "dhcp");
        List<Element> ranges = X.children(dhcp, "range");
        Element found = null;
        for (Element r : ranges) {
            if (sameIp(start, X.attr(r, "start")) && sameIp(end, X.attr(r, "end"))) {
                found = r;
                break;
            }
        }
        switch (command) {
            case ADD_FIRST, ADD_LAST -> {
                checkMultiDhcp(root, ip);
                if (found != null) {
                    throw error(ErrorNumber.OPERATION_INVALID, "there is an existing dhcp range entry in network "
                            + "'%s' that matches \"<range start='%s' end='%s'/>\"", net, start, end);
                }
                Element e = root.getOwnerDocument().createElement("range");
                X.set(e, "start", start);
                X.set(e, "end", end);
                dhcp = dhcp != null ? dhcp : X.ensureChild(ip, "dhcp");
                if (command == NetworkUpdateCommand.ADD_FIRST && !ranges.isEmpty()) {
                    dhcp.insertBefore(e, ranges.get(0));
                } else if (!ranges.isEmpty()) {
                    dhcp.insertBefore(e, ranges.get(ranges.size() - 1).getNextSibling());
                } else {
                    // libvirt writes ranges before hosts
                    dhcp.insertBefore(e, dhcp.getFirstChild());
                }
            }
            case DELETE -> {
                if (found == null) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "couldn't locate a matching dhcp range entry in network '%s'", net);
                }
                dhcp.removeChild(found);
            }
            default -> throw unknownCommand(command);
        }
    }

    // ---- dns-host -------------------------------------------------------------------------------------------

    /** virNetworkDefUpdateDNSHost: add (no record with the same address) or delete (exactly one match). */
    private static void dnsHost(Element root, String net, NetworkUpdateCommand command, Element node) {
        if (command == NetworkUpdateCommand.MODIFY) {
            throw error(ErrorNumber.OPERATION_UNSUPPORTED, "DNS HOST records cannot be modified, only added or deleted");
        }
        checkName(node, "host", net);
        boolean add = command == NetworkUpdateCommand.ADD_FIRST || command == NetworkUpdateCommand.ADD_LAST;
        String ip = X.attr(node, "ip");
        List<String> names = new java.util.ArrayList<>();
        for (Element h : X.children(node, "hostname")) {
            names.add(h.getTextContent().strip());
        }
        if (ip == null && names.isEmpty() && !add) {
            throw xmlError("Missing ip and hostname in network '%s' DNS HOST record", net);
        }
        if (ip == null && add) {
            throw xmlError("Missing IP address in network '%s' DNS HOST record", net);
        }
        if (ip != null && parseIp(ip) == null) {
            throw xmlError("Invalid IP address in network '%s' DNS HOST record", net);
        }
        if (names.isEmpty() && add) {
            throw xmlError("Missing hostname in network '%s' DNS HOST record", net);
        }
        Element dns = X.child(root, "dns");
        List<Element> hosts = X.children(dns, "host");
        List<Element> found = new java.util.ArrayList<>();
        for (Element h : hosts) {
            boolean match = sameIp(ip, X.attr(h, "ip"));
            if (!add && !match) {
                for (Element n : X.children(h, "hostname")) {
                    match |= names.contains(n.getTextContent().strip());
                }
            }
            if (match) {
                found.add(h);
            }
        }
        switch (command) {
            case ADD_FIRST, ADD_LAST -> {
                if (!found.isEmpty()) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "there is already at least one DNS HOST record with a matching field in network %s", net);
                }
                if (dns == null) {
                    dns = root.getOwnerDocument().createElement("dns");
                    root.insertBefore(dns, firstOf(root, "vlan", "virtualport", "portgroup", "bandwidth", "port",
                            "ip", "route"));
                }
                Element e = root.getOwnerDocument().createElement("host");
                X.set(e, "ip", ip);
                for (String n : names) {
                    Element hn = root.getOwnerDocument().createElement("hostname");
                    hn.setTextContent(n);
                    e.appendChild(hn);
                }
                dns.insertBefore(e, command == NetworkUpdateCommand.ADD_FIRST && !hosts.isEmpty() ? hosts.get(0)
                        : null);
            }
            case DELETE -> {
                if (found.isEmpty()) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "couldn't locate a matching DNS HOST record in network %s", net);
                }
                if (found.size() > 1) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "multiple matching DNS HOST records were found in network %s", net);
                }
                dns.removeChild(found.get(0));
            }
            default -> throw unknownCommand(command);
        }
    }

    // ---- dns-txt, dns-srv ---------------------------------------------------------------------------------

    /** virNetworkDefUpdateDNSTxt: records by name; add refuses a name that is there, delete needs it. */
    private static void dnsTxt(Element root, String net, NetworkUpdateCommand command, Element node) {
        if (command == NetworkUpdateCommand.MODIFY) {
            throw error(ErrorNumber.OPERATION_UNSUPPORTED, "DNS TXT records cannot be modified, only added or deleted");
        }
        checkName(node, "txt", net);
        boolean add = command == NetworkUpdateCommand.ADD_FIRST || command == NetworkUpdateCommand.ADD_LAST;
        String name = X.attr(node, "name");
        if (name == null) {
            throw xmlError("missing required name attribute in DNS TXT record of network %s", net);
        }
        if (name.contains(" ") || name.contains(",")) {
            throw xmlError("prohibited character in DNS TXT record name '%s' of network %s", name, net);
        }
        if (add && X.attr(node, "value") == null) {
            throw xmlError("missing required value attribute in DNS TXT record named '%s' of network %s", name, net);
        }
        Element dns = X.child(root, "dns");
        Element found = null;
        for (Element t : X.children(dns, "txt")) {
            if (name.equals(X.attr(t, "name"))) {
                found = t;
            }
        }
        if (add) {
            if (found != null) {
                throw error(ErrorNumber.OPERATION_INVALID, "there is already a DNS TXT record with name '%s' in "
                        + "network %s", name, net);
            }
            Element e = root.getOwnerDocument().createElement("txt");
            X.set(e, "name", name);
            X.set(e, "value", X.attr(node, "value"));
            insertDns(root, e, command == NetworkUpdateCommand.ADD_FIRST, "txt", "srv", "host");
        } else if (command == NetworkUpdateCommand.DELETE) {
            if (found == null) {
                throw error(ErrorNumber.OPERATION_INVALID, "couldn't locate a matching DNS TXT record in network %s",
                        net);
            }
            dns.removeChild(found);
        } else {
            throw unknownCommand(command);
        }
    }

    /** virNetworkDefUpdateDNSSrv: a record matches when every field the request gives is equal. */
    private static void dnsSrv(Element root, String net, NetworkUpdateCommand command, Element node) {
        if (command == NetworkUpdateCommand.MODIFY) {
            throw error(ErrorNumber.OPERATION_UNSUPPORTED, "DNS SRV records cannot be modified, only added or deleted");
        }
        checkName(node, "srv", net);
        boolean add = command == NetworkUpdateCommand.ADD_FIRST || command == NetworkUpdateCommand.ADD_LAST;
        String service = X.attr(node, "service");
        String protocol = X.attr(node, "protocol");
        if (service == null && add) {
            throw xmlError("missing required service attribute in DNS SRV record of network '%s'", net);
        }
        if (service != null && !service.matches("[A-Za-z0-9_+-]+")) {
            throw xmlError("invalid character in service attribute '%s' in DNS SRV record of network '%s'", service,
                    net);
        }
        if (protocol == null && add) {
            throw xmlError("missing required protocol attribute in DNS SRV record '%s' of network '%s'", service, net);
        }
        if (protocol != null && !protocol.matches("[A-Za-z0-9_+-]+")) {
            throw xmlError("invalid character in protocol attribute '%s' in DNS SRV record of network '%s'", protocol,
                    net);
        }
        Element dns = X.child(root, "dns");
        List<Element> found = new java.util.ArrayList<>();
        for (Element r : X.children(dns, "srv")) {
            boolean match = true;
            for (String a : List.of("domain", "service", "protocol", "target")) {
                String want = X.attr(node, a);
                match &= want == null || want.equals(X.attr(r, a));
            }
            if (match) {
                found.add(r);
            }
        }
        if (add) {
            if (!found.isEmpty()) {
                throw error(ErrorNumber.OPERATION_INVALID, "there is already at least one DNS SRV record matching all "
                        + "specified fields in network %s", net);
            }
            Element e = root.getOwnerDocument().createElement("srv");
            for (String a : List.of("service", "protocol", "domain", "target", "port", "priority", "weight")) {
                X.set(e, a, X.attr(node, a));
            }
            insertDns(root, e, command == NetworkUpdateCommand.ADD_FIRST, "srv", "host");
        } else if (command == NetworkUpdateCommand.DELETE) {
            if (found.isEmpty()) {
                throw error(ErrorNumber.OPERATION_INVALID, "couldn't locate a matching DNS SRV record in network %s",
                        net);
            }
            if (found.size() > 1) {
                throw error(ErrorNumber.OPERATION_INVALID, "multiple DNS SRV records matching all specified fields "
                        + "were found in network %s", net);
            }
            dns.removeChild(found.get(0));
        } else {
            throw unknownCommand(command);
        }
    }

    /**
     * Puts a record into {@code <dns>} (made if missing) in libvirt's order: first among its kind, or after the
     * last of its kind (before the first of the kinds that follow it).
     */
    private static void insertDns(Element root, Element e, boolean first, String kind, String... later) {
        Element dns = X.child(root, "dns");
        if (dns == null) {
            dns = root.getOwnerDocument().createElement("dns");
            root.insertBefore(dns, firstOf(root, "vlan", "virtualport", "portgroup", "bandwidth", "port", "ip",
                    "route"));
        }
        List<Element> same = X.children(dns, kind);
        Element before = first && !same.isEmpty() ? same.get(0) : firstOf(dns, later);
        dns.insertBefore(e, before);
    }

    /** The first child element with one of these names (where a new element goes before), or null. */
    private static Element firstOf(Element root, String... names) {
        List<String> wanted = List.of(names);
        for (Element e : X.children(root, null)) {
            if (wanted.contains(X.localName(e))) {
                return e;
            }
        }
        return null;
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    static void checkName(Element node, String section, String net) {
        if (!section.equals(X.localName(node))) {
            throw xmlError("unexpected element <%s>, expecting <%s>, while updating network '%s'",
                    X.localName(node), section, net);
        }
    }

    /** virNetworkIPDefByIndex. */
    private static Element ipByIndex(Element root, String net, int parentIndex) {
        List<Element> ips = X.children(root, "ip");
        if (parentIndex >= 0) {
            if (parentIndex >= ips.size()) {
                throw error(ErrorNumber.OPERATION_INVALID, "couldn't update dhcp host entry - no <ip> element "
                        + "found at index %d in network '%s'", parentIndex, net);
            }
            return ips.get(parentIndex);
        }
        for (Element ip : ips) {
            Element dhcp = X.child(ip, "dhcp");
            if (!X.children(dhcp, "range").isEmpty() || !X.children(dhcp, "host").isEmpty()) {
                return ip;
            }
        }
        for (boolean v6 : new boolean[]{false, true}) {
            for (Element ip : ips) {
                if (isV6(X.attr(ip, "address")) == v6) {
                    return ip;
                }
            }
        }
        throw error(ErrorNumber.OPERATION_INVALID,
                "couldn't update dhcp host entry - no <ip> element found in network '%s'", net);
    }

    /** virNetworkDefUpdateCheckMultiDHCP: only one address of a family may serve DHCP. */
    private static void checkMultiDhcp(Element root, Element ipdef) {
        boolean v6 = isV6(X.attr(ipdef, "address"));
        for (Element ip : X.children(root, "ip")) {
            if (ip != ipdef && isV6(X.attr(ip, "address")) == v6) {
                Element dhcp = X.child(ip, "dhcp");
                if (!X.children(dhcp, "range").isEmpty() || !X.children(dhcp, "host").isEmpty()) {
                    throw error(ErrorNumber.OPERATION_INVALID,
                            "dhcp is supported only for a single %s address on each network", v6 ? "IPv6" : "IPv4");
                }
            }
        }
    }

    private static boolean isV6(String addr) {
        return addr != null && addr.contains(":");
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** A numeric IPv4 or IPv6 address, or null; never a name lookup. */
    private static InetAddress parseIp(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = s.matches("[0-9A-Fa-f:.]+") && s.contains(":");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void checkAddress(String s) {
        if (parseIp(s) == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR,
                    "Cannot parse socket address '%s': Name or service not known", s);
        }
    }

    private static boolean sameIp(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return Objects.equals(parseIp(a), parseIp(b));
    }

    /** virMacAddrCompare: the same address, however written; the text is kept as the caller wrote it. */
    private static boolean sameMac(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        MacAddress x = MacAddress.tryParse(a);
        MacAddress y = MacAddress.tryParse(b);
        return x != null && x.equals(y);
    }

    static VirtException unknownCommand(NetworkUpdateCommand command) {
        return error(ErrorNumber.OPERATION_UNSUPPORTED, "unrecognized network update command code %d",
                command.code());
    }

    static VirtException xmlError(String format, Object... args) {
        return error(ErrorNumber.XML_ERROR, format, args);
    }

    static VirtException error(ErrorNumber n, String format, Object... args) {
        return VirtException.of(ErrorDomain.NETWORK, n, format, args);
    }

    /** Null-safe navigation over jvirt-xml's Dom, as the definition may lack the elements looked for. */
    private static final class X {
        private X() {
        }

        static List<Element> children(Element parent, String name) {
            return parent == null ? new java.util.ArrayList<>() : Dom.children(parent, name);
        }

        static Element child(Element parent, String name) {
            return parent == null ? null : Dom.child(parent, name);
        }

        static String childText(Element parent, String name) {
            return Dom.text(child(parent, name));
        }

        static String localName(Element e) {
            return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
        }

        static String attr(Element e, String name) {
            return e == null ? null : Dom.attribute(e, name);
        }

        static void set(Element e, String name, String value) {
            Dom.setAttribute(e, name, value);
        }

        static Element ensureChild(Element parent, String name) {
            Element c = child(parent, name);
            if (c == null) {
                c = parent.getOwnerDocument().createElement(name);
                parent.appendChild(c);
            }
            return c;
        }
    }
}
