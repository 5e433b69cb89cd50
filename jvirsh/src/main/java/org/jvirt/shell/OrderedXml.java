package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An XML document that virsh edits and writes back: parsed with its blank text kept, with each element's
 * attribute order remembered (the DOM forgets it), so that a node prints as libxml2 prints it.
 */
record OrderedXml(Document doc, Map<Element, List<String>> order) {

    /** Parses {@code xml}; a document that does not parse fails the command with {@code what}. */
    static OrderedXml of(Shell sh, String xml, String what) {
        Document doc = Xml.parse(xml);
        if (doc == null) {
            throw sh.fail("%s", what);
        }
        return new OrderedXml(doc, XPathOut.attributeOrder(doc, xml));
    }

    /** virXMLNodeToString. */
    String dump(Node n) {
        return XPathOut.nodeToString(n, order);
    }

    /** xmlSetProp: an attribute keeps its place when it exists, else it comes last. */
    void set(Element e, String name, String value) {
        List<String> names = order.computeIfAbsent(e, k -> new ArrayList<>());
        if (!e.hasAttribute(name) && !names.contains(name)) {
            names.add(name);
        }
        e.setAttribute(name, value);
    }
}
