package org.jvirt.xml;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A whole libvirt document: the view over its root element, knowing its {@link DocumentKind}.
 * {@link #toXml()} writes the document as libvirt would.
 */
public abstract class XmlDocument extends ElementView {
    private final DocumentKind kind;

    protected XmlDocument(Element root, DocumentKind kind) {
        super(root, kind.errorDomain());
        this.kind = kind;
    }

    /** Parses text of {@code kind} with the default parser. */
    protected static Element parseRoot(String xml, DocumentKind kind) {
        return XmlParser.defaults().parse(xml, kind).getDocumentElement();
    }

    /** A fresh document holding only an empty root element of {@code kind}. */
    protected static Element newRoot(DocumentKind kind) {
        Document doc = XmlParser.newDocument();
        Element root = doc.createElement(kind.rootElement());
        doc.appendChild(root);
        return root;
    }

    public DocumentKind kind() {
        return kind;
    }

    public Document document() {
        return element.getOwnerDocument();
    }

    /** Validates this document against its libvirt schema; throws {@code XML_INVALID_SCHEMA} when it fails. */
    public void validate(SchemaValidator validator) {
        validator.validate(this);
    }
}
