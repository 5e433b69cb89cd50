package org.jvirt.driver.test;

import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The test driver's XML: parsing and writing are jvirt-xml's ({@link XmlParser}: no DTD, bounded size and depth,
 * libvirt-worded errors; {@link XmlWriter}: libvirt's layout, attributes in their parsed or set order). What stays
 * here is what the driver needs on top: null-safe navigation and small edits that keep the attribute order.
 */
final class Xml {

    private Xml() {
    }

    /**
     * Parses a document whose root must be {@code root} (null: any). Malformed input fails as libvirt's virXMLParse
     * does: XML_DETAIL in {@code domain}, naming {@code sourceName}, line and column; a wrong root fails with
     * XML_ERROR from the XML error domain. Comments and processing instructions are dropped, as libvirt drops them
     * when it parses a definition into its structures.
     */
    static Document parse(String xml, String sourceName, String root, ErrorDomain domain) {
        if (xml == null) {
            throw VirtException.of(domain, ErrorNumber.INVALID_ARG, "xml must not be NULL");
        }
        Document doc = XmlParser.defaults().parse(xml, sourceName, domain, root);
        dropComments(doc.getDocumentElement());
        return doc;
    }

    private static void dropComments(Element e) {
        Node n = e.getFirstChild();
        while (n != null) {
            Node next = n.getNextSibling();
            if (n.getNodeType() == Node.COMMENT_NODE || n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                e.removeChild(n);
            } else if (n instanceof Element c) {
                dropComments(c);
            }
            n = next;
        }
    }

    static Document newDocument(String root) {
        Document d = XmlParser.newDocument();
        d.appendChild(d.createElement(root));
        return d;
    }

    // ---- navigation helpers (null-safe wrappers of jvirt-xml's Dom) ------------------------------------------

    /** All child elements; none for a null parent. */
    static List<Element> children(Element parent) {
        return parent == null ? new java.util.ArrayList<>() : Dom.children(parent, null);
    }

    /** Child elements in no namespace called {@code name}; none for a null parent. */
    static List<Element> children(Element parent, String name) {
        return parent == null ? new java.util.ArrayList<>() : Dom.children(parent, name);
    }

    static Element child(Element parent, String name) {
        return parent == null ? null : Dom.child(parent, name);
    }

    static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    /** The trimmed text of a child element, or null. */
    static String childText(Element parent, String name) {
        return Dom.text(child(parent, name));
    }

    /** An attribute, or null when absent (DOM answers "" for absent attributes). */
    static String attr(Element e, String name) {
        return e == null ? null : Dom.attribute(e, name);
    }

    /**
     * Sets an attribute, written after those already there (libvirt's order comes from the order of calls); null
     * removes it.
     */
    static void set(Element e, String name, String value) {
        Dom.setAttribute(e, name, value);
    }

    /** The child named {@code name}, created (appended) when missing. */
    static Element ensureChild(Element parent, String name) {
        Element c = child(parent, name);
        if (c == null) {
            c = parent.getOwnerDocument().createElement(name);
            parent.appendChild(c);
        }
        return c;
    }

    static Element setChildText(Element parent, String name, String text) {
        Element c = ensureChild(parent, name);
        c.setTextContent(text);
        return c;
    }

    static void removeChildren(Element parent, String name) {
        if (parent != null) {
            Dom.removeChildren(parent, name);
        }
    }

    /** A deep copy in a document of its own; the attribute order travels along. */
    static Document copy(Document d) {
        Document n = XmlParser.newDocument();
        n.appendChild(n.importNode(d.getDocumentElement(), true));
        return n;
    }

    // ---- formatting -------------------------------------------------------------------------------------------

    /** Formats as libvirt does: two-space indent, single-quoted attributes, empty elements closed with "/>". */
    static String format(Element root) {
        return XmlWriter.toXml(root);
    }

    static String format(Document d) {
        return format(d.getDocumentElement());
    }

    /** Escapes text for the few documents the driver writes as strings (snapshot XML). */
    static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
