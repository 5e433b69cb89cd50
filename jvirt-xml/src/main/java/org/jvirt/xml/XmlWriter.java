package org.jvirt.xml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import javax.xml.XMLConstants;

import org.w3c.dom.Attr;
import org.w3c.dom.Comment;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;
import org.w3c.dom.Text;

/**
 * Writes a DOM as libvirt writes its XML: no declaration, two spaces of indentation per level, attribute
 * values in single quotes, empty elements as {@code <x/>}, a final newline.
 *
 * <p>Element-only content is re-indented; an element holding non-blank text (mixed content, or a plain value)
 * is written inline exactly as held, so that nothing meaningful changes. Namespace declarations missing on
 * elements that a builder created with a namespace are added where first needed.
 */
public final class XmlWriter {
    private static final String INDENT = "  ";

    private XmlWriter() {
    }

    /** The document's root element, written. */
    public static String toXml(Document doc) {
        return toXml(doc.getDocumentElement());
    }

    /** An element and its subtree, written as a document of its own. */
    public static String toXml(Element root) {
        StringBuilder out = new StringBuilder(4096);
        Deque<Map<String, String>> scopes = new ArrayDeque<>();
        scopes.push(new HashMap<>());
        writeElement(out, root, 0, scopes);
        out.append('\n');
        return out.toString();
    }

    private static void writeElement(StringBuilder out, Element e, int depth, Deque<Map<String, String>> scopes) {
        Map<String, String> scope = new HashMap<>(scopes.peek());
        out.append('<').append(e.getTagName());
        for (Attr a : Dom.orderedAttributes(e)) {
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) {
                scope.put(a.getPrefix() == null ? "" : a.getLocalName(), a.getValue());
            }
            writeAttribute(out, a.getName(), a.getValue());
        }
        declareIfMissing(out, scope, e.getPrefix(), e.getNamespaceURI());
        for (Attr a : Dom.orderedAttributes(e)) {
            if (a.getPrefix() != null && !XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())
                    && !XMLConstants.XML_NS_URI.equals(a.getNamespaceURI())) {
                declareIfMissing(out, scope, a.getPrefix(), a.getNamespaceURI());
            }
        }
        if (!e.hasChildNodes()) {
            out.append("/>");
            return;
        }
        out.append('>');
        scopes.push(scope);
        if (hasText(e)) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                writeInline(out, n, scopes);
            }
        } else {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Text) {
                    continue; // blank indentation between elements: we write our own
                }
                out.append('\n').append(INDENT.repeat(depth + 1));
                if (n instanceof Element c) {
                    writeElement(out, c, depth + 1, scopes);
                } else {
                    writeInline(out, n, scopes);
                }
            }
            out.append('\n').append(INDENT.repeat(depth));
        }
        scopes.pop();
        out.append("</").append(e.getTagName()).append('>');
    }

    private static void writeInline(StringBuilder out, Node n, Deque<Map<String, String>> scopes) {
        switch (n) {
            case Element c -> writeElement(out, c, 0, scopes);
            case Comment c -> out.append("<!--").append(c.getData()).append("-->");
            case ProcessingInstruction p -> out.append("<?").append(p.getTarget()).append(' ').append(p.getData()).append("?>");
            case Text t -> escape(out, t.getData(), false);
            default -> { }
        }
    }

    private static void declareIfMissing(StringBuilder out, Map<String, String> scope, String prefix, String ns) {
        String key = prefix == null ? "" : prefix;
        String uri = ns == null ? "" : ns;
        if (!uri.equals(scope.getOrDefault(key, ""))) {
            writeAttribute(out, key.isEmpty() ? "xmlns" : "xmlns:" + key, uri);
            scope.put(key, uri);
        }
    }

    private static boolean hasText(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Text t && !t.getData().isBlank()) {
                return true;
            }
        }
        // no element children at all: keep even blank text as it is
        return Dom.children(e, null).isEmpty() && e.getFirstChild() instanceof Text;
    }

    private static void writeAttribute(StringBuilder out, String name, String value) {
        out.append(' ').append(name).append("='");
        escape(out, value, true);
        out.append('\'');
    }

    private static void escape(StringBuilder out, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
