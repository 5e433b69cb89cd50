package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.w3c.dom.Element;

/** {@code <watchdog model='i6300esb' action='reset'/>}. */
public final class WatchdogXml extends DeviceXml {
    public WatchdogXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "i6300esb", "ib700", "diag288", "itco". */
    public String model() {
        return attr("model");
    }

    public WatchdogXml model(String model) {
        attr("model", model);
        return this;
    }

    /** "reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi". */
    public String action() {
        return attr("action");
    }

    public WatchdogXml action(String action) {
        attr("action", action);
        return this;
    }
}
