package org.jvirt.xml.snapshot;

import java.util.List;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * A domain snapshot: name, description, state, creation time, parent, memory and per-disk settings, and the
 * embedded {@code <domain>} of a snapshot the driver wrote (a {@link DomainXml} view over it).
 */
public final class DomainSnapshotXml extends XmlDocument {
    private static final List<String> ORDER = List.of("name", "description", "state", "parent", "creationTime",
            "memory", "disks", "active", "domain", "inactiveDomain", "cookie");
    private static final List<String> STATES = List.of("nostate", "running", "blocked", "paused", "shutdown",
            "shutoff", "crashed", "pmsuspended", "disk-snapshot");

    public DomainSnapshotXml(Element root) {
        super(root, DocumentKind.DOMAIN_SNAPSHOT);
    }

    public static DomainSnapshotXml parse(String xml) {
        DomainSnapshotXml s = new DomainSnapshotXml(parseRoot(xml, DocumentKind.DOMAIN_SNAPSHOT));
        String state = s.state();
        if (state != null && !STATES.contains(state)) {
            throw VirtException.of(s.errorDomain, ErrorNumber.XML_ERROR,
                    "Invalid state '%s' in domain snapshot XML", state);
        }
        for (Disk d : s.disks()) {
            if (d.name() == null) {
                throw VirtException.of(s.errorDomain, ErrorNumber.XML_ERROR,
                        "missing name from disk snapshot element");
            }
        }
        return s;
    }

    /** A snapshot request, as a client sends it to snapshotCreateXML. */
    public static DomainSnapshotXml create(String name, String description) {
        DomainSnapshotXml s = new DomainSnapshotXml(newRoot(DocumentKind.DOMAIN_SNAPSHOT));
        s.name(name);
        s.description(description);
        return s;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public String name() {
        return childText("name");
    }

    public DomainSnapshotXml name(String name) {
        childText("name", name);
        return this;
    }

    public String description() {
        return childText("description");
    }

    public DomainSnapshotXml description(String description) {
        childText("description", description);
        return this;
    }

    /** The domain state when taken ("running", "shutoff", "disk-snapshot", ...). */
    public String state() {
        return childText("state");
    }

    public DomainSnapshotXml state(String state) {
        childText("state", state);
        return this;
    }

    /** Seconds since the epoch, or null. */
    public Long creationTime() {
        String s = childText("creationTime");
        return s == null ? null : Long.valueOf(s);
    }

    public DomainSnapshotXml creationTime(Long seconds) {
        childText("creationTime", seconds == null ? null : seconds.toString());
        return this;
    }

    /** The parent snapshot's name, or null for a root snapshot. */
    public String parentName() {
        Element p = child("parent");
        return p == null ? null : Dom.text(Dom.child(p, "name"));
    }

    public DomainSnapshotXml parentName(String name) {
        removeChildren("parent");
        if (name != null) {
            Element p = insertChild("parent");
            Element n = p.getOwnerDocument().createElement("name");
            Dom.setText(n, name);
            p.appendChild(n);
        }
        return this;
    }

    /** "no", "internal" or "external" ({@code <memory snapshot=..>}). */
    public String memorySnapshot() {
        return childAttr("memory", "snapshot");
    }

    public String memoryFile() {
        return childAttr("memory", "file");
    }

    public DomainSnapshotXml memory(String snapshot, String file) {
        childAttr("memory", "snapshot", snapshot);
        childAttr("memory", "file", file);
        return this;
    }

    public List<Disk> disks() {
        Element disks = child("disks");
        if (disks == null) {
            return List.of();
        }
        return Dom.children(disks, "disk").stream().map(d -> {
            Element src = Dom.child(d, "source");
            Element drv = Dom.child(d, "driver");
            return new Disk(Dom.attribute(d, "name"), Dom.attribute(d, "snapshot"),
                    src == null ? null : Dom.attribute(src, "file"), drv == null ? null : Dom.attribute(drv, "type"));
        }).toList();
    }

    /** Adds {@code <disk name=.. snapshot=..>} with an optional external file and format. */
    public DomainSnapshotXml addDisk(Disk disk) {
        Element disks = childOrCreate("disks");
        Element d = disks.getOwnerDocument().createElement("disk");
        Dom.setAttribute(d, "name", disk.name());
        Dom.setAttribute(d, "snapshot", disk.snapshot());
        if (disk.file() != null) {
            Dom.setAttribute(d, "type", "file");
            Dom.moveAttributeFirst(d, "name");
            Element drv = d.getOwnerDocument().createElement("driver");
            if (disk.format() != null) {
                Dom.setAttribute(drv, "type", disk.format());
                d.appendChild(drv);
            }
            Element src = d.getOwnerDocument().createElement("source");
            Dom.setAttribute(src, "file", disk.file());
            d.appendChild(src);
        }
        disks.appendChild(d);
        return this;
    }

    /** The domain definition saved with the snapshot, or null in a creation request. */
    public DomainXml domain() {
        Element d = child("domain");
        return d == null ? null : new DomainXml(d);
    }

    /** A disk entry: target name, mode ("no", "internal", "external", "manual"), external file and format. */
    public record Disk(String name, String snapshot, String file, String format) {
    }
}
