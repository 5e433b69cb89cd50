package org.jvirt.driver.test;

import org.jvirt.DomainMetadataType;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A domain's title, description and namespaced metadata elements (virDomainObjGet/SetMetadata). */
final class Metadata {

    private Metadata() {
    }

    static String get(DomainDef def, DomainMetadataType type, String uri) {
        String out = def.read(r -> switch (type) {
            // the text as given, trailing newline and all, as virDomainObjGetMetadata returns it
            case DESCRIPTION -> rawText(Xml.child(r, "description"));
            case TITLE -> rawText(Xml.child(r, "title"));
            case ELEMENT -> {
                Element e = find(Xml.child(r, "metadata"), uri);
                yield e == null ? null : Xml.format(stripNamespace(e)).stripTrailing();
            }
        });
        if (out == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.NO_DOMAIN_METADATA,
                    "Requested metadata element is not present");
        }
        return out;
    }

    private static String rawText(Element e) {
        return e == null ? null : e.getTextContent();
    }

    static void set(DomainDef def, DomainMetadataType type, String metadata, String key, String uri) {
        def.edit(r -> set(r, type, metadata, key, uri));
    }

    private static void set(Element r, DomainMetadataType type, String metadata, String key, String uri) {
        switch (type) {
            case DESCRIPTION, TITLE -> {
                String name = type == DomainMetadataType.TITLE ? "title" : "description";
                if (type == DomainMetadataType.TITLE && metadata != null && metadata.contains("\n")) {
                    throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                            "Domain title can't contain newlines");
                }
                if (metadata == null || metadata.isEmpty()) {
                    Xml.removeChildren(r, name);
                } else {
                    Element e = Xml.child(r, name);
                    if (e == null) {
                        e = r.getOwnerDocument().createElement(name);
                        Node before = Xml.child(r, "uuid").getNextSibling();
                        if (type == DomainMetadataType.DESCRIPTION && Xml.child(r, "title") != null) {
                            before = Xml.child(r, "title").getNextSibling();
                        }
                        r.insertBefore(e, before);
                    }
                    e.setTextContent(metadata);
                }
            }
            case ELEMENT -> setElement(r, metadata, key, uri);
        }
    }

    private static void setElement(Element r, String metadata, String key, String uri) {
        Element md = Xml.child(r, "metadata");
        Element old = find(md, uri);
        Element fresh = null;
        if (metadata != null && !metadata.isEmpty()) {
            Document parsed = Xml.parse(metadata, "(metadata_xml)", null, ErrorDomain.DOMAIN);
            Document doc = r.getOwnerDocument();
            fresh = rename(doc, parsed.getDocumentElement(), key, uri);
        }
        if (old != null) {
            md.removeChild(old);
        }
        if (fresh != null) {
            if (md == null) {
                md = r.getOwnerDocument().createElement("metadata");
                Element after = Xml.child(r, "description") != null ? Xml.child(r, "description")
                        : Xml.child(r, "title") != null ? Xml.child(r, "title") : Xml.child(r, "uuid");
                r.insertBefore(md, after.getNextSibling());
            }
            md.appendChild(fresh);
        } else if (md != null && Xml.children(md).isEmpty()) {
            r.removeChild(md);
        }
    }

    /**
     * The caller's element moved into namespace {@code uri} with prefix {@code key}, as virXMLNodeSetNamespace
     * does: the element and every descendant in no namespace take the prefix; elements with a namespace of their
     * own keep it.
     */
    private static Element rename(Document doc, Element src, String key, String uri) {
        Element e = (Element) doc.importNode(src, true);
        for (Node a : attributes(e)) {
            if (a.getNodeName().equals("xmlns")) {
                e.removeAttributeNode((org.w3c.dom.Attr) a);
            }
        }
        Element renamed = renameInto(doc, e, key, uri);
        // libxml2 writes an element's namespace declarations before its attributes
        org.jvirt.xml.Dom.setAttributeNS(renamed, "http://www.w3.org/2000/xmlns/", "xmlns:" + key, uri);
        org.jvirt.xml.Dom.moveAttributeFirst(renamed, "xmlns:" + key);
        return renamed;
    }

    private static Element renameInto(Document doc, Element e, String key, String uri) {
        Element renamed = (Element) doc.renameNode(e, uri, key + ":" + Xml.localName(e));
        for (Element c : Xml.children(renamed)) {
            if (c.getNamespaceURI() == null) {
                renameInto(doc, c, key, uri);
            }
        }
        return renamed;
    }

    private static java.util.List<Node> attributes(Element e) {
        java.util.List<Node> out = new java.util.ArrayList<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            out.add(e.getAttributes().item(i));
        }
        return out;
    }

    private static Element find(Element md, String uri) {
        for (Element e : Xml.children(md)) {
            if (uri != null && uri.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /**
     * libvirt hands the element back without the namespace it was stored under: the element and its descendants
     * in {@code uri} lose their prefix and the declaration; other namespaces stay as they are.
     */
    private static Element stripNamespace(Element e) {
        Document d = Xml.newDocument("x");
        Element out = strip(d, e, e.getNamespaceURI());
        d.replaceChild(out, d.getDocumentElement());
        return out;
    }

    private static Element strip(Document d, Element e, String uri) {
        Element out = d.createElementNS(null, Xml.localName(e));
        for (Node a : attributes(e)) {
            String n = a.getNodeName();
            if (n.startsWith("xmlns:") && uri.equals(a.getNodeValue()) && n.substring(6).equals(e.getPrefix())) {
                continue;
            }
            if (n.equals("xmlns") || n.startsWith("xmlns:")) {
                out.setAttributeNS("http://www.w3.org/2000/xmlns/", n, a.getNodeValue());
            } else if (a.getNamespaceURI() != null) {
                out.setAttributeNS(a.getNamespaceURI(), n, a.getNodeValue());
            } else {
                out.setAttribute(n, a.getNodeValue());
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && uri.equals(c.getNamespaceURI())) {
                out.appendChild(strip(d, c, uri));
            } else {
                out.appendChild(d.importNode(n, true));
            }
        }
        return out;
    }
}
