package org.jvirt.driver.qemu.blockjob;

import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code <mirror>} of a disk in a copy or active commit, as libvirt 9.0 writes it in the live XML
 * (virDomainDiskDefFormatMirror): {@code <mirror type='file' file='..' format='..' job='copy' ready='yes'>} with
 * {@code <format type='..'/>} and {@code <source file='..'/>} inside, placed after the disk's source.
 */
final class MirrorXml {

    private MirrorXml() {
    }

    static void add(DiskXml disk, DiskXml dest, String job) {
        remove(disk);
        Element e = disk.element();
        Element m = e.getOwnerDocument().createElement("mirror");
        String type = dest.source().diskType();
        Dom.setAttribute(m, "type", type);
        String fmt = dest.driver() != null ? dest.driver().type() : null;
        if (dest.source() instanceof DiskSource.File f) {
            Dom.setAttribute(m, "file", f.path());
            if (fmt != null) {
                Dom.setAttribute(m, "format", fmt);
            }
        }
        Dom.setAttribute(m, "job", job);
        if (fmt != null) {
            Element f = e.getOwnerDocument().createElement("format");
            Dom.setAttribute(f, "type", fmt);
            m.appendChild(f);
        }
        Element s = e.getOwnerDocument().createElement("source");
        switch (dest.source()) {
            case DiskSource.File f -> Dom.setAttribute(s, "file", f.path());
            case DiskSource.Block b -> Dom.setAttribute(s, "dev", b.dev());
            default -> { }
        }
        m.appendChild(s);
        Node after = Dom.child(e, "backingStore");
        if (after == null) {
            after = Dom.child(e, "source");
        }
        e.insertBefore(m, after == null ? e.getFirstChild() : after.getNextSibling());
    }

    static void ready(DiskXml disk, String value) {
        Element m = Dom.child(disk.element(), "mirror");
        if (m != null) {
            Dom.setAttribute(m, "ready", value);
        }
    }

    static void remove(DiskXml disk) {
        Element m = Dom.child(disk.element(), "mirror");
        if (m != null) {
            disk.element().removeChild(m);
        }
    }
}
