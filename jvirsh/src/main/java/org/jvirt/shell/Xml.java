package org.jvirt.shell;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The little XML reading commands need (device lists, --xpath): a secure DOM parse and XPath queries. A
 * command that only passes XML through never parses it.
 */
final class Xml {

    private Xml() {
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            return null;
        }
    }

    static List<Node> nodes(Object context, String xpath) {
        try {
            NodeList nl = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context,
                    XPathConstants.NODESET);
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < nl.getLength(); i++) {
                out.add(nl.item(i));
            }
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    /** The nodes an XPath expression selects; IllegalArgumentException when it is invalid or not a node set. */
    static List<Node> nodeSet(Object context, String xpath) {
        NodeList nl;
        try {
            nl = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
        } catch (Exception e) {
            throw new IllegalArgumentException(xpath, e);
        }
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(nl.item(i));
        }
        return out;
    }

    /** The string value of an XPath expression, or null when it selects nothing. */
    static String string(Object context, String xpath) {
        try {
            var xp = XPathFactory.newInstance().newXPath();
            NodeList nl = (NodeList) xp.evaluate(xpath, context, XPathConstants.NODESET);
            if (nl.getLength() == 0) {
                return null;
            }
            return nl.item(0).getTextContent();
        } catch (Exception e) {
            return null;
        }
    }

    /** A node written back as XML text (for --xpath output). */
    static String serialize(Node n) {
        try {
            var t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(new javax.xml.transform.dom.DOMSource(n), new javax.xml.transform.stream.StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            return n.getTextContent();
        }
    }

    /** Escapes element text as libxml2 does: only &, < and >. */
    static String escapeText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
