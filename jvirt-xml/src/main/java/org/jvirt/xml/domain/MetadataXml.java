package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@code <metadata>}: applications' own elements, one per namespace, as {@code virDomainSetMetadata} manages
 * them. The elements are kept verbatim; jvirt never interprets them.
 */
public final class MetadataXml extends ElementView {
    public MetadataXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** All application elements. */
    public List<Element> entries() {
        return Dom.children(element, null);
    }

    /** The element in namespace {@code uri}, or null. */
    public Element get(String uri) {
        for (Element e : entries()) {
            if (uri.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /** The element in namespace {@code uri} as XML, or null (what {@code virDomainGetMetadata} returns). */
    public String getXml(String uri) {
        Element e = get(uri);
        return e == null ? null : org.jvirt.xml.XmlWriter.toXml(e).strip();
    }

    /**
     * Replaces the element in namespace {@code uri} by {@code xml}, put in that namespace under {@code prefix},
     * as {@code virDomainSetMetadata} does; null xml removes it.
     */
    public void set(String uri, String prefix, String xml) {
        remove(uri);
        if (xml == null) {
            return;
        }
        Element parsed = XmlParser.defaults().parse(xml).getDocumentElement();
        Element imported = (Element) element.getOwnerDocument().importNode(parsed, true);
        element.appendChild(renameInto(imported, uri, prefix));
    }

    /** Removes the element in namespace {@code uri}, if any. */
    public void remove(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw VirtException.of(errorDomain, ErrorNumber.INVALID_ARG, "missing namespace URI");
        }
        Element e = get(uri);
        if (e != null) {
            element.removeChild(e);
        }
    }

    /** Moves an element and its unqualified descendants into namespace {@code uri} with {@code prefix}. */
    private Element renameInto(Element e, String uri, String prefix) {
        Element renamed = (Element) e.getOwnerDocument().renameNode(e, uri, prefix + ":" + e.getLocalName());
        for (Node n = renamed.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getNamespaceURI() == null) {
                renameInto(c, uri, prefix);
            }
        }
        return renamed;
    }
}
