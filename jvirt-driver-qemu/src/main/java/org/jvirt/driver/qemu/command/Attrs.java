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
        // decimal, 0x hex or 0 octal, as libvirt reads these numbers with base 0
        Long n = org.jvirt.conf.StrToLong.parse(v.strip(), 0, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (n == null) {
            throw BuildContext.unsupported("invalid %s '%s'", name, v);
        }
        return n.intValue();
    }
}
