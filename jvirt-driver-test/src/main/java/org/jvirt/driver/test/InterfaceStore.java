package org.jvirt.driver.test;

import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Host interfaces of a test state, and the one pending change transaction (virInterfaceChangeBegin keeps a
 * copy of every definition to roll back to).
 */
final class InterfaceStore {

    /** One interface definition and whether it is up. */
    static final class Iface {
        Document def;
        boolean active;

        Iface(Document def, boolean active) {
            this.def = def;
            this.active = active;
        }

        String name() {
            return Xml.attr(def.getDocumentElement(), "name");
        }

        String mac() {
            Element mac = Xml.child(def.getDocumentElement(), "mac");
            return mac == null ? null : Xml.attr(mac, "address");
        }
    }

    Map<String, Iface> byName = new LinkedHashMap<>();
    /** The state to roll back to, while a transaction runs. */
    Map<String, Iface> backup;

    /**
     * The copy virInterfaceObjListClone makes: each definition formatted and parsed again into a new object, which
     * starts inactive, so that a rollback leaves every interface inactive, as in libvirt.
     */
    Map<String, Iface> snapshot() {
        Map<String, Iface> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Iface> e : byName.entrySet()) {
            copy.put(e.getKey(), new Iface(Xml.copy(e.getValue().def), false));
        }
        return copy;
    }
}
