package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/** {@code <vcpu placement='static' current='2' cpuset='0-3'>4</vcpu>}. */
public final class VcpuXml extends ElementView {
    public VcpuXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** The maximum number of vCPUs. */
    public int count() {
        String t = Dom.text(element);
        Integer n = parseInt(t.isEmpty() ? null : t, "./vcpu[1]");
        return n == null ? 1 : n;
    }

    public VcpuXml count(int n) {
        Dom.setText(element, Integer.toString(n));
        return this;
    }

    /** "static" or "auto"; null when absent. */
    public String placement() {
        return attr("placement");
    }

    public VcpuXml placement(String placement) {
        attr("placement", placement);
        return this;
    }

    /** vCPUs online at boot; null means all. */
    public Integer current() {
        return intAttr("current");
    }

    public VcpuXml current(Integer current) {
        attr("current", str(current));
        return this;
    }

    public String cpuset() {
        return attr("cpuset");
    }

    public VcpuXml cpuset(String cpuset) {
        attr("cpuset", cpuset);
        return this;
    }
}
