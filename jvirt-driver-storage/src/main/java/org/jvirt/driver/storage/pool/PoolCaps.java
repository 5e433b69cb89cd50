package org.jvirt.driver.storage.pool;

import java.util.function.Predicate;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import static org.jvirt.xml.storage.StorageXmlOut.child;

/** virStoragePoolCapsFormat: every pool type, whether this host serves it, its source and volume formats. */
public final class PoolCaps {

    private PoolCaps() {
    }

    public static String format(Predicate<PoolType> supported) {
        Document d = XmlParser.newDocument();
        Element r = d.createElement("storagepoolCapabilities");
        d.appendChild(r);
        for (PoolType t : PoolType.values()) {
            Element p = child(r, "pool");
            Dom.setAttribute(p, "type", t.xmlName());
            Dom.setAttribute(p, "supported", supported.test(t) ? "yes" : "no");
            if (!t.formats().isEmpty()) {
                Element o = child(p, "poolOptions");
                Dom.setAttribute(child(o, "defaultFormat"), "type", t.defaultFormat());
                values(child(o, "enum"), "sourceFormatType", t.formats());
            }
            if (t.defaultVolFormat() != null) {
                Element o = child(p, "volOptions");
                Dom.setAttribute(child(o, "defaultFormat"), "type", t.defaultVolFormat());
                values(child(o, "enum"), "targetFormatType", t.volFormats());
            }
        }
        return XmlWriter.toXml(d);
    }

    private static void values(Element e, String name, java.util.List<String> values) {
        Dom.setAttribute(e, "name", name);
        for (String v : values) {
            child(e, "value").setTextContent(v);
        }
    }
}
