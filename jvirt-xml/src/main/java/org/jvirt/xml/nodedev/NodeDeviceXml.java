package org.jvirt.xml.nodedev;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.jvirt.xml.XmlDocument;
import org.w3c.dom.Element;

/**
 * A host device as the node device driver describes it: name, sysfs path, parent, driver and capabilities
 * ({@code <capability type='pci'>}, {@code 'net'}, {@code 'usb_device'}, {@code 'mdev'}, ...).
 */
public final class NodeDeviceXml extends XmlDocument {
    private static final List<String> ORDER = List.of("name", "path", "devnode", "parent", "driver",
            "capability");

    public NodeDeviceXml(Element root) {
        super(root, DocumentKind.NODE_DEVICE);
    }

    public static NodeDeviceXml parse(String xml) {
        NodeDeviceXml d = new NodeDeviceXml(parseRoot(xml, DocumentKind.NODE_DEVICE));
        if (d.capabilities().isEmpty()) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR,
                    "no device capabilities for '%s'", d.name());
        }
        return d;
    }

    public static NodeDeviceXml create(String name, String parent) {
        NodeDeviceXml d = new NodeDeviceXml(newRoot(DocumentKind.NODE_DEVICE));
        d.name(name);
        d.parent(parent);
        return d;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public String name() {
        return childText("name");
    }

    public NodeDeviceXml name(String name) {
        childText("name", name);
        return this;
    }

    /** The sysfs path. */
    public String path() {
        return childText("path");
    }

    public NodeDeviceXml path(String path) {
        childText("path", path);
        return this;
    }

    public String parent() {
        return childText("parent");
    }

    public NodeDeviceXml parent(String parent) {
        childText("parent", parent);
        return this;
    }

    /** The bound host driver's name, or null. */
    public String driverName() {
        Element d = child("driver");
        return d == null ? null : Dom.text(Dom.child(d, "name"));
    }

    public NodeDeviceXml driverName(String name) {
        removeChildren("driver");
        if (name != null) {
            Element d = insertChild("driver");
            Element n = d.getOwnerDocument().createElement("name");
            Dom.setText(n, name);
            d.appendChild(n);
        }
        return this;
    }

    public List<Capability> capabilities() {
        return views("capability", e -> new Capability(e, errorDomain));
    }

    /** The capability types ("pci", "net", "usb_device", "scsi_host", "storage", "mdev", ...). */
    public List<String> capabilityTypes() {
        return capabilities().stream().map(Capability::type).toList();
    }

    /** Adds an empty {@code <capability type=...>} to fill in. */
    public Capability addCapability(String type) {
        Capability c = new Capability(insertChild("capability"), errorDomain);
        Dom.setAttribute(c.element(), "type", type);
        return c;
    }

    /** One {@code <capability type=...>}: its type and text-valued children by name. */
    public static final class Capability extends ElementView {
        Capability(Element element, ErrorDomain errorDomain) {
            super(element, errorDomain);
        }

        public String type() {
            return attr("type");
        }

        /** Text of a child such as "interface", "address", "vendor", "product", "block". */
        public String value(String child) {
            return childText(child);
        }

        /** Appends a text child (e.g. {@code <interface>eth0</interface>}). */
        public Capability value(String child, String text) {
            Element c = element.getOwnerDocument().createElement(child);
            Dom.setText(c, text);
            element.appendChild(c);
            return this;
        }

        /** An attribute of a child, e.g. vendor/@id. */
        public String childAttribute(String child, String attribute) {
            return childAttr(child, attribute);
        }
    }
}
