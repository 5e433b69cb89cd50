package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/**
 * Base of every device view: what all devices share, the alias and the guest address. The element name
 * ({@code disk}, {@code interface}, ...) tells the device kind.
 */
public abstract class DeviceXml extends ElementView {
    protected DeviceXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** The element name, which is the device kind: "disk", "interface", "serial", ... */
    public String deviceKind() {
        return element.getTagName();
    }

    /** {@code <alias name='...'/>}, as the hypervisor or the user named the device. */
    public String alias() {
        return childAttr("alias", "name");
    }

    public void alias(String name) {
        if (name == null) {
            removeChildren("alias");
        } else {
            childAttr("alias", "name", name);
        }
    }

    /** The device's {@code <address>}, or null. */
    public AddressXml address() {
        Element e = child("address");
        return e == null ? null : new AddressXml(e, errorDomain);
    }

    /** Replaces the address with an empty {@code <address type=...>} and returns it to fill in. */
    public AddressXml address(String type) {
        removeChildren("address");
        AddressXml a = new AddressXml(insertChild("address"), errorDomain);
        a.type(type);
        return a;
    }

    public void removeAddress() {
        removeChildren("address");
    }

    /** Per-device boot order ({@code <boot order='1'/>}), or null. */
    public Integer bootOrder() {
        return parseInt(childAttr("boot", "order"), "./boot/@order");
    }

    public void bootOrder(Integer order) {
        if (order == null) {
            removeChildren("boot");
        } else {
            childAttr("boot", "order", order.toString());
        }
    }
}
