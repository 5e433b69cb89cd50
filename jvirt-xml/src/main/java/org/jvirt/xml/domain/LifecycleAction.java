package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.XmlErrors;

/** What happens on guest poweroff, reboot or crash ({@code on_poweroff} ...), as libvirt spells it. */
public enum LifecycleAction {
    DESTROY("destroy"),
    RESTART("restart"),
    RENAME_RESTART("rename-restart"),
    PRESERVE("preserve"),
    COREDUMP_DESTROY("coredump-destroy"),
    COREDUMP_RESTART("coredump-restart");

    private final String xml;

    LifecycleAction(String xml) {
        this.xml = xml;
    }

    public String xml() {
        return xml;
    }

    static LifecycleAction fromXml(String s, String element) {
        if (s == null) {
            return null;
        }
        for (LifecycleAction a : values()) {
            if (a.xml.equals(s)) {
                return a;
            }
        }
        throw XmlErrors.xmlError(ErrorDomain.DOMAIN, "unknown %s action: %s", element, s);
    }
}
