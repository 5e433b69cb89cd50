package org.jvirt.xml;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.UserDataHandler;

/**
 * Element-level DOM operations shared by all views.
 *
 * <p>The JDK's DOM keeps attributes sorted by name, which would reorder every attribute of a document on a
 * round trip ({@code <disk type='file' device='disk'>} would come back as {@code device=... type=...}). So the
 * order attributes were parsed or set in is remembered as user data on the element, and the writer follows it.
 * Always set attributes through {@link #setAttribute} to keep that order.
 */
public final class Dom {
    private static final String ORDER_KEY = "org.jvirt.xml.attributeOrder";

    /** Carries the remembered order along when an element is cloned, imported or adopted into another doc. */
    private static final UserDataHandler COPY_ORDER = (operation, key, data, src, dst) -> {
        if (dst instanceof Element e && data instanceof List<?> list) {
            List<String> copy = new ArrayList<>();
            for (Object o : list) {
                copy.add((String) o);
            }
            e.setUserData(ORDER_KEY, copy, Dom.COPY_ORDER);
        }
    };

    private Dom() {
    }

    /** Child elements (no namespace) called {@code name}; all child elements when name is null. */
    public static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || (e.getNamespaceURI() == null && name.equals(e.getTagName())))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element called {@code name}, or null. */
    public static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && name.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    /** The attribute's value, or null when it is absent (the DOM would say ""). */
    public static String attribute(Element e, String name) {
        Attr a = e.getAttributeNode(name);
        return a == null ? null : a.getValue();
    }

    /** Sets an attribute, remembering where it goes in the written order; null removes it. */
    public static void setAttribute(Element e, String name, String value) {
        if (value == null) {
            e.removeAttribute(name);
            order(e).remove(name);
            return;
        }
        List<String> order = order(e);
        if (!order.contains(name)) {
            order.add(name);
        }
        e.setAttribute(name, value);
    }

    /** Sets a namespaced attribute (or namespace declaration) with remembered order. */
    public static void setAttributeNS(Element e, String namespace, String qualifiedName, String value) {
        List<String> order = order(e);
        if (!order.contains(qualifiedName)) {
            order.add(qualifiedName);
        }
        e.setAttributeNS(namespace, qualifiedName, value);
    }

    /** Attributes in written order: the remembered order first, then any set behind our back, by name. */
    public static List<Attr> orderedAttributes(Element e) {
        NamedNodeMap map = e.getAttributes();
        List<Attr> out = new ArrayList<>(map.getLength());
        @SuppressWarnings("unchecked")
        List<String> order = (List<String>) e.getUserData(ORDER_KEY);
        if (order != null) {
            for (String name : order) {
                if (map.getNamedItem(name) instanceof Attr a) {
                    out.add(a);
                }
            }
        }
        for (int i = 0; i < map.getLength(); i++) {
            Attr a = (Attr) map.item(i);
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Moves an attribute to the front of the written order (libvirt writes {@code type} first). */
    public static void moveAttributeFirst(Element e, String name) {
        List<String> order = order(e);
        if (order.remove(name)) {
            order.add(0, name);
        }
    }

    /** Text content of an element with surrounding whitespace trimmed, or null for a null element. */
    public static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }

    /** Replaces all children of {@code e} with one text node. */
    public static void setText(Element e, String text) {
        while (e.getFirstChild() != null) {
            e.removeChild(e.getFirstChild());
        }
        e.appendChild(e.getOwnerDocument().createTextNode(text));
    }

    /** Removes every child element called {@code name}. */
    public static void removeChildren(Element parent, String name) {
        for (Element c : children(parent, name)) {
            parent.removeChild(c);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> order(Element e) {
        List<String> order = (List<String>) e.getUserData(ORDER_KEY);
        if (order == null) {
            order = new ArrayList<>();
            e.setUserData(ORDER_KEY, order, COPY_ORDER);
        }
        return order;
    }
}
