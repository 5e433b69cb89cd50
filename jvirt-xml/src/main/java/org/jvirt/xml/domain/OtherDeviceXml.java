package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.w3c.dom.Element;

/** A device kind jvirt has no view for yet (tpm, filesystem, redirdev, ...): alias and address only. */
public final class OtherDeviceXml extends DeviceXml {
    public OtherDeviceXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }
}
