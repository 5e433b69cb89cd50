package org.jvirt.install.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element being written: name, attributes in insertion order, children or text. Serialised the way
 * virt-install prints its XML (two-space indent, double quotes, empty elements closed inline), so that
 * {@code --print-xml} output reads the same; parsing is never done here (jvirt-xml's secure parser does that).
 */
public final class XmlNode {
    private final String name;
    private final Map<String, String> attrs = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private String text;

    public XmlNode(String name) {
        this.name = name;
    }

    public static XmlNode of(String name) {
        return new XmlNode(name);
    }

    public String name() {
        return name;
    }

    /** Sets an attribute; a null value leaves it out. */
    public XmlNode attr(String key, Object value) {
        if (value != null) {
            attrs.put(key, value.toString());
        }
        return this;
    }

    public String attr(String key) {
        return attrs.get(key);
    }

    public XmlNode text(Object value) {
        text = value == null ? null : value.toString();
        return this;
    }

    public XmlNode add(XmlNode child) {
        children.add(child);
        return this;
    }

    /** Adds and returns a new child. */
    public XmlNode child(String childName) {
        XmlNode c = new XmlNode(childName);
        children.add(c);
        return c;
    }

    public List<XmlNode> children() {
        return children;
    }

    /** A deep copy, so the install-time and the final XML can differ. */
    public XmlNode copy() {
        XmlNode n = new XmlNode(name);
        n.attrs.putAll(attrs);
        n.text = text;
        for (XmlNode c : children) {
            n.children.add(c.copy());
        }
        return n;
    }

    /**
     * A parsed element as virt-install prints a document it read and changed (--reinstall): attributes in their
     * order, element children indented afresh (libvirt's documents are indented the same way), text kept.
     */
    public static XmlNode fromDom(org.w3c.dom.Element e) {
        XmlNode n = new XmlNode(e.getTagName());
        for (org.w3c.dom.Attr a : org.jvirt.xml.Dom.orderedAttributes(e)) {
            n.attrs.put(a.getName(), a.getValue());
        }
        boolean elements = false;
        for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof org.w3c.dom.Element ce) {
                n.children.add(fromDom(ce));
                elements = true;
            }
        }
        if (!elements && e.getFirstChild() != null) {
            n.text = e.getTextContent();
        }
        return n;
    }

    public String toXml() {
        StringBuilder sb = new StringBuilder();
        write(sb, 0);
        return sb.toString();
    }

    private void write(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth)).append('<').append(name);
        for (Map.Entry<String, String> a : attrs.entrySet()) {
            sb.append(' ').append(a.getKey()).append("=\"").append(escape(a.getValue(), true)).append('"');
        }
        if (children.isEmpty() && text == null) {
            sb.append("/>\n");
            return;
        }
        sb.append('>');
        if (text != null) {
            sb.append(escape(text, false)).append("</").append(name).append(">\n");
            return;
        }
        sb.append('\n');
        for (XmlNode c : children) {
            c.write(sb, depth + 1);
        }
        sb.append("  ".repeat(depth)).append("</").append(name).append(">\n");
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
