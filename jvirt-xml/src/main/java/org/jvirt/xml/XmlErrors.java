package org.jvirt.xml;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** The semantic errors the typed views raise, worded as libvirt's conf parsers word them. */
public final class XmlErrors {
    private XmlErrors() {
    }

    /** {@code VIR_ERR_XML_ERROR}: "XML error: detail". */
    public static VirtException xmlError(ErrorDomain domain, String format, Object... args) {
        return VirtException.of(domain, ErrorNumber.XML_ERROR, format, args);
    }

    /** libvirt's message for a required element that is absent (virDomainDefParseXML style). */
    public static VirtException missing(ErrorDomain domain, String what) {
        return xmlError(domain, "missing element or attribute '%s'", what);
    }

    /** libvirt's "Invalid value '%s' for element or attribute '%s'". */
    public static VirtException invalidValue(ErrorDomain domain, String value, String where) {
        return xmlError(domain, "Invalid value '%s' for element or attribute '%s'", value, where);
    }

    /** A value outside an enumeration, as virXMLPropEnum reports it. */
    public static VirtException invalidAttribute(ErrorDomain domain, String attribute, String element, String value) {
        return xmlError(domain, "Invalid value for attribute '%s' in element '%s': '%s'.", attribute, element, value);
    }
}
