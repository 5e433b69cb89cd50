package org.jvirt.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorLevel;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Parses untrusted XML into a DOM. Documents reach us from remote clients, so the parser refuses anything that
 * could make it read files, open connections or blow up memory: no DOCTYPE at all (hence no entities, no
 * billion laughs, no XXE), no XInclude, bounded input size and nesting depth, JAXP's secure processing limits.
 *
 * <p>Errors come out as libvirt's: a syntax error is {@code VIR_ERR_XML_DETAIL} in the document's error domain,
 * worded {@code (domain_definition):LINE:COLUMN: message}, naming the open elements, followed by the source
 * line and a pointer, like libvirt's {@code catchXMLError}; a wrong root element is {@code VIR_ERR_XML_ERROR}
 * "expecting root element of 'domain', not 'network'".
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class XmlParser {
    /** libvirt has no limit of its own; 10 MiB is far above any real document and bounds what a client sends. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_DEPTH = 256;

    private static final XmlParser DEFAULT = new XmlParser(DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH);

    private final int maxBytes;
    private final int maxDepth;

    private XmlParser(int maxBytes, int maxDepth) {
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
    }

    /** The parser with default limits. */
    public static XmlParser defaults() {
        return DEFAULT;
    }

    /** A parser accepting documents up to {@code maxBytes} bytes (as UTF-8). */
    public XmlParser withMaxBytes(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return new XmlParser(maxBytes, maxDepth);
    }

    /** A parser accepting element nesting up to {@code maxDepth}. */
    public XmlParser withMaxDepth(int maxDepth) {
        if (maxDepth <= 0) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        return new XmlParser(maxBytes, maxDepth);
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Parses a document of {@code kind}, checking its root element. */
    public Document parse(String xml, DocumentKind kind) {
        return parse(xml, kind.sourceName(), kind.errorDomain(), kind.rootElement());
    }

    /** Parses a document of any kind: the root element is not checked. */
    public Document parse(String xml) {
        return parse(xml, "[inline data]", ErrorDomain.XML, null);
    }

    /** Parses a document of {@code kind} from a stream of at most {@link #maxBytes()} bytes. */
    public Document parse(InputStream in, DocumentKind kind) {
        byte[] bytes = readBounded(in, kind.errorDomain());
        return parseBytes(bytes, kind.sourceName(), kind.errorDomain(), kind.rootElement());
    }

    /** Parses a file of {@code kind}; errors name the file as libvirt's do. */
    public Document parse(Path file, DocumentKind kind) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = readBounded(in, kind.errorDomain());
            return parseBytes(bytes, file.toString(), kind.errorDomain(), kind.rootElement());
        } catch (IOException e) {
            throw VirtException.of(kind.errorDomain(), ErrorNumber.XML_ERROR,
                    "failed to parse xml document '%s'", file);
        }
    }

    /**
     * Parses {@code xml} with explicit error wording.
     *
     * @param sourceName  shown in front of syntax errors
     * @param domain      error domain of syntax errors
     * @param rootElement expected root element, or null for any
     */
    public Document parse(String xml, String sourceName, ErrorDomain domain, String rootElement) {
        if (xml == null) {
            throw VirtException.of(domain, ErrorNumber.INVALID_ARG, "xml must not be null");
        }
        // a char is at least one byte in UTF-8: rejects huge strings before encoding them
        if (xml.length() > maxBytes || xml.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw tooLarge(domain);
        }
        return parseSource(new InputSource(new StringReader(xml)), xml, sourceName, domain, rootElement);
    }

    private Document parseBytes(byte[] bytes, String sourceName, ErrorDomain domain, String rootElement) {
        return parseSource(new InputSource(new ByteArrayInputStream(bytes)),
                new String(bytes, StandardCharsets.UTF_8), sourceName, domain, rootElement);
    }

    private byte[] readBounded(InputStream in, ErrorDomain domain) {
        try {
            // our own loop: stop as soon as the limit is passed, never buffer more than limit + one chunk
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = in.read(chunk)) != -1) {
                out.write(chunk, 0, n);
                if (out.size() > maxBytes) {
                    throw tooLarge(domain);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw VirtException.of(domain, ErrorNumber.XML_ERROR, "cannot read XML document: %s", e.getMessage());
        }
    }

    private VirtException tooLarge(ErrorDomain domain) {
        return VirtException.of(domain, ErrorNumber.XML_ERROR,
                "XML document is larger than the limit of %d bytes", maxBytes);
    }

    private Document parseSource(InputSource source, String text, String sourceName, ErrorDomain domain,
                                 String rootElement) {
        Document doc = newDocument();
        DomBuildingHandler handler = new DomBuildingHandler(doc, maxDepth);
        try {
            XMLReader reader = newSecureReader();
            // the JDK's own depth limit (100 under secure processing) must not pre-empt ours
            reader.setProperty("http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
                    Integer.toString(maxDepth + 1));
            reader.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
            reader.setContentHandler(handler);
            reader.setErrorHandler(handler);
            reader.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
            reader.parse(source);
        } catch (SAXParseException e) {
            throw syntaxError(e, text, sourceName, domain, handler.openElementPath());
        } catch (SAXException | IOException e) {
            throw VirtException.of(domain, ErrorNumber.XML_ERROR, "failed to parse xml document '%s': %s",
                    sourceName, e.getMessage());
        } catch (org.w3c.dom.DOMException e) {
            // a name the DOM refuses (an undeclared or malformed namespace prefix): libxml2's namespace error
            throw VirtException.of(domain, ErrorNumber.XML_DETAIL, "%s: namespace error in %s: %s", sourceName,
                    handler.openElementPath().isEmpty() ? "the document" : handler.openElementPath(),
                    e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (root == null) {
            throw VirtException.of(domain, ErrorNumber.INTERNAL_ERROR, "missing root element");
        }
        if (rootElement != null && !rootElement.equals(root.getTagName())) {
            // libvirt raises this one from virxml.c, hence domain XML whatever the document
            throw VirtException.of(ErrorDomain.XML, ErrorNumber.XML_ERROR,
                    "expecting root element of '%s', not '%s'", rootElement, root.getTagName());
        }
        return doc;
    }

    private static VirtException syntaxError(SAXParseException e, String text, String sourceName,
                                             ErrorDomain domain, String openElements) {
        int line = e.getLineNumber();
        int column = e.getColumnNumber();
        String where = openElements.isEmpty() ? "" : " (in " + openElements + ")";
        String detail = sourceName + ":" + line + ":" + column + ": " + e.getMessage() + where
                + contextLines(text, line, column);
        // line and column travel in int1/int2 as well, so callers need not parse the message
        return VirtException.of(new VirtError(ErrorNumber.XML_DETAIL.code(), domain.code(), ErrorLevel.ERROR,
                ErrorNumber.XML_DETAIL.format(detail), ErrorNumber.XML_DETAIL.template(true), detail, null,
                line, column));
    }

    /** The offending source line and a {@code ----^} pointer under the column, as libvirt prints them. */
    private static String contextLines(String text, int line, int column) {
        if (line < 1 || text == null) {
            return "";
        }
        String[] lines = text.split("\r\n|\r|\n", line + 1);
        if (lines.length < line) {
            return "";
        }
        String source = lines[line - 1];
        if (source.length() > 200) {
            return ""; // a minified megabyte line helps nobody
        }
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < Math.max(0, column - 1) && i < source.length(); i++) {
            pointer.append(source.charAt(i) == '\t' ? '\t' : '-');
        }
        return "\n" + source + "\n" + pointer + "^";
    }

    /** An empty DOM document to build into; views use it to create documents from scratch. */
    public static Document newDocument() {
        return Factories.DOM.createDocument(null, null, null);
    }

    /**
     * The JAXP factories, configured once: looking a factory up and configuring it costs more than the parse of
     * a typical domain XML. A configured factory is only read afterwards; creating parsers from it is guarded.
     * The JDK's own implementations are asked for by name (newDefaultInstance): the features set below are
     * theirs, a jar on the class path cannot swap the parser, and the service lookup that newInstance makes
     * (opening every jar of the class path) cost ~40 ms of every jvirsh start.
     */
    private static final class Factories {
        static final org.w3c.dom.DOMImplementation DOM;
        static final SAXParserFactory SAX;

        static {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
                f.setNamespaceAware(true);
                DOM = f.newDocumentBuilder().getDOMImplementation();
                SAX = SAXParserFactory.newDefaultInstance();
                SAX.setNamespaceAware(true);
                SAX.setValidating(false);
                SAX.setXIncludeAware(false);
                SAX.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                SAX.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                SAX.setFeature("http://xml.org/sax/features/external-general-entities", false);
                SAX.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
                SAX.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            } catch (ParserConfigurationException | SAXException e) {
                throw new IllegalStateException("the JDK's XML parsers lack a security feature", e);
            }
        }
    }

    private static XMLReader newSecureReader() throws SAXException {
        try {
            SAXParser p;
            synchronized (Factories.SAX) {
                p = Factories.SAX.newSAXParser();
            }
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // belt and braces: with DOCTYPE refused no entity can be declared, but keep the limits tight anyway
            p.setProperty("http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "1000");
            p.setProperty("http://www.oracle.com/xml/jaxp/properties/elementAttributeLimit", "1000");
            return p.getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's SAX parser lacks a security feature", e);
        }
    }
}
