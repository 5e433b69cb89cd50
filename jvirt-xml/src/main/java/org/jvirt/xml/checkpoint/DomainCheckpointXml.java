package org.jvirt.xml.checkpoint;

import java.util.List;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * A domain checkpoint (libvirt's checkpoint_conf): name, description, parent, creation time, one entry per disk
 * saying whether it tracks changes in a dirty bitmap and under which name, and the embedded {@code <domain>} a
 * driver saved with it (a {@link DomainXml} view over it).
 */
public final class DomainCheckpointXml extends XmlDocument {
    /** virDomainCheckpointDefFormat's order. */
    private static final List<String> ORDER = List.of("name", "description", "parent", "creationTime", "disks",
            "domain");
    /** virDomainCheckpoint's type names ("default" is never written: it stands for an unset value). */
    private static final List<String> TYPES = List.of("default", "no", "bitmap");

    public DomainCheckpointXml(Element root) {
        super(root, DocumentKind.DOMAIN_CHECKPOINT);
    }

    /**
     * Parses a checkpoint document. libvirt leaves the disk checks to the schema it always applies; the ones that
     * hold without it are made here, so a caller that cannot validate still gets no nameless disk.
     */
    public static DomainCheckpointXml parse(String xml) {
        DomainCheckpointXml c = new DomainCheckpointXml(parseRoot(xml, DocumentKind.DOMAIN_CHECKPOINT));
        for (Disk d : c.disks()) {
            if (d.name() == null || d.name().isEmpty()) {
                throw VirtException.of(c.errorDomain, ErrorNumber.XML_ERROR, "missing name from disk checkpoint "
                        + "element");
            }
            if (d.checkpoint() != null && !TYPES.contains(d.checkpoint())) {
                throw VirtException.of(c.errorDomain, ErrorNumber.XML_ERROR,
                        "unknown checkpoint type '%s'", d.checkpoint());
            }
        }
        return c;
    }

    /** A checkpoint request, as a client sends it to checkpointCreateXML (both may be null). */
    public static DomainCheckpointXml create(String name, String description) {
        DomainCheckpointXml c = new DomainCheckpointXml(newRoot(DocumentKind.DOMAIN_CHECKPOINT));
        c.name(name);
        c.description(description);
        return c;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public String name() {
        return childText("name");
    }

    public DomainCheckpointXml name(String name) {
        childText("name", name);
        return this;
    }

    public String description() {
        return childText("description");
    }

    public DomainCheckpointXml description(String description) {
        childText("description", description);
        return this;
    }

    /** Seconds since the epoch, or null. */
    public Long creationTime() {
        String s = childText("creationTime");
        return s == null ? null : Long.valueOf(s);
    }

    public DomainCheckpointXml creationTime(Long seconds) {
        childText("creationTime", seconds == null ? null : seconds.toString());
        return this;
    }

    /** The parent checkpoint's name, or null for a root checkpoint. */
    public String parentName() {
        Element p = child("parent");
        return p == null ? null : Dom.text(Dom.child(p, "name"));
    }

    public DomainCheckpointXml parentName(String name) {
        removeChildren("parent");
        if (name != null) {
            Element p = insertChild("parent");
            Element n = p.getOwnerDocument().createElement("name");
            Dom.setText(n, name);
            p.appendChild(n);
        }
        return this;
    }

    /** The {@code <disks>} entries, in document order. */
    public List<Disk> disks() {
        Element disks = child("disks");
        if (disks == null) {
            return List.of();
        }
        return Dom.children(disks, "disk").stream().map(d -> {
            String size = Dom.attribute(d, "size");
            return new Disk(Dom.attribute(d, "name"), Dom.attribute(d, "checkpoint"), Dom.attribute(d, "bitmap"),
                    size == null ? null : Long.valueOf(size));
        }).toList();
    }

    /** Adds {@code <disk name=.. checkpoint=.. bitmap=.. size=..>}, attributes in libvirt's order. */
    public DomainCheckpointXml addDisk(Disk disk) {
        Element disks = childOrCreate("disks");
        Element d = disks.getOwnerDocument().createElement("disk");
        Dom.setAttribute(d, "name", disk.name());
        Dom.setAttribute(d, "checkpoint", disk.checkpoint());
        Dom.setAttribute(d, "bitmap", disk.bitmap());
        Dom.setAttribute(d, "size", disk.size() == null ? null : disk.size().toString());
        disks.appendChild(d);
        return this;
    }

    /** The domain definition saved with the checkpoint, or null in a creation request. */
    public DomainXml domain() {
        Element d = child("domain");
        return d == null ? null : new DomainXml(d);
    }

    /**
     * One disk: its target (or source path in a request), "bitmap" or "no" (null: the default), the bitmap's name,
     * and the dirty size estimate in bytes when asked for.
     */
    public record Disk(String name, String checkpoint, String bitmap, Long size) {
    }
}
