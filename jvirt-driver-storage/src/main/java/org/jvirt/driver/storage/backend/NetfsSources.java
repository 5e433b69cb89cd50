package org.jvirt.driver.storage.backend;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.jvirt.xml.storage.StorageXmlOut.child;

/** NFS source discovery: the host of a source spec, showmount's export list, and libvirt's {@code <sources>}. */
final class NetfsSources {

    private NetfsSources() {
    }

    /** The host a {@code <source><host name=.../></source>} spec names; libvirt's error when there is none. */
    static String host(String srcSpec) {
        if (srcSpec == null || srcSpec.isBlank()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "%s",
                    "hostname must be specified for netfs sources");
        }
        Element src = XmlParser.defaults().parse(srcSpec, "(storage_source_specification)", ErrorDomain.STORAGE,
                null).getDocumentElement();
        Element host = src.getTagName().equals("host") ? src : Dom.child(src, "host");
        String name = host == null ? null : Dom.attribute(host, "name");
        if (name == null || name.isBlank()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "%s",
                    "hostname must be specified for netfs sources");
        }
        return name;
    }

    /** The export directories of {@code showmount --no-headers --exports} output (first column of each line). */
    static List<String> exports(String out) {
        List<String> dirs = new ArrayList<>();
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.startsWith("/")) {
                int sp = l.indexOf(' ');
                dirs.add(sp < 0 ? l : l.substring(0, sp));
            }
        }
        return dirs;
    }

    static String format(String host, List<String> dirs) {
        Document d = XmlParser.newDocument();
        Element r = d.createElement("sources");
        d.appendChild(r);
        for (String dir : dirs) {
            Element s = child(r, "source");
            Dom.setAttribute(child(s, "host"), "name", host);
            Dom.setAttribute(child(s, "dir"), "path", dir);
            Dom.setAttribute(child(s, "format"), "type", "nfs");
        }
        return XmlWriter.toXml(d);
    }
}
