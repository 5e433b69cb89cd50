package org.jvirt.driver.storage.vol;

import java.util.Locale;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.jvirt.xml.storage.StorageXmlOut;
import static org.jvirt.xml.storage.StorageXmlOut.child;
import static org.jvirt.xml.storage.StorageXmlOut.sized;
import static org.jvirt.xml.storage.StorageXmlOut.text;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** virStorageVolDefFormat for a volume as found: identity, sizes, target and backing store. */
public final class VolXml {

    private VolXml() {
    }

    public static String format(Volume v) {
        Document d = XmlParser.newDocument();
        Element r = d.createElement("volume");
        d.appendChild(r);
        Dom.setAttribute(r, "type", v.type().name().toLowerCase(Locale.ROOT));
        text(r, "name", v.name());
        text(r, "key", v.key());
        sized(r, "capacity", v.capacity());
        sized(r, "allocation", v.allocation());
        if (v.physical() != 0) {
            sized(r, "physical", v.physical());
        }
        target(r, "target", v.target());
        if (v.backing() != null) {
            target(r, "backingStore", v.backing());
        }
        return XmlWriter.toXml(d);
    }

    private static void target(Element parent, String tag, Volume.Target t) {
        Element e = child(parent, tag);
        text(e, "path", t.path());
        if (t.format() != null) {
            Dom.setAttribute(child(e, "format"), "type", t.format()); // LVs and partitions of some pools have none
        }
        StorageXmlOut.permissions(e, t.mode(), t.uid(), t.gid(), null);
        if (t.times() != null) {
            Element ts = child(e, "timestamps");
            time(ts, "atime", t.times().atime());
            time(ts, "mtime", t.times().mtime());
            time(ts, "ctime", t.times().ctime());
            time(ts, "btime", 0); // libvirt reads no birth time and writes its zero
        }
        if (t.compat() != null) {
            text(e, "compat", t.compat());
        }
        if (t.clusterSize() > 0) {
            Element c = child(e, "clusterSize");
            Dom.setAttribute(c, "unit", "B");
            c.setTextContent(Long.toString(t.clusterSize()));
        }
        if (t.features() != null) {
            Element f = child(e, "features");
            for (String name : t.features()) {
                child(f, name);
            }
        }
    }

    /** virStorageVolTimestampFormat: seconds, then nine digits of nanoseconds when there are any. */
    private static void time(Element parent, String name, long nanos) {
        if (nanos < 0) {
            return;
        }
        long sec = Math.floorDiv(nanos, 1_000_000_000L);
        long ns = Math.floorMod(nanos, 1_000_000_000L);
        text(parent, name, ns == 0 ? Long.toString(sec) : String.format("%d.%09d", sec, ns));
    }
}
