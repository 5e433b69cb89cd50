package org.jvirt.driver.network.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.network.NetworkXml;
import org.w3c.dom.Element;

/**
 * What the driver needs to know of a network definition, read (and checked, with libvirt's messages) from its
 * {@link NetworkXml}. The document stays the one home of the definition; this is a checked reading of it.
 */
public record NetworkDef(String name, UUID uuid, ForwardMode forward, String forwardDev, String bridge,
                         boolean stp, int delay, String mac, Integer mtu, String domain, boolean domainLocalOnly,
                         Dns dns, List<IpDef> ips, int natPortStart, int natPortEnd, String natAddrStart,
                         String natAddrEnd, org.jvirt.xml.value.Bandwidth bandwidth, boolean portIsolated,
                         List<String> forwardIfs, String forwardPf) {

    /** {@code <ip>}: the subnet and its DHCP service. */
    public record IpDef(Subnet subnet, List<Range> ranges, List<Host> hosts, String tftpRoot, String bootFile,
                        String bootServer) {
        public boolean v6() {
            return subnet.address().v6();
        }

        public boolean dhcp() {
            return !ranges.isEmpty() || !hosts.isEmpty();
        }
    }

    /** A DHCP range and its lease time, in dnsmasq's words ("infinite", "3600", or null for the default). */
    public record Range(IpAddr start, IpAddr end, String lease) {
    }

    /** A static DHCP host. */
    public record Host(String mac, String id, String name, String ip, String lease) {
    }

    /** {@code <dns>}. */
    public record Dns(boolean enable, Boolean forwardPlainNames, List<Forwarder> forwarders, List<DnsHost> hosts,
                      List<String[]> txts, List<Element> srvs) {
    }

    public record Forwarder(String domain, String addr) {
    }

    public record DnsHost(String ip, List<String> names) {
    }

    public static NetworkDef of(NetworkXml xml) {
        Element r = xml.element();
        String name = xml.name();
        Element fwd = Dom.child(r, "forward");
        ForwardMode mode = fwd == null ? ForwardMode.NONE
                : ForwardMode.of(Dom.attribute(fwd, "mode") == null ? "nat" : Dom.attribute(fwd, "mode"));
        if (mode == null) {
            throw err(ErrorNumber.XML_ERROR, "unknown forwarding type '%s'", Dom.attribute(fwd, "mode"));
        }
        Element br = Dom.child(r, "bridge");
        int portStart = 0;
        int portEnd = 0;
        String natStart = null;
        String natEnd = null;
        if (fwd != null) {
            Element nat = Dom.child(fwd, "nat");
            if (nat != null) {
                if (mode != ForwardMode.NAT) {
                    throw err(ErrorNumber.XML_ERROR,
                            "The <nat> element can only be used when <forward> 'mode' is 'nat' in network %s", name);
                }
                Element port = Dom.child(nat, "port");
                if (port != null) {
                    portStart = intOr(Dom.attribute(port, "start"), 0);
                    portEnd = intOr(Dom.attribute(port, "end"), 0);
                }
                Element addr = Dom.child(nat, "address");
                if (addr != null) {
                    natStart = Dom.attribute(addr, "start");
                    natEnd = Dom.attribute(addr, "end");
                }
            }
        }
        Element mtuEl = Dom.child(r, "mtu");
        Element domainEl = Dom.child(r, "domain");
        List<IpDef> ips = new ArrayList<>();
        for (Element ip : Dom.children(r, "ip")) {
            ips.add(ip(name, ip));
        }
        return new NetworkDef(name, xml.uuid(), mode, fwd == null ? null : Dom.attribute(fwd, "dev"),
                br == null ? null : Dom.attribute(br, "name"),
                br == null || !"off".equals(Dom.attribute(br, "stp")),
                br == null ? 0 : intOr(Dom.attribute(br, "delay"), 0),
                xml.mac() == null ? null : xml.mac().toString(),
                mtuEl == null ? null : intOr(Dom.attribute(mtuEl, "size"), 0),
                domainEl == null ? null : Dom.attribute(domainEl, "name"),
                domainEl != null && "yes".equals(Dom.attribute(domainEl, "localOnly")),
                dns(name, Dom.child(r, "dns")), List.copyOf(ips), portStart, portEnd, natStart, natEnd,
                org.jvirt.xml.value.Bandwidth.of(r, org.jvirt.ErrorDomain.NETWORK),
                Dom.child(r, "port") != null && "yes".equals(Dom.attribute(Dom.child(r, "port"), "isolated")),
                forwardIfs(fwd), fwd == null || Dom.child(fwd, "pf") == null ? null
                        : Dom.attribute(Dom.child(fwd, "pf"), "dev"));
    }

    /** The forward devices ({@code <interface dev=>}, or the {@code dev=} of {@code <forward>} alone). */
    private static List<String> forwardIfs(Element fwd) {
        if (fwd == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Element i : Dom.children(fwd, "interface")) {
            if (Dom.attribute(i, "dev") != null) {
                out.add(Dom.attribute(i, "dev"));
            }
        }
        if (out.isEmpty() && Dom.attribute(fwd, "dev") != null) {
            out.add(Dom.attribute(fwd, "dev"));
        }
        return List.copyOf(out);
    }

    /** Whether guests join this network through a macvtap on one of its forward devices (networkAllocatePort). */
    public boolean direct() {
        return switch (forward) {
            case PRIVATE, VEPA, PASSTHROUGH -> true;
            case BRIDGE -> bridge == null;
            default -> false;
        };
    }

    private static int intOr(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw err(ErrorNumber.XML_ERROR, "invalid number '%s'", s);
        }
    }

    /** virNetworkIPDefParseXML and virNetworkDHCPDefParseXML: the checks, in libvirt's order and words. */
    private static IpDef ip(String net, Element ip) {
        String family = Dom.attribute(ip, "family");
        String address = Dom.attribute(ip, "address");
        if (address == null) {
            throw err(ErrorNumber.XML_ERROR, "Missing required address attribute in network '%s'", net);
        }
        IpAddr a = IpAddr.tryParse(address);
        if (a == null) {
            throw err(ErrorNumber.XML_ERROR, "Invalid address '%s' in network '%s'", address, net);
        }
        String netmask = Dom.attribute(ip, "netmask");
        IpAddr mask = netmask == null ? null : IpAddr.tryParse(netmask);
        if (netmask != null && mask == null) {
            throw err(ErrorNumber.XML_ERROR, "Invalid netmask '%s' in network '%s'", netmask, net);
        }
        Integer prefix = Dom.attribute(ip, "prefix") == null ? null : intOr(Dom.attribute(ip, "prefix"), 0);
        if (family == null || family.equals("ipv4")) {
            if (a.v6()) {
                throw err(ErrorNumber.CONFIG_UNSUPPORTED, "%s family specified for non-IPv4 address '%s' in network '%s'",
                        family == null ? "no" : "ipv4", address, net);
            }
            if (mask != null) {
                if (mask.v6()) {
                    throw err(ErrorNumber.CONFIG_UNSUPPORTED,
                            "Invalid netmask '%s' for address '%s' in network '%s' (both must be IPv4)", netmask,
                            address, net);
                }
                if (prefix != null && prefix > 0) {
                    throw err(ErrorNumber.CONFIG_UNSUPPORTED,
                            "Network '%s' IP address cannot have both a prefix and a netmask", net);
                }
                int bits = mask.value().bitCount();
                if (!IpAddr.mask(false, bits).equals(mask.value())) {
                    throw err(ErrorNumber.XML_ERROR, "Invalid netmask '%s' in network '%s'", netmask, net);
                }
                prefix = bits;
            } else if (prefix != null && prefix > 32) {
                throw err(ErrorNumber.CONFIG_UNSUPPORTED, "Invalid IPv4 prefix '%d' in network '%s'", prefix, net);
            }
            if (prefix == null || prefix == 0) {
                prefix = classfulPrefix(a); // virSocketAddrGetIPPrefix: the class of the address
            }
        } else if (family.equals("ipv6")) {
            if (!a.v6()) {
                throw err(ErrorNumber.CONFIG_UNSUPPORTED,
                        "Family 'ipv6' specified for non-IPv6 address '%s' in network '%s'", address, net);
            }
            if (netmask != null) {
                throw err(ErrorNumber.CONFIG_UNSUPPORTED, "netmask not allowed for IPv6 address '%s' in network '%s'",
                        address, net);
            }
            if (prefix != null && prefix > 128) {
                throw err(ErrorNumber.CONFIG_UNSUPPORTED, "Invalid IPv6 prefix '%d' in network '%s'", prefix, net);
            }
            if (prefix == null || prefix == 0) {
                prefix = 64;
            }
        } else {
            throw err(ErrorNumber.XML_ERROR, "Unrecognized family '%s' in network '%s'", family, net);
        }
        Subnet subnet = new Subnet(a, prefix);
        List<Range> ranges = new ArrayList<>();
        List<Host> hosts = new ArrayList<>();
        String tftp = null;
        String bootFile = null;
        String bootServer = null;
        Element tftpEl = Dom.child(ip, "tftp");
        if (tftpEl != null) {
            tftp = Dom.attribute(tftpEl, "root");
        }
        Element dhcp = Dom.child(ip, "dhcp");
        if (dhcp != null) {
            for (Element range : Dom.children(dhcp, "range")) {
                ranges.add(range(net, subnet, range));
            }
            for (Element h : Dom.children(dhcp, "host")) {
                hosts.add(host(net, subnet, h));
            }
            Element bootp = Dom.child(dhcp, "bootp");
            if (bootp != null) {
                bootFile = Dom.attribute(bootp, "file");
                bootServer = Dom.attribute(bootp, "server");
            }
        }
        return new IpDef(subnet, List.copyOf(ranges), List.copyOf(hosts), tftp, bootFile, bootServer);
    }

    private static int classfulPrefix(IpAddr a) {
        int first = a.value().shiftRight(24).intValue();
        return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : 32;
    }

    /** virNetworkDHCPRangeDefParseXML and virSocketAddrGetRange's sanity checks. */
    private static Range range(String net, Subnet subnet, Element range) {
        String s = Dom.attribute(range, "start");
        if (s == null) {
            throw err(ErrorNumber.XML_ERROR, "Missing 'start' attribute in dhcp range for network '%s'", net);
        }
        IpAddr start = parseSocketAddr(s);
        String e = Dom.attribute(range, "end");
        if (e == null) {
            throw err(ErrorNumber.XML_ERROR, "Missing 'end' attribute in dhcp range for network '%s'", net);
        }
        IpAddr end = parseSocketAddr(e);
        checkRange(start, end, subnet);
        String leaseText = leaseTime(Dom.child(range, "lease"));
        return new Range(start, end, leaseText);
    }

    /** networkBuildDnsmasqLeaseTime: "infinite", or the expiry and the first letter of its unit (default minutes). */
    private static String leaseTime(Element lease) {
        if (lease == null) {
            return null;
        }
        String expiry = Dom.attribute(lease, "expiry");
        long n = expiry == null ? 0 : Long.parseUnsignedLong(expiry.strip());
        String unit = Dom.attribute(lease, "unit");
        return n == 0 ? "infinite" : n + (unit == null ? "m" : unit.substring(0, 1));
    }

    /** virSocketAddrGetRange's checks: same family, inside the network, not its network/broadcast, not reversed. */
    public static int checkRange(IpAddr start, IpAddr end, Subnet subnet) {
        if (start.v6() != end.v6()) {
            throw err(ErrorNumber.INTERNAL_ERROR, "mismatch of address family in range %s - %s", start, end);
        }
        String netStr = subnet.address().toString();
        if (start.v6() != subnet.address().v6()) {
            throw err(ErrorNumber.INTERNAL_ERROR, "mismatch of address family in range %s - %s for network %s",
                    start, end, netStr);
        }
        if (!subnet.contains(start) || !subnet.contains(end)) {
            throw err(ErrorNumber.INTERNAL_ERROR, "range %s - %s is not entirely within network %s/%d", start, end,
                    netStr, subnet.prefix());
        }
        if (!start.v6()) {
            if (start.equals(subnet.network())) {
                throw err(ErrorNumber.INTERNAL_ERROR, "start of range %s - %s in network %s/%d is the network address",
                        start, end, netStr, subnet.prefix());
            }
            if (end.equals(subnet.broadcast())) {
                throw err(ErrorNumber.INTERNAL_ERROR,
                        "end of range %s - %s in network %s/%d is the broadcast address", start, end, netStr,
                        subnet.prefix());
            }
            if (!start.value().shiftRight(16).equals(end.value().shiftRight(16))) {
                throw err(ErrorNumber.INTERNAL_ERROR, "range %s - %s is too large (> 65535)", start, end);
            }
        } else if (!start.value().shiftRight(16).equals(end.value().shiftRight(16))) {
            throw err(ErrorNumber.INTERNAL_ERROR, "range %s - %s is too large (> 65535)", start, end);
        }
        int n = end.value().subtract(start.value()).intValue();
        if (n < 0) {
            throw err(ErrorNumber.INTERNAL_ERROR, "range %s - %s is reversed ", start, end);
        }
        return n + 1;
    }

    private static IpAddr parseSocketAddr(String s) {
        IpAddr a = IpAddr.tryParse(s);
        if (a == null) {
            throw err(ErrorNumber.SYSTEM_ERROR, "Cannot parse socket address '%s': Name or service not known", s);
        }
        return a;
    }

    /** virNetworkDHCPHostDefParseXML. */
    private static Host host(String net, Subnet subnet, Element h) {
        String mac = Dom.attribute(h, "mac");
        String id = Dom.attribute(h, "id");
        String name = Dom.attribute(h, "name");
        String ip = Dom.attribute(h, "ip");
        if (mac != null) {
            if (subnet.address().v6()) {
                throw err(ErrorNumber.XML_ERROR,
                        "Invalid to specify MAC address '%s' in network '%s' IPv6 static host definition", mac, net);
            }
            org.jvirt.xml.value.MacAddress m = org.jvirt.xml.value.MacAddress.tryParse(mac);
            if (m == null) {
                throw err(ErrorNumber.INTERNAL_ERROR, "Cannot parse MAC address '%s' in network '%s'", mac, net);
            }
            if (m.isMulticast()) {
                throw err(ErrorNumber.XML_ERROR,
                        "expected unicast mac address, found multicast '%s' in network '%s'", mac, net);
            }
            mac = m.toString();
        }
        if (name != null && !name.matches("[A-Za-z0-9][-A-Za-z0-9_.]*")) {
            throw err(ErrorNumber.INTERNAL_ERROR, "Cannot use host name '%s' in network '%s'", name, net);
        }
        IpAddr addr = null;
        if (ip != null) {
            addr = IpAddr.tryParse(ip);
            if (addr == null) {
                throw err(ErrorNumber.INTERNAL_ERROR,
                        "Invalid IP address in static host definition for network '%s'", net);
            }
        }
        if (mac == null && name == null && id == null) {
            throw err(ErrorNumber.XML_ERROR,
                    "Static host definition in network '%s' must have mac or name attribute", net);
        }
        if (addr == null) {
            throw err(ErrorNumber.XML_ERROR, "Missing IP address in static host definition for network '%s'", net);
        }
        if (!subnet.contains(addr)) {
            throw err(ErrorNumber.XML_ERROR, "The IP address '%s' of static host in network '%s' is not in its subnet",
                    ip, net);
        }
        return new Host(mac, id, name, addr.toString(), leaseTime(Dom.child(h, "lease")));
    }

    private static Dns dns(String net, Element dns) {
        if (dns == null) {
            return new Dns(true, null, List.of(), List.of(), List.of(), List.of());
        }
        boolean enable = !"no".equals(Dom.attribute(dns, "enable"));
        String fpn = Dom.attribute(dns, "forwardPlainNames");
        List<Forwarder> fwds = new ArrayList<>();
        for (Element f : Dom.children(dns, "forwarder")) {
            String addr = Dom.attribute(f, "addr");
            String domain = Dom.attribute(f, "domain");
            if (addr != null && IpAddr.tryParse(addr) == null) {
                throw err(ErrorNumber.XML_ERROR, "Invalid forwarder IP address '%s' in network '%s'", addr, net);
            }
            if (addr == null && domain == null) {
                throw err(ErrorNumber.XML_ERROR,
                        "Invalid forwarder element, must contain at least one of addr or domain");
            }
            fwds.add(new Forwarder(domain, addr));
        }
        List<DnsHost> hosts = new ArrayList<>();
        for (Element h : Dom.children(dns, "host")) {
            String ip = Dom.attribute(h, "ip");
            if (ip == null) {
                throw err(ErrorNumber.XML_ERROR, "Missing IP address in network '%s' DNS HOST record", net);
            }
            if (IpAddr.tryParse(ip) == null) {
                throw err(ErrorNumber.XML_ERROR, "Invalid IP address in network '%s' DNS HOST record", net);
            }
            List<String> names = Dom.children(h, "hostname").stream().map(Dom::text).toList();
            if (names.isEmpty()) {
                throw err(ErrorNumber.XML_ERROR, "Missing hostname in network '%s' DNS HOST record", net);
            }
            hosts.add(new DnsHost(ip, names));
        }
        List<String[]> txts = new ArrayList<>();
        for (Element t : Dom.children(dns, "txt")) {
            txts.add(new String[] {Dom.attribute(t, "name"), Dom.attribute(t, "value")});
        }
        return new Dns(enable, fpn == null ? null : fpn.equals("yes"), List.copyOf(fwds), List.copyOf(hosts),
                List.copyOf(txts), Dom.children(dns, "srv"));
    }

    /** The first IPv4 {@code <ip>}, or null. */
    public IpDef ipv4() {
        return ips.stream().filter(i -> !i.v6()).findFirst().orElse(null);
    }

    public boolean hasIpv6() {
        return ips.stream().anyMatch(IpDef::v6);
    }

    /** Whether this network runs dnsmasq (networkNeedsDnsmasq): DNS on, or any DHCP, on a bridge we make. */
    public boolean needsDnsmasq() {
        return forward.ownBridge() && !ips.isEmpty()
                && (dns.enable() || ips.stream().anyMatch(IpDef::dhcp));
    }

    static VirtException err(ErrorNumber n, String fmt, Object... args) {
        return VirtException.of(ErrorDomain.NETWORK, n, fmt, args);
    }
}
