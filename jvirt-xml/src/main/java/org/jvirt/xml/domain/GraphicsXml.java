package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** {@code <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>}, also spice, rdp, sdl, ... */
public final class GraphicsXml extends DeviceXml {
    public GraphicsXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "vnc", "spice", "sdl", "rdp", "desktop", "egl-headless", "dbus". */
    public String type() {
        return attr("type");
    }

    public GraphicsXml type(String type) {
        attr("type", type);
        Dom.moveAttributeFirst(element, "type");
        return this;
    }

    /** The display port; -1 (or absent with autoport) means chosen at start. */
    public Integer port() {
        return intAttr("port");
    }

    public GraphicsXml port(Integer port) {
        attr("port", str(port));
        return this;
    }

    public Integer tlsPort() {
        return intAttr("tlsPort");
    }

    /** VNC's WebSocket port: -1 means chosen at start, null none. */
    public Integer websocket() {
        return intAttr("websocket");
    }

    public Boolean autoport() {
        return parseYesNo(attr("autoport"));
    }

    public GraphicsXml autoport(Boolean autoport) {
        attr("autoport", yesNo(autoport));
        return this;
    }

    /**
     * The listen address: the {@code listen} attribute, else the first {@code <listen type='address'>}.
     */
    public String listen() {
        String a = attr("listen");
        if (a != null) {
            return a;
        }
        for (Element l : children("listen")) {
            if ("address".equals(Dom.attribute(l, "type"))) {
                return Dom.attribute(l, "address");
            }
        }
        return null;
    }

    /**
     * Sets the listen address as libvirt writes it: both the attribute and a
     * {@code <listen type='address' address=...>} child.
     */
    public GraphicsXml listen(String address) {
        attr("listen", address);
        removeChildren("listen");
        if (address != null) {
            Element l = insertChild("listen");
            Dom.setAttribute(l, "type", "address");
            Dom.setAttribute(l, "address", address);
        }
        return this;
    }

    /** The listen entries as (type, address/network/socket) pairs. */
    public List<Listen> listens() {
        return children("listen").stream().map(l -> new Listen(Dom.attribute(l, "type"),
                Dom.attribute(l, "address"), Dom.attribute(l, "network"), Dom.attribute(l, "socket"))).toList();
    }

    public String keymap() {
        return attr("keymap");
    }

    public GraphicsXml keymap(String keymap) {
        attr("keymap", keymap);
        return this;
    }

    public String passwd() {
        return attr("passwd");
    }

    public GraphicsXml passwd(String passwd) {
        attr("passwd", passwd);
        return this;
    }

    public record Listen(String type, String address, String network, String socket) {
    }
}
