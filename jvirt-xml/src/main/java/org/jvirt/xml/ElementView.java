package org.jvirt.xml;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jvirt.ErrorDomain;
import org.jvirt.conf.StrToLong;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Base of every typed view: a thin object over one DOM element, reading and writing it in place.
 *
 * <p>Two views over the same element are equal. Subclasses declare {@link #childOrder()}, the order libvirt
 * writes their children in; a child created by a setter goes before the first existing sibling that libvirt
 * writes after it, so documents built in any order still come out in libvirt's order.
 */
public abstract class ElementView {
    protected final Element element;
    protected final ErrorDomain errorDomain;

    protected ElementView(Element element, ErrorDomain errorDomain) {
        this.element = Objects.requireNonNull(element, "element");
        this.errorDomain = errorDomain;
    }

    /** The wrapped element; edits to it are edits to the document. */
    public Element element() {
        return element;
    }

    /** This element and its subtree as libvirt-style XML. */
    public String toXml() {
        return XmlWriter.toXml(element);
    }

    /** The order libvirt writes this element's children in; empty when it does not matter. */
    protected List<String> childOrder() {
        return List.of();
    }

    protected String attr(String name) {
        return Dom.attribute(element, name);
    }

    protected void attr(String name, String value) {
        Dom.setAttribute(element, name, value);
    }

    protected Integer intAttr(String name) {
        return parseInt(attr(name), name);
    }

    protected Element child(String name) {
        return Dom.child(element, name);
    }

    protected List<Element> children(String name) {
        return Dom.children(element, name);
    }

    /** The first child called {@code name}, created in libvirt's position when absent. */
    protected Element childOrCreate(String name) {
        Element c = child(name);
        return c != null ? c : insertChild(name);
    }

    /** A new child called {@code name}, after existing ones of that name, in libvirt's position. */
    protected Element insertChild(String name) {
        Element c = element.getOwnerDocument().createElement(name);
        return insertChild(c);
    }

    /** Inserts an existing element (of this document) as a child, in libvirt's position. */
    protected Element insertChild(Element c) {
        element.insertBefore(c, insertionPoint(c.getTagName()));
        return c;
    }

    private Node insertionPoint(String name) {
        List<String> order = childOrder();
        int rank = order.indexOf(name);
        if (rank < 0) {
            return null;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getNamespaceURI() == null && order.indexOf(e.getTagName()) > rank) {
                return n;
            }
        }
        return null;
    }

    protected void removeChildren(String name) {
        Dom.removeChildren(element, name);
    }

    /** Trimmed text of the first child called {@code name}, or null. */
    protected String childText(String name) {
        return Dom.text(child(name));
    }

    /** Sets the text of the child {@code name}, creating it; null removes the child. */
    protected void childText(String name, String value) {
        if (value == null) {
            removeChildren(name);
        } else {
            Dom.setText(childOrCreate(name), value);
        }
    }

    protected String childAttr(String child, String attribute) {
        Element c = child(child);
        return c == null ? null : Dom.attribute(c, attribute);
    }

    /** Sets an attribute of child {@code child}, creating the child; a null value removes the attribute only. */
    protected void childAttr(String child, String attribute, String value) {
        Element c = value == null ? child(child) : childOrCreate(child);
        if (c != null) {
            Dom.setAttribute(c, attribute, value);
        }
    }

    /** Whether a flag element such as {@code <readonly/>} is present. */
    protected boolean hasChild(String name) {
        return child(name) != null;
    }

    protected void flagChild(String name, boolean present) {
        if (present) {
            childOrCreate(name);
        } else {
            removeChildren(name);
        }
    }

    protected <V> List<V> views(String name, Function<Element, V> view) {
        return children(name).stream().map(view).toList();
    }

    /** A decimal integer as libvirt's parsers read one (virStrToLong_i, base 10: "010" is ten), or null. */
    protected Integer parseInt(String value, String where) {
        return parseInt(value, 10, where);
    }

    /**
     * An integer in {@code base} (0 reads "0x" as hex and a leading 0 as octal, as libvirt reads PCI addresses),
     * or null when absent; libvirt's invalid-value error when it is not one.
     */
    protected Integer parseInt(String value, int base, String where) {
        if (value == null) {
            return null;
        }
        Long v = StrToLong.parse(value.strip(), base, false, Integer.MIN_VALUE, 0xFFFFFFFFL);
        if (v == null) {
            throw XmlErrors.invalidValue(errorDomain, value, where);
        }
        return (int) (long) v;
    }

    protected static String str(Object o) {
        return o == null ? null : o.toString();
    }

    protected static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }

    protected static Boolean parseYesNo(String s) {
        return s == null ? null : s.equals("yes") || s.equals("on");
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ElementView) o).element == element;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(element);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + element.getTagName() + ">";
    }
}
