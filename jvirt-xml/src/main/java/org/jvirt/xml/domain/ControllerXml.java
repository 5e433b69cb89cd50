package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** {@code <controller type='pci' index='0' model='pcie-root'/>}, also usb, scsi, sata, virtio-serial, ... */
public final class ControllerXml extends DeviceXml {
    public ControllerXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    public String type() {
        return attr("type");
    }

    public ControllerXml type(String type) {
        attr("type", type);
        Dom.moveAttributeFirst(element, "type");
        return this;
    }

    public Integer index() {
        return intAttr("index");
    }

    public ControllerXml index(Integer index) {
        attr("index", str(index));
        return this;
    }

    public String model() {
        return attr("model");
    }

    public ControllerXml model(String model) {
        attr("model", model);
        return this;
    }

    /** virtio-serial's {@code ports='N'} (QEMU's max_ports), or null. */
    public Integer ports() {
        return intAttr("ports");
    }

    /** virtio-serial's {@code vectors='N'} (MSI-X vectors), or null. */
    public Integer vectors() {
        return intAttr("vectors");
    }
}
