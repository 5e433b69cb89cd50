package org.jvirt.driver.host.nodedev;

import org.w3c.dom.Element;

/** Appends children to a capability element in the order the caller writes them, as virNodeDevice*DefFormat does. */
final class CapXml {

    private final Element parent;

    CapXml(Element parent) {
        this.parent = parent;
    }

    /** {@code <name a1='v1' ...>text</name>}; null text gives an empty element, null attribute values are left out. */
    Element add(String name, Object text, String... attrs) {
        Element e = parent.getOwnerDocument().createElement(name);
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                org.jvirt.xml.Dom.setAttribute(e, attrs[i], attrs[i + 1]); // remembers libvirt's attribute order
            }
        }
        if (text != null) {
            e.setTextContent(text.toString());
        }
        parent.appendChild(e);
        return e;
    }

    /** Adds {@code <name>text</name>} only when text is not null. */
    void opt(String name, Object text) {
        if (text != null) {
            add(name, text);
        }
    }

    CapXml child(String name, String... attrs) {
        return new CapXml(add(name, null, attrs));
    }

    /** libvirt's {@code <address domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>}. */
    void pciAddress(PciAddress a) {
        add("address", null, "domain", String.format("0x%04x", a.domain()), "bus", String.format("0x%02x", a.bus()),
                "slot", String.format("0x%02x", a.slot()), "function", "0x" + a.function());
    }

    /** A PCI address as the kernel names it (0000:00:03.0). */
    record PciAddress(int domain, int bus, int slot, int function) {
        static PciAddress parse(String name) {
            String[] p = name.split("[:.]");
            if (p.length != 4) {
                throw new NumberFormatException("not a PCI address: " + name);
            }
            return new PciAddress(Integer.parseInt(p[0], 16), Integer.parseInt(p[1], 16), Integer.parseInt(p[2], 16),
                    Integer.parseInt(p[3], 16));
        }
    }
}
