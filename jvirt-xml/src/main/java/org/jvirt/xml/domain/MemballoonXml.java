package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.w3c.dom.Element;

/** {@code <memballoon model='virtio'><stats period='10'/></memballoon>}. */
public final class MemballoonXml extends DeviceXml {
    public MemballoonXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "virtio", "xen" or "none". */
    public String model() {
        return attr("model");
    }

    public MemballoonXml model(String model) {
        attr("model", model);
        return this;
    }

    /** Seconds between statistics updates, or null. */
    public Integer statsPeriod() {
        return parseInt(childAttr("stats", "period"), "./stats/@period");
    }

    public MemballoonXml statsPeriod(Integer seconds) {
        if (seconds == null) {
            removeChildren("stats");
        } else {
            childAttr("stats", "period", seconds.toString());
        }
        return this;
    }
}
