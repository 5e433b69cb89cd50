package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/** {@code <clock offset='utc'>} with its timers. */
public final class ClockXml extends ElementView {
    public ClockXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "utc", "localtime", "timezone" or "variable". */
    public String offset() {
        return attr("offset");
    }

    public ClockXml offset(String offset) {
        attr("offset", offset);
        return this;
    }

    public String timezone() {
        return attr("timezone");
    }

    public ClockXml timezone(String tz) {
        attr("timezone", tz);
        return this;
    }

    public List<Timer> timers() {
        return children("timer").stream().map(e -> new Timer(Dom.attribute(e, "name"),
                Dom.attribute(e, "tickpolicy"), parseYesNo(Dom.attribute(e, "present")))).toList();
    }

    /** Adds {@code <timer name=.. tickpolicy=.. present=../>}; null fields are left out. */
    public ClockXml addTimer(Timer t) {
        Element e = insertChild("timer");
        Dom.setAttribute(e, "name", t.name());
        Dom.setAttribute(e, "tickpolicy", t.tickPolicy());
        Dom.setAttribute(e, "present", yesNo(t.present()));
        return this;
    }

    public record Timer(String name, String tickPolicy, Boolean present) {
    }
}
