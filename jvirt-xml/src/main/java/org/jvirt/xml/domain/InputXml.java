package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.w3c.dom.Element;

/** {@code <input type='tablet' bus='usb'/>}. */
public final class InputXml extends DeviceXml {
    public InputXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "mouse", "tablet", "keyboard", "passthrough", "evdev". */
    public String type() {
        return attr("type");
    }

    public InputXml type(String type) {
        attr("type", type);
        return this;
    }

    /** "ps2", "usb", "virtio", "xen". */
    public String bus() {
        return attr("bus");
    }

    public InputXml bus(String bus) {
        attr("bus", bus);
        return this;
    }
}
