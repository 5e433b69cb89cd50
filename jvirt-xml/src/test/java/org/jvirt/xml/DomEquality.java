package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.Text;

/** Semantic equality of two element trees: names, namespaces, attribute sets, non-blank text, child order. */
final class DomEquality {
    private DomEquality() {
    }

    /** A canonical string of the tree; equal strings mean semantically equal documents. */
    static String canonical(Element e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Element e) {
        sb.append('{').append(e.getNamespaceURI()).append('}').append(e.getLocalName() == null ? e.getTagName()
                : e.getLocalName());
        TreeMap<String, String> attrs = new TreeMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                attrs.put("{" + a.getNamespaceURI() + "}" + a.getLocalName(), a.getValue());
            }
        }
        sb.append(attrs);
        List<Node> kids = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Text t && t.getData().isBlank())) {
                kids.add(n);
            }
        }
        sb.append('[');
        for (Node n : kids) {
            if (n instanceof Element c) {
                write(sb, c);
            } else if (n instanceof Text t) {
                sb.append('"').append(t.getData()).append('"');
            } else {
                sb.append("<").append(n.getNodeName()).append(':').append(n.getNodeValue()).append('>');
            }
        }
        sb.append(']');
    }
}
