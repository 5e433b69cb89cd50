package org.jvirt.xml.storage;

import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * The pieces storage_conf.c writes the same way in pools and volumes: child elements, sizes in bytes, and
 * {@code <permissions>} (mode in octal with a leading 0, numeric owner and group, label). For drivers that write
 * a pool's or volume's canonical XML.
 */
public final class StorageXmlOut {

    private StorageXmlOut() {
    }

    public static Element child(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    public static Element text(Element parent, String name, String value) {
        Element e = child(parent, name);
        e.setTextContent(value);
        return e;
    }

    /** {@code <name unit='bytes'>n</name>}, n unsigned. */
    public static void sized(Element parent, String name, long bytes) {
        Element e = child(parent, name);
        Dom.setAttribute(e, "unit", "bytes");
        e.setTextContent(Long.toUnsignedString(bytes));
    }

    /** {@code <permissions>} with what is set (-1 and null are left out); nothing when all are unset. */
    public static void permissions(Element parent, int mode, long owner, long group, String label) {
        if (mode == -1 && owner == -1 && group == -1 && label == null) {
            return;
        }
        Element p = child(parent, "permissions");
        if (mode != -1) {
            text(p, "mode", "0" + Integer.toOctalString(mode));
        }
        if (owner != -1) {
            text(p, "owner", Integer.toString((int) owner));
        }
        if (group != -1) {
            text(p, "group", Integer.toString((int) group));
        }
        if (label != null) {
            text(p, "label", label);
        }
    }
}
