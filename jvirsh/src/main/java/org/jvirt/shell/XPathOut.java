package org.jvirt.shell;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * virshDumpXML: the XML as the driver gave it, or the nodes an {@code --xpath} selects, each written as
 * libxml2's xmlNodeDump writes it (blank text dropped, two-space indentation, double-quoted attributes in
 * document order). The DOM forgets the order of attributes, so it is read once more with StAX to keep it.
 */
final class XPathOut {

    private XPathOut() {
    }

    static boolean print(Shell sh, String xml, String xpath, boolean wrap) {
        if (xpath == null) {
            sh.print("%s", xml.endsWith("\n") ? xml : xml + "\n");
            return true;
        }
        Document doc = Xml.parse(xml);
        if (doc == null) {
            throw sh.fail("Failed to parse XML");
        }
        Map<Element, List<String>> order = attributeOrder(doc, xml);
        List<Node> nodes;
        try {
            nodes = Xml.nodeSet(doc, xpath);
        } catch (IllegalArgumentException e) {
            throw new Failed(org.jvirt.VirtException.of(org.jvirt.ErrorDomain.NONE,
                    org.jvirt.ErrorNumber.INTERNAL_ERROR, "Incorrect xpath '%s'", xpath));
        }
        StringBuilder b = new StringBuilder();
        if (wrap) {
            if (nodes.isEmpty()) {
                b.append("<nodes/>\n");
            } else {
                b.append("<nodes>\n");
                for (Node n : nodes) {
                    b.append("  ");
                    dump(b, n, 1, order, false, true);
                    b.append('\n');
                }
                b.append("</nodes>\n");
            }
        } else {
            for (Node n : nodes) {
                dump(b, n, 0, order, false, true);
                b.append('\n');
            }
        }
        sh.print("%s", b.toString());
        return true;
    }

    /**
     * virXMLNodeToString on a document parsed with its blank text kept (as virsh's detach-disk, change-media and
     * domif-setlink parse the domain XML): the node as libxml2's xmlNodeDump writes it, original indentation
     * included, and no newline at the end.
     */
    static String nodeToString(Node n, Map<Element, List<String>> order) {
        StringBuilder b = new StringBuilder();
        dump(b, n, 0, order, true, true);
        return b.toString();
    }

    /** Each element's attribute names in document order; elements pair up by their order in the document. */
    static Map<Element, List<String>> attributeOrder(Document doc, String xml) {
        Map<Element, List<String>> out = new IdentityHashMap<>();
        NodeList all = doc.getElementsByTagName("*");
        try {
            XMLInputFactory f = XMLInputFactory.newFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(xml));
            int i = 0;
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT && i < all.getLength()) {
                    List<String> names = new ArrayList<>();
                    for (int a = 0; a < r.getAttributeCount(); a++) {
                        String p = r.getAttributePrefix(a);
                        String local = r.getAttributeLocalName(a);
                        names.add(p == null || p.isEmpty() ? local : p + ":" + local);
                    }
                    out.put((Element) all.item(i++), names);
                }
            }
        } catch (Exception e) {
            // without the order the attributes come alphabetically; the content is the same
        }
        return out;
    }

    private static boolean blank(Node n) {
        return n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().isBlank();
    }

    /**
     * xmlNodeDump with format=1 at {@code level}. {@code keepBlanks}: the blank text nodes are part of the
     * document (not dropped at parse time); {@code format}: no ancestor turned formatting off.
     */
    private static void dump(StringBuilder b, Node n, int level, Map<Element, List<String>> order,
                             boolean keepBlanks, boolean format) {
        switch (n.getNodeType()) {
            case Node.ATTRIBUTE_NODE -> b.append(' ').append(n.getNodeName()).append("=\"")
                    .append(attr(n.getNodeValue())).append('"');
            case Node.TEXT_NODE -> b.append(Xml.escapeText(n.getNodeValue()));
            case Node.CDATA_SECTION_NODE -> b.append("<![CDATA[").append(n.getNodeValue()).append("]]>");
            case Node.COMMENT_NODE -> b.append("<!--").append(n.getNodeValue()).append("-->");
            case Node.ELEMENT_NODE -> element(b, (Element) n, level, order, keepBlanks, format);
            default -> b.append(n.getTextContent());
        }
    }

    private static void element(StringBuilder b, Element e, int level, Map<Element, List<String>> order,
                                boolean keepBlanks, boolean formatOn) {
        b.append('<').append(e.getTagName());
        List<String> names = order.get(e);
        if (names == null || names.size() != e.getAttributes().getLength()) {
            names = new ArrayList<>();
            for (int i = 0; i < e.getAttributes().getLength(); i++) {
                names.add(e.getAttributes().item(i).getNodeName());
            }
        }
        for (String name : names) {
            Attr a = e.getAttributeNode(name);
            if (a != null) {
                b.append(' ').append(name).append("=\"").append(attr(a.getValue())).append('"');
            }
        }
        List<Node> kids = new ArrayList<>();
        boolean text = false;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!keepBlanks && blank(c)) {
                continue;
            }
            kids.add(c);
            text |= c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE
                    || c.getNodeType() == Node.ENTITY_REFERENCE_NODE;
        }
        if (kids.isEmpty()) {
            b.append("/>");
            return;
        }
        b.append('>');
        // libxml2 indents only elements whose content holds no text, and none below one that holds text
        boolean format = formatOn && !text;
        for (Node c : kids) {
            if (format) {
                b.append('\n').append("  ".repeat(level + 1));
            }
            dump(b, c, level + 1, order, keepBlanks, format);
        }
        if (format) {
            b.append('\n').append("  ".repeat(level));
        }
        b.append("</").append(e.getTagName()).append('>');
    }

    private static String attr(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }
}
