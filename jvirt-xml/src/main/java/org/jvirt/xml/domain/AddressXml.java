package org.jvirt.xml.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;

/**
 * A device address: {@code <address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>},
 * {@code type='drive'} (controller, bus, target, unit), {@code usb}, {@code virtio-serial}, ... Attributes are
 * kept as strings, as libvirt writes them (hex for PCI), with typed shortcuts for the common ones.
 */
public final class AddressXml extends ElementView {
    public AddressXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    public String type() {
        return attr("type");
    }

    public AddressXml type(String type) {
        attr("type", type);
        Dom.moveAttributeFirst(element, "type");
        return this;
    }

    /** Any attribute of the address. */
    public String get(String attribute) {
        return attr(attribute);
    }

    public AddressXml set(String attribute, String value) {
        attr(attribute, value);
        return this;
    }

    /** All attributes but type, in document order. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Attr a : Dom.orderedAttributes(element)) {
            if (!a.getName().equals("type")) {
                m.put(a.getName(), a.getValue());
            }
        }
        return m;
    }

    /** A numeric attribute (decimal, 0x hex or 0 octal: libvirt reads addresses with base 0), or null. */
    public Integer number(String attribute) {
        return parseInt(attr(attribute), 0, "./address/@" + attribute);
    }

    /** Fills in a PCI address, written in libvirt's hex form. */
    public AddressXml pci(int domain, int bus, int slot, int function) {
        type("pci");
        attr("domain", String.format("0x%04x", domain));
        attr("bus", String.format("0x%02x", bus));
        attr("slot", String.format("0x%02x", slot));
        attr("function", String.format("0x%x", function));
        return this;
    }

    /** Fills in a drive address (IDE, SCSI, SATA, floppy). */
    public AddressXml drive(int controller, int bus, int target, int unit) {
        type("drive");
        attr("controller", Integer.toString(controller));
        attr("bus", Integer.toString(bus));
        attr("target", Integer.toString(target));
        attr("unit", Integer.toString(unit));
        return this;
    }
}
