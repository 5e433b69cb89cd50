package org.jvirt.driver.qemu.command;

import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** Numeric attributes of elements the typed XML views do not cover yet, refused when they are not numbers. */
final class Attrs {

    private Attrs() {
    }

    /** The attribute as an integer, or null when the element or the attribute is absent. */
    static Integer integer(Element e, String name) {
        String v = e == null ? null : Dom.attribute(e, name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.decode(v.strip()); // decimal or 0x hex, as libvirt reads numbers with base 0
        } catch (NumberFormatException ex) {
            throw BuildContext.unsupported("invalid %s '%s'", name, v);
        }
    }
}
