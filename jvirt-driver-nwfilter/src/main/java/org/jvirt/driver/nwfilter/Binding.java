package org.jvirt.driver.nwfilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Errors;
import org.jvirt.driver.nwfilter.conf.Params;
import org.jvirt.driver.nwfilter.fw.PortRules;
import org.jvirt.xml.Dom;
import org.jvirt.xml.nwfilter.NwFilterBindingXml;
import org.w3c.dom.Element;

/**
 * One filter binding (libvirt's virNWFilterBindingObj): the port, the guest's MAC, the filter and its
 * parameters as the XML gave them, what the driver learned (the guest's address), and what the port has in the
 * kernel now. Changed only under the driver's lock.
 */
final class Binding {
    final NwFilterBindingXml xml;
    final String portdev;
    final String mac;
    final String filter;
    final Map<String, List<String>> params;
    /** The guest's address learned by CTRL_IP_LEARNING, or null. */
    String learnedIp;
    /** "any" or "dhcp" while the address is being learned, else null. */
    String learning;
    PortRules rules = PortRules.NONE;

    Binding(NwFilterBindingXml xml) {
        this.xml = xml;
        this.portdev = xml.portdev();
        if (portdev == null) {
            throw Errors.of(ErrorNumber.XML_ERROR, "filter binding has no port dev name");
        }
        if (!portdev.matches("[A-Za-z0-9_.:-]{1,15}") || portdev.equals(".") || portdev.equals("..")) {
            throw Errors.of(ErrorNumber.INVALID_ARG, "invalid port dev name '%s'", portdev);
        }
        if (xml.ownerName() == null) {
            throw Errors.of(ErrorNumber.XML_ERROR, "filter binding has no owner name");
        }
        if (xml.ownerUuid() == null) {
            throw Errors.of(ErrorNumber.XML_ERROR, "filter binding has no owner UUID");
        }
        if (xml.mac() == null) {
            throw Errors.of(ErrorNumber.XML_ERROR, "filter binding has no MAC address");
        }
        this.mac = xml.mac().toString().toLowerCase();
        Element ref = Dom.child(xml.element(), "filterref");
        String f = ref == null ? null : Dom.attribute(ref, "filter");
        if (f == null) {
            throw Errors.of(ErrorNumber.XML_ERROR, "filter binding has no filter reference");
        }
        this.filter = f;
        this.params = Params.copy(Params.read(ref));
    }

    /** The variables the filter tree sees: the parameters, MAC from the binding, IP once learned. */
    Map<String, List<String>> variables() {
        Map<String, List<String>> v = new LinkedHashMap<>(params);
        v.putIfAbsent(Params.MAC, List.of(mac));
        if (learnedIp != null) {
            v.putIfAbsent(Params.IP, List.of(learnedIp));
        }
        return v;
    }

    /** CTRL_IP_LEARNING: any (libvirt's default), dhcp or none. */
    String learningMode() {
        List<String> l = params.get(Params.CTRL_IP_LEARNING);
        String mode = l == null || l.isEmpty() ? "any" : l.get(0).toLowerCase();
        if (!mode.equals("any") && !mode.equals("dhcp") && !mode.equals("none")) {
            throw Errors.of(ErrorNumber.PARSE_FAILED, "filter '%s' learning value '%s' invalid.", filter, l.get(0));
        }
        return mode;
    }
}
