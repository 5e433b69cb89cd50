package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/**
 * {@code <features>}: hypervisor features, each an element ({@code <acpi/>}, {@code <apic/>},
 * {@code <hyperv mode='custom'>...}). Simple ones are switched on and off by name; the element of a richer one
 * is available for its attributes and children.
 */
public final class FeaturesXml extends ElementView {
    public FeaturesXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** The names of the features present, in document order. */
    public List<String> names() {
        return Dom.children(element, null).stream().map(Element::getTagName).toList();
    }

    public boolean has(String feature) {
        return hasChild(feature);
    }

    /** Adds the feature (as an empty element) if absent, and returns its element. */
    public Element enable(String feature) {
        return childOrCreate(feature);
    }

    public void disable(String feature) {
        removeChildren(feature);
    }

    /** The feature's element, or null. */
    public Element get(String feature) {
        return child(feature);
    }
}
