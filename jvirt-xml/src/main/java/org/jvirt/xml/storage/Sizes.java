package org.jvirt.xml.storage;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.value.ScaledInteger;
import org.w3c.dom.Element;

/**
 * Storage sizes: default unit bytes, as storage_conf.c reads them (virStorageSize, whose errors come from
 * libvirt's util code: no error domain).
 */
final class Sizes {
    private Sizes() {
    }

    static Long bytes(Element e, String name) {
        if (e == null) {
            return null;
        }
        return ScaledInteger.toBytes(Dom.text(e), Dom.attribute(e, "unit"), 1, ScaledInteger.MAX_BYTES,
                "./" + name + "[1]", ErrorDomain.NONE);
    }

    /** Writes {@code <name unit='bytes'>n</name>} as libvirt does. */
    static void set(Element e, long bytes) {
        Dom.setText(e, Long.toString(bytes));
        Dom.setAttribute(e, "unit", "bytes");
    }
}
