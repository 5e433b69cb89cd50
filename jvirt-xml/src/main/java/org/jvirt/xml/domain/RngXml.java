package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** {@code <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>}. */
public final class RngXml extends DeviceXml {
    public RngXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** The device model: "virtio", "virtio-transitional", ... */
    public String model() {
        return attr("model");
    }

    public RngXml model(String model) {
        attr("model", model);
        return this;
    }

    /** "random", "egd" or "builtin". */
    public String backendModel() {
        return childAttr("backend", "model");
    }

    /** For the random backend: the host device (e.g. /dev/urandom). */
    public String backendPath() {
        return childText("backend");
    }

    /** Sets a {@code random} backend reading {@code path}. */
    public RngXml randomBackend(String path) {
        removeChildren("backend");
        Element b = insertChild("backend");
        Dom.setAttribute(b, "model", "random");
        Dom.setText(b, path);
        return this;
    }
}
