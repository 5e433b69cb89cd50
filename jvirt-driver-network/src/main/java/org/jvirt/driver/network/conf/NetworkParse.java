package org.jvirt.driver.network.conf;

import java.util.List;
import java.util.UUID;
import org.jvirt.ErrorNumber;
import org.jvirt.xml.Dom;
import org.jvirt.xml.network.NetworkXml;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Element;

/**
 * virNetworkDefParse with this driver's define-time completion: a UUID when none is given, the forward mode
 * written out, STP and delay on a bridge the driver makes, a bridge MAC (networkSetBridgeMacAddr), and the
 * checks of what goes with each forward mode. The result is checked through {@link NetworkDef#of}.
 */
public final class NetworkParse {

    private NetworkParse() {
    }

    public static NetworkXml parse(String text) {
        NetworkXml xml = NetworkXml.parse(text);
        String name = xml.name();
        if (name.isEmpty()) {
            throw NetworkDef.err(ErrorNumber.NO_NAME, "missing name");
        }
        if (name.contains("/")) {
            throw NetworkDef.err(ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
        if (xml.uuid() == null) {
            xml.uuid(UUID.randomUUID());
        }
        Element r = xml.element();
        Element fwd = Dom.child(r, "forward");
        if (fwd != null && Dom.attribute(fwd, "mode") == null) {
            Dom.setAttribute(fwd, "mode", "nat");
            Dom.moveAttributeFirst(fwd, "mode");
        }
        if (fwd != null) {
            forwardDevices(fwd, name);
        }
        NetworkDef def = NetworkDef.of(xml);
        checkForward(xml, def);
        xml.sortChildren();
        for (Element ip : Dom.children(r, "ip")) {
            if (Dom.children(ip, null).isEmpty()) {
                // libvirt writes an <ip> without children open and closed on two lines; the writer keeps a
                // blank text of an element without children as it is
                Dom.setText(ip, "\n  ");
            }
        }
        if (def.forward().ownBridge()) {
            Element br = Dom.child(r, "bridge");
            Boolean stp = br == null || Dom.attribute(br, "stp") == null ? Boolean.TRUE : def.stp();
            xml.bridge(null, null, null); // libvirt's attribute order: name, stp, delay
            xml.bridge(def.bridge(), stp, def.delay());
            if (xml.mac() == null) {
                xml.mac(MacAddress.generateQemu());
            }
        }
        return xml;
    }

    /**
     * virNetworkForwardDefParseXML's checks of the forward devices, and the form libvirt writes them in: the
     * {@code dev=} of {@code <forward>} is the first {@code <interface dev=>} (each given alone implies the
     * other), written before the mode.
     */
    private static void forwardDevices(Element fwd, String name) {
        String dev = Dom.attribute(fwd, "dev");
        List<Element> ifs = Dom.children(fwd, "interface");
        List<Element> pfs = Dom.children(fwd, "pf");
        if (dev != null && (!pfs.isEmpty() || !Dom.children(fwd, "address").isEmpty())) {
            throw NetworkDef.err(ErrorNumber.XML_ERROR, "the <forward> 'dev' attribute cannot be used when "
                    + "<address> or <pf> sub-elements are present in network %s", name);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < ifs.size(); i++) {
            String d = Dom.attribute(ifs.get(i), "dev");
            if (d == null) {
                throw NetworkDef.err(ErrorNumber.XML_ERROR,
                        "Missing required dev attribute in <forward> <interface> element of network %s", name);
            }
            if (i == 0 && dev != null && !d.equals(dev)) {
                throw NetworkDef.err(ErrorNumber.XML_ERROR,
                        "<forward dev='%s'> must match first <interface dev='%s'/> in network %s", dev, d, name);
            }
            if (!seen.add(d)) {
                throw NetworkDef.err(ErrorNumber.XML_ERROR, "interface '%s' can only be listed once in network %s",
                        d, name);
            }
            Dom.setAttribute(ifs.get(i), "connections", null); // a live count, never part of a definition
        }
        if (ifs.isEmpty() && pfs.size() > 1) {
            throw NetworkDef.err(ErrorNumber.XML_ERROR, "Only one <pf> element is allowed in <forward> of network %s",
                    name);
        }
        if (ifs.isEmpty() && pfs.size() == 1 && Dom.attribute(pfs.get(0), "dev") == null) {
            throw NetworkDef.err(ErrorNumber.XML_ERROR,
                    "Missing required dev attribute in <pf> element of network '%s'", name);
        }
        if (dev != null && ifs.isEmpty()) {
            Element i = fwd.getOwnerDocument().createElement("interface");
            Dom.setAttribute(i, "dev", dev);
            Element before = Dom.children(fwd, null).stream()
                    .filter(e -> !e.getTagName().equals("driver") && !e.getTagName().equals("nat")
                            && !e.getTagName().equals("pf"))
                    .findFirst().orElse(null);
            fwd.insertBefore(i, before);
        } else if (dev == null && !ifs.isEmpty() && pfs.isEmpty()) {
            Dom.setAttribute(fwd, "dev", Dom.attribute(ifs.get(0), "dev"));
        }
        if (Dom.attribute(fwd, "dev") != null) {
            Dom.moveAttributeFirst(fwd, "dev");
        }
    }

    /** virNetworkDefParseXML's checks of what must go with the forward mode. */
    private static void checkForward(NetworkXml xml, NetworkDef def) {
        Element fwd = Dom.child(xml.element(), "forward");
        int nifs = fwd == null ? 0 : Dom.children(fwd, "interface").size();
        if (nifs == 0 && def.forwardDev() != null) {
            nifs = 1;
        }
        String mode = def.forward().xml();
        switch (def.forward()) {
            case ROUTE, NAT, OPEN -> {
                if (def.ips().isEmpty()) {
                    throw NetworkDef.err(ErrorNumber.XML_ERROR,
                            "%s forwarding requested, but no IP address provided for network '%s'", mode, def.name());
                }
                if (nifs > 1) {
                    throw NetworkDef.err(ErrorNumber.XML_ERROR,
                            "multiple forwarding interfaces specified for network '%s', only one is supported",
                            def.name());
                }
                if (def.forward() == ForwardMode.OPEN && nifs > 0) {
                    throw NetworkDef.err(ErrorNumber.XML_ERROR,
                            "forward dev not allowed for network '%s' with forward mode='%s'", def.name(), mode);
                }
            }
            case PRIVATE, VEPA, PASSTHROUGH, HOSTDEV, BRIDGE -> {
                if (def.forward() != ForwardMode.BRIDGE && def.bridge() != null) {
                    throw NetworkDef.err(ErrorNumber.XML_ERROR, "bridge name not allowed in %s mode (network '%s')",
                            mode, def.name());
                }
                if (!def.ips().isEmpty()) {
                    throw NetworkDef.err(ErrorNumber.XML_ERROR,
                            "Unsupported <ip> element in network %s with forward mode='%s'", def.name(), mode);
                }
                if (def.forward() == ForwardMode.BRIDGE && def.bridge() == null && nifs == 0) {
                    throw NetworkDef.err(ErrorNumber.XML_ERROR,
                            "Unsupported forward mode='bridge' without a bridge name or forward dev (network '%s')",
                            def.name());
                }
            }
            default -> {
            }
        }
        if (def.natPortStart() != 0 || def.natPortEnd() != 0) {
            if (def.natPortStart() < 0 || def.natPortEnd() > 65535 || def.natPortStart() > def.natPortEnd()) {
                throw NetworkDef.err(ErrorNumber.XML_ERROR, "Invalid port range '%d-%d' in network %s",
                        def.natPortStart(), def.natPortEnd(), def.name());
            }
        }
    }

    /** The network Debian's libvirt-daemon-config-network installs: virbr0, 192.168.122.0/24, DHCP .2-.254. */
    public static String defaultNetworkXml() {
        return """
                <network>
                  <name>default</name>
                  <bridge name='virbr0'/>
                  <forward/>
                  <ip address='192.168.122.1' netmask='255.255.255.0'>
                    <dhcp>
                      <range start='192.168.122.2' end='192.168.122.254'/>
                    </dhcp>
                  </ip>
                </network>
                """;
    }
}
