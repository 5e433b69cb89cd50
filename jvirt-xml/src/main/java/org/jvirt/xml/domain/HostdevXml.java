package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * A host device given to the guest: {@code <hostdev mode='subsystem' type='pci' managed='yes'>} with the
 * host-side address in {@code <source>}, or a USB device by vendor and product.
 */
public final class HostdevXml extends DeviceXml {
    public HostdevXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "subsystem" or "capabilities". */
    public String mode() {
        return attr("mode");
    }

    /** "pci", "usb", "scsi", "scsi_host", "mdev" (subsystem); "storage", "misc", "net" (capabilities). */
    public String type() {
        return attr("type");
    }

    public Boolean managed() {
        return parseYesNo(attr("managed"));
    }

    public HostdevXml managed(Boolean managed) {
        attr("managed", yesNo(managed));
        return this;
    }

    /** The host-side address ({@code <source><address .../></source>}), or null. */
    public AddressXml sourceAddress() {
        Element s = child("source");
        Element a = s == null ? null : Dom.child(s, "address");
        return a == null ? null : new AddressXml(a, errorDomain);
    }

    /** Makes this a managed PCI host device at a host PCI address. */
    public HostdevXml pci(int domain, int bus, int slot, int function) {
        setModeAndType("pci");
        managed(true);
        Element s = childOrCreate("source");
        Dom.removeChildren(s, "address");
        Element a = s.getOwnerDocument().createElement("address");
        s.appendChild(a);
        new AddressXml(a, errorDomain).pci(domain, bus, slot, function);
        Dom.setAttribute(a, "type", null); // the host-side PCI address is written without type
        return this;
    }

    /** The USB vendor id ("0x1234") of a USB host device, or null. */
    public String usbVendor() {
        Element s = child("source");
        return s == null ? null : attrOf(Dom.child(s, "vendor"), "id");
    }

    public String usbProduct() {
        Element s = child("source");
        return s == null ? null : attrOf(Dom.child(s, "product"), "id");
    }

    /** Makes this a USB host device chosen by vendor and product id. */
    public HostdevXml usb(String vendorId, String productId) {
        setModeAndType("usb");
        Element s = childOrCreate("source");
        Dom.removeChildren(s, "vendor");
        Dom.removeChildren(s, "product");
        Element v = s.getOwnerDocument().createElement("vendor");
        Dom.setAttribute(v, "id", vendorId);
        Element p = s.getOwnerDocument().createElement("product");
        Dom.setAttribute(p, "id", productId);
        s.insertBefore(p, s.getFirstChild());
        s.insertBefore(v, p);
        return this;
    }

    private void setModeAndType(String type) {
        attr("mode", "subsystem");
        attr("type", type);
    }

    private static String attrOf(Element e, String name) {
        return e == null ? null : Dom.attribute(e, name);
    }
}
