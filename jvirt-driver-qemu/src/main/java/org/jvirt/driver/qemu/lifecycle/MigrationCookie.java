package org.jvirt.driver.qemu.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The cookie the two sides of a migration hand each other through the client, opaque to it: libvirt's
 * {@code <qemu-migration>} document (name, uuid, hostname; the persistent definition after Perform), sent as a
 * NUL-terminated string as libvirt sends it.
 *
 * @param name          the domain's name on the side that wrote it
 * @param uuid          its UUID
 * @param hostname      the writer's host name
 * @param persistentXml the source's persistent definition (Perform's cookie), or null
 */
record MigrationCookie(String name, String uuid, String hostname, String persistentXml) {

    byte[] encode() {
        Document doc = XmlParser.newDocument();
        Element root = doc.createElement("qemu-migration");
        doc.appendChild(root);
        add(root, "name", name);
        add(root, "uuid", uuid);
        add(root, "hostname", hostname);
        if (persistentXml != null) {
            Element p = doc.createElement("persistent");
            root.appendChild(p);
            Document def = XmlParser.defaults().parse(persistentXml);
            p.appendChild(doc.importNode(def.getDocumentElement(), true));
        }
        byte[] text = XmlWriter.toXml(root).getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(text, text.length + 1); // libvirt counts the terminating NUL
    }

    /** The cookie in {@code bytes}, or null when none was sent. */
    static MigrationCookie decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == 0) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        Element root;
        try {
            root = XmlParser.defaults().parse(new String(bytes, 0, n, StandardCharsets.UTF_8)).getDocumentElement();
        } catch (VirtException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "Cannot parse migration cookie: %s", e.getMessage());
        }
        if (!root.getTagName().equals("qemu-migration")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "Unexpected root element <%s> in migration cookie", root.getTagName());
        }
        String persistent = null;
        Element p = Dom.child(root, "persistent");
        if (p != null && Dom.child(p, "domain") != null) {
            persistent = XmlWriter.toXml(Dom.child(p, "domain"));
        }
        return new MigrationCookie(text(root, "name"), text(root, "uuid"), text(root, "hostname"), persistent);
    }

    private static void add(Element parent, String tag, String value) {
        if (value != null) {
            Element e = parent.getOwnerDocument().createElement(tag);
            e.setTextContent(value);
            parent.appendChild(e);
        }
    }

    private static String text(Element root, String tag) {
        Element e = Dom.child(root, tag);
        return e == null ? null : Dom.text(e);
    }
}
