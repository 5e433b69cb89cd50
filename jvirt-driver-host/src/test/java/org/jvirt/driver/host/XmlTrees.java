package org.jvirt.driver.host;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** XML documents reduced to comparable text: elements, sorted attributes, trimmed text, some elements left out. */
public final class XmlTrees {

    private XmlTrees() {
    }

    /** A canonical one-line form of {@code xml}, without the elements named in {@code skip}. */
    public static String canonical(String xml, Set<String> skip) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            StringBuilder b = new StringBuilder();
            write(root, skip, b);
            return b.toString();
        } catch (Exception e) {
            throw new AssertionError("not XML: " + xml, e);
        }
    }

    private static void write(Element e, Set<String> skip, StringBuilder b) {
        b.append('<').append(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            sorted.put(attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
        }
        sorted.forEach((k, v) -> b.append(' ').append(k).append("='").append(v).append('\''));
        b.append('>');
        List<Element> kids = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element k) {
                kids.add(k);
            } else if (n.getNodeType() == Node.TEXT_NODE) {
                text.append(n.getNodeValue());
            }
        }
        b.append(text.toString().strip());
        for (Element k : kids) {
            if (!skip.contains(k.getTagName())) {
                write(k, skip, b);
            }
        }
        b.append("</").append(e.getTagName()).append('>');
    }
}
