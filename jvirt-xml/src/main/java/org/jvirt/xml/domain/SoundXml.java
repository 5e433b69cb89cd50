package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.w3c.dom.Element;

/** {@code <sound model='ich9'/>}. */
public final class SoundXml extends DeviceXml {
    public SoundXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "ich6", "ich9", "ac97", "es1370", "sb16", "usb", ... */
    public String model() {
        return attr("model");
    }

    public SoundXml model(String model) {
        attr("model", model);
        return this;
    }
}
