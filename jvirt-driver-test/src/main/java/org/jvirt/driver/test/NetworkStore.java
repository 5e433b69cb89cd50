package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.LibvirtUUID;
import org.jvirt.VirtException;
import org.jvirt.spi.NetworkRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Virtual networks of a test state and their definitions (virNetworkObj, virNetworkDefParse's defaults). */
final class NetworkStore {

    private static final List<String> ORDER = List.of("name", "uuid", "title", "description", "metadata",
            "forward", "bridge", "mtu", "mac", "domain", "dns", "vlan", "bandwidth", "port", "ip", "route",
            "virtualport", "portgroup");

    private NetworkStore() {
    }

    /** One network. {@code newDef} holds the persistent config while a persistent network runs. */
    static final class Net {
        Document def;
        Document newDef;
        boolean active;
        boolean persistent;
        boolean autostart;

        Net(Document def) {
            this.def = def;
        }

        String name() {
            return Xml.childText(def.getDocumentElement(), "name");
        }

        UUID uuid() {
            return UUID.fromString(Xml.childText(def.getDocumentElement(), "uuid"));
        }

        NetworkRef ref() {
            return new NetworkRef(name(), uuid());
        }
    }

    static Document parse(String xml) {
        return complete(Xml.parse(xml, "(network_definition)", "network", ErrorDomain.NETWORK));
    }

    /** virNetworkDefParse's checks and defaults: a name, a UUID, forward mode nat, STP on for bridges. */
    static Document complete(Document doc) {
        Element r = doc.getDocumentElement();
        String name = Xml.childText(r, "name");
        if (name == null || name.isEmpty()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_NAME, (String) null);
        }
        if (name.contains("/")) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
        String uuid = Xml.childText(r, "uuid");
        UUID u = uuid == null ? UUID.randomUUID() : LibvirtUUID.tryParse(uuid);
        if (u == null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR, "malformed uuid element");
        }
        Xml.setChildText(r, "uuid", u.toString());
        Element fwd = Xml.child(r, "forward");
        String mode = "none";
        if (fwd != null) {
            mode = Xml.attr(fwd, "mode") == null ? "nat" : Xml.attr(fwd, "mode");
            if (Xml.attr(fwd, "mode") == null) {
                Element copy = doc.createElement("forward");
                Xml.set(copy, "mode", "nat");
                for (int i = 0; i < fwd.getAttributes().getLength(); i++) {
                    Xml.set(copy, fwd.getAttributes().item(i).getNodeName(),
                            fwd.getAttributes().item(i).getNodeValue());
                }
                while (fwd.getFirstChild() != null) {
                    copy.appendChild(fwd.getFirstChild());
                }
                r.replaceChild(copy, fwd);
            }
        }
        checkForward(r, name, mode, fwd);
        completeForwardInterfaces(doc, Xml.child(r, "forward"), name);
        // virNetworkDefFormatBuf: ipv6 is written only when set; the MAC address in lower case (virMacAddrFormat)
        if ("no".equals(Xml.attr(r, "ipv6"))) {
            Xml.set(r, "ipv6", null);
        }
        Element mac = Xml.child(r, "mac");
        if (mac != null && Xml.attr(mac, "address") != null) {
            Xml.set(mac, "address", Xml.attr(mac, "address").toLowerCase(java.util.Locale.ROOT));
        }
        if (mode.equals("none") || mode.equals("nat") || mode.equals("route") || mode.equals("open")) {
            Element br = Xml.ensureChild(r, "bridge");
            String bname = Xml.attr(br, "name");
            String stp = Xml.attr(br, "stp") == null ? "on" : Xml.attr(br, "stp");
            String delay = Xml.attr(br, "delay") == null ? "0" : Xml.attr(br, "delay");
            Xml.set(br, "name", null);
            Xml.set(br, "stp", null);
            Xml.set(br, "delay", null);
            if (bname != null) {
                Xml.set(br, "name", bname);
            }
            Xml.set(br, "stp", stp);
            Xml.set(br, "delay", delay);
        }
        List<Element> kids = Xml.children(r);
        kids.sort(Comparator.comparingInt(e -> {
            int i = ORDER.indexOf(Xml.localName(e));
            return i < 0 ? ORDER.size() : i;
        }));
        for (Element k : kids) {
            r.appendChild(k);
        }
        return doc;
    }

    /**
     * virNetworkForwardDefParseXML and the formatter: {@code <forward dev>} is the first forwarding interface, written
     * both as the attribute and as an {@code <interface>}; the two must agree and no interface is listed twice.
     */
    private static void completeForwardInterfaces(Document doc, Element fwd, String name) {
        if (fwd == null || Xml.child(fwd, "pf") != null) {
            return;
        }
        String dev = Xml.attr(fwd, "dev");
        List<Element> ifs = Xml.children(fwd, "interface");
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < ifs.size(); i++) {
            String d = Xml.attr(ifs.get(i), "dev");
            if (d == null) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                        "Missing required dev attribute in <forward> <interface> element of network %s", name);
            }
            if (i == 0 && dev != null && !dev.equals(d)) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                        "<forward dev='%s'> must match first <interface dev='%s'/> in network %s", dev, d, name);
            }
            if (seen.contains(d)) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                        "interface '%s' can only be listed once in network %s", d, name);
            }
            seen.add(d);
        }
        if (dev != null && ifs.isEmpty()) {
            Element itf = doc.createElement("interface");
            Xml.set(itf, "dev", dev);
            fwd.appendChild(itf);
        } else if (dev == null && !ifs.isEmpty()) {
            Xml.set(fwd, "dev", Xml.attr(ifs.get(0), "dev"));
        }
    }

    /** virNetworkDefParseXML's checks of what must go with the forward mode. */
    private static void checkForward(Element r, String name, String mode, Element fwd) {
        int nifs = fwd == null ? 0 : Xml.children(fwd, "interface").size();
        if (nifs == 0 && fwd != null && Xml.attr(fwd, "dev") != null) {
            nifs = 1;
        }
        switch (mode) {
            case "route", "nat", "open" -> {
                if (Xml.children(r, "ip").isEmpty()) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                            "%s forwarding requested, but no IP address provided for network '%s'", mode, name);
                }
                if (nifs > 1) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                            "multiple forwarding interfaces specified for network '%s', only one is supported",
                            name);
                }
                if (mode.equals("open") && nifs > 0) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                            "forward dev not allowed for network '%s' with forward mode='%s'", name, mode);
                }
            }
            case "private", "vepa", "passthrough", "hostdev" -> {
                Element br = Xml.child(r, "bridge");
                if (br != null && Xml.attr(br, "name") != null) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR,
                            "bridge name not allowed in %s mode (network '%s')", mode, name);
                }
            }
            default -> {
            }
        }
    }

    static Net find(TestState st, UUID uuid) {
        for (Net n : st.networks.values()) {
            if (n.uuid().equals(uuid)) {
                return n;
            }
        }
        return null;
    }

    /** virNetworkObjAssignDef: the same name and UUID checks as domains, with the network's words. */
    static Net assign(TestState st, Document def, boolean live) {
        String name = Xml.childText(def.getDocumentElement(), "name");
        UUID uuid = UUID.fromString(Xml.childText(def.getDocumentElement(), "uuid"));
        Net byUuid = find(st, uuid);
        if (byUuid != null) {
            if (!byUuid.name().equals(name)) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_FAILED,
                        "network '%s' is already defined with uuid %s", byUuid.name(), uuid);
            }
            if (live) {
                if (byUuid.active) {
                    throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_INVALID,
                            "network is already active as '%s'", byUuid.name());
                }
                if (byUuid.persistent && byUuid.newDef == null) {
                    byUuid.newDef = byUuid.def;
                }
                byUuid.def = def;
            } else {
                if (byUuid.active) {
                    byUuid.newDef = def;
                } else {
                    byUuid.def = def;
                }
                byUuid.persistent = true;
            }
            return byUuid;
        }
        Net byName = st.networks.get(name);
        if (byName != null) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.OPERATION_FAILED,
                    "network '%s' already exists with uuid %s", name, byName.uuid());
        }
        Net n = new Net(def);
        n.persistent = !live;
        st.networks.put(name, n);
        return n;
    }
}
