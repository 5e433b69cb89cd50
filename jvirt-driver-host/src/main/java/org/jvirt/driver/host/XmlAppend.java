package org.jvirt.driver.host;

import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * Appends children to an element of a typed document in the order the caller writes them, as libvirt's
 * virBuffer formatters do, attributes in the given order (the writer keeps it).
 */
public final class XmlAppend {

    private final Element parent;

    public XmlAppend(Element parent) {
        this.parent = parent;
    }

    /** {@code <name a1='v1' ...>text</name>}; null text gives an empty element, null attribute values are left out. */
    public Element add(String name, Object text, String... attrs) {
        Element e = parent.getOwnerDocument().createElement(name);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                Dom.setAttribute(e, attrs[i], attrs[i + 1]);
            }
        }
        if (text != null) {
            e.setTextContent(text.toString());
        }
        parent.appendChild(e);
        return e;
    }

    /** Adds {@code <name>text</name>} only when text is not null. */
    public void opt(String name, Object text) {
        if (text != null) {
            add(name, text);
        }
    }

    public XmlAppend child(String name, String... attrs) {
        return new XmlAppend(add(name, null, attrs));
    }
}
