package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlErrors;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Element;

/** A guest NIC, {@code <interface type='network'>} (named so to tell it from a host interface document). */
public final class NetInterfaceXml extends DeviceXml {
    private static final List<String> ORDER = List.of("mac", "source", "vlan", "virtualport", "ip", "route",
            "script", "downscript", "backenddomain", "target", "guest", "model", "driver", "backend", "filterref",
            "tune", "teaming", "link", "mtu", "coalesce", "bandwidth", "port", "boot", "rom", "alias", "address");
    private static final List<String> SOURCE_ATTRIBUTES = List.of("network", "portgroup", "bridge", "dev",
            "mode");

    public NetInterfaceXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public InterfaceSource source() {
        String type = attr("type");
        Element s = child("source");
        return switch (type == null ? "" : type) {
            case "network" -> new InterfaceSource.Network(a(s, "network"), a(s, "portgroup"));
            case "bridge" -> new InterfaceSource.Bridge(a(s, "bridge"));
            case "user" -> new InterfaceSource.User();
            case "direct" -> new InterfaceSource.Direct(a(s, "dev"), a(s, "mode"));
            default -> new InterfaceSource.Other(type);
        };
    }

    /** Sets {@code type=} and the variant's source attributes, keeping the source's other content. */
    public NetInterfaceXml source(InterfaceSource source) {
        attr("type", source.interfaceType());
        Dom.moveAttributeFirst(element, "type");
        if (source instanceof InterfaceSource.Other) {
            return this;
        }
        Element s = childOrCreate("source");
        for (String a : SOURCE_ATTRIBUTES) {
            Dom.setAttribute(s, a, null);
        }
        switch (source) {
            case InterfaceSource.Network n -> {
                Dom.setAttribute(s, "network", n.network());
                Dom.setAttribute(s, "portgroup", n.portgroup());
            }
            case InterfaceSource.Bridge b -> Dom.setAttribute(s, "bridge", b.bridge());
            case InterfaceSource.Direct d -> {
                Dom.setAttribute(s, "dev", d.dev());
                Dom.setAttribute(s, "mode", d.mode());
            }
            case InterfaceSource.User u -> { }
            case InterfaceSource.Other o -> { }
        }
        if (!s.hasAttributes() && !s.hasChildNodes()) {
            element.removeChild(s);
        }
        return this;
    }

    /** The MAC address; libvirt refuses unparsable and multicast ones, and so do we. */
    public MacAddress mac() {
        String s = childAttr("mac", "address");
        if (s == null) {
            return null;
        }
        MacAddress m = MacAddress.parse(s, errorDomain);
        if (m.isMulticast()) {
            throw XmlErrors.xmlError(errorDomain, "expected unicast mac address, found multicast '%s'", s);
        }
        return m;
    }

    public NetInterfaceXml mac(MacAddress mac) {
        if (mac == null) {
            removeChildren("mac");
        } else {
            childAttr("mac", "address", mac.toString());
        }
        return this;
    }

    /** The NIC model ("virtio", "e1000e", ...). */
    public String model() {
        return childAttr("model", "type");
    }

    public NetInterfaceXml model(String model) {
        if (model == null) {
            removeChildren("model");
        } else {
            childAttr("model", "type", model);
        }
        return this;
    }

    /** The host-side device name ({@code <target dev='vnet0'/>}). */
    public String targetDev() {
        return childAttr("target", "dev");
    }

    public NetInterfaceXml targetDev(String dev) {
        if (dev == null) {
            removeChildren("target");
        } else {
            childAttr("target", "dev", dev);
        }
        return this;
    }

    /** "up" or "down" ({@code <link state=.../>}), null when absent. */
    public String linkState() {
        return childAttr("link", "state");
    }

    public NetInterfaceXml linkState(String state) {
        if (state == null) {
            removeChildren("link");
        } else {
            childAttr("link", "state", state);
        }
        return this;
    }

    private static String a(Element e, String name) {
        return e == null ? null : Dom.attribute(e, name);
    }
}
