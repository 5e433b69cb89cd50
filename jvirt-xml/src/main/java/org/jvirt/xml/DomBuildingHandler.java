package org.jvirt.xml;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.XMLConstants;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Builds the DOM from SAX events. We build it ourselves (rather than through DocumentBuilder) to remember the
 * attribute order, to know the open elements when an error happens, and to bound the nesting depth.
 */
final class DomBuildingHandler extends DefaultHandler2 {
    private final Document doc;
    private final int maxDepth;
    private final Deque<Element> open = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private Locator locator;

    DomBuildingHandler(Document doc, int maxDepth) {
        this.doc = doc;
        this.maxDepth = maxDepth;
    }

    /** The open elements as a path, innermost last, e.g. {@code <domain>/<devices>/<disk>}; "" at top. */
    String openElementPath() {
        StringBuilder sb = new StringBuilder();
        for (var it = open.descendingIterator(); it.hasNext(); ) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append('<').append(it.next().getTagName()).append('>');
        }
        return sb.toString();
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attrs) throws SAXException {
        flushText();
        if (open.size() >= maxDepth) {
            throw new SAXParseException("element nesting deeper than " + maxDepth + " levels", locator);
        }
        Element e = doc.createElementNS(uri.isEmpty() ? null : uri, qName);
        // the reader reports namespace declarations among the attributes (namespace-prefixes), so the
        // declarations keep their place in the written order
        for (int i = 0; i < attrs.getLength(); i++) {
            String qName2 = attrs.getQName(i);
            String ns = qName2.equals("xmlns") || qName2.startsWith("xmlns:")
                    ? XMLConstants.XMLNS_ATTRIBUTE_NS_URI : attrs.getURI(i);
            Dom.setAttributeNS(e, ns.isEmpty() ? null : ns, qName2, attrs.getValue(i));
        }
        append(e);
        open.push(e);
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        flushText();
        Element e = open.pop();
        dropIndentation(e);
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        text.append(ch, start, length);
    }

    @Override
    public void comment(char[] ch, int start, int length) {
        flushText();
        append(doc.createComment(new String(ch, start, length)));
    }

    @Override
    public void processingInstruction(String target, String data) {
        flushText();
        append(doc.createProcessingInstruction(target, data));
    }

    private void append(Node n) {
        if (open.isEmpty()) {
            if (n instanceof Element) {
                doc.appendChild(n);
            } // comments and PIs outside the root are not kept: libvirt drops them too
        } else {
            open.peek().appendChild(n);
        }
    }

    private void flushText() {
        if (!text.isEmpty()) {
            if (!open.isEmpty()) {
                open.peek().appendChild(doc.createTextNode(text.toString()));
            }
            text.setLength(0);
        }
    }

    /**
     * Blank text between child elements is only indentation: drop it, the writer indents afresh. Text in an
     * element without child elements, and any element with non-blank text, is kept as is.
     */
    private static void dropIndentation(Element e) {
        boolean hasElement = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Text t && !t.getData().isBlank()) {
                return;
            }
            hasElement |= n instanceof Element;
        }
        if (!hasElement) {
            return;
        }
        for (Node n = e.getFirstChild(); n != null; ) {
            Node next = n.getNextSibling();
            if (n instanceof Text) {
                e.removeChild(n);
            }
            n = next;
        }
    }
}
