package org.jvirt.xml.storage;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * A pool's or volume's {@code <permissions>} (virStoragePerms): octal mode, numeric owner and group, label; -1
 * (absent) leaves each as it is.
 *
 * @param mode  the mode bits, or -1
 * @param owner the uid, or -1
 * @param group the gid, or -1
 * @param label the security label, or null
 */
public record Permissions(int mode, long owner, long group, String label) {

    public static final Permissions NONE = new Permissions(-1, -1, -1, null);

    public boolean isEmpty() {
        return mode == -1 && owner == -1 && group == -1 && label == null;
    }

    /** virStorageDefParsePerms: reads {@code <permissions>} below {@code parent}, or NONE. */
    static Permissions parse(Element parent) {
        Element p = parent == null ? null : Dom.child(parent, "permissions");
        if (p == null) {
            return NONE;
        }
        int mode = -1;
        String m = Dom.text(Dom.child(p, "mode"));
        if (m != null && !m.isBlank()) {
            try {
                mode = Integer.parseInt(m.strip(), 8);
            } catch (NumberFormatException e) {
                mode = -2;
            }
            if (mode < 0 || mode > 0777) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "malformed octal mode");
            }
        }
        return new Permissions(mode, id(p, "owner"), id(p, "group"), Dom.text(Dom.child(p, "label")));
    }

    private static long id(Element p, String name) {
        String s = Dom.text(Dom.child(p, name));
        if (s == null || s.isBlank()) {
            return -1;
        }
        try {
            long v = Long.parseLong(s.strip());
            if (v < -1 || v > 0xffffffffL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "malformed %s element", name);
        }
    }
}
