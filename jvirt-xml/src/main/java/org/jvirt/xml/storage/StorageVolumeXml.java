package org.jvirt.xml.storage;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.w3c.dom.Element;

/** A storage volume: name, key, sizes (bytes), target path and format, backing store. */
public final class StorageVolumeXml extends XmlDocument {
    private static final List<String> ORDER = List.of("name", "key", "source", "capacity", "allocation",
            "physical", "target", "backingStore");

    public StorageVolumeXml(Element root) {
        super(root, DocumentKind.STORAGE_VOLUME);
    }

    public static StorageVolumeXml parse(String xml) {
        StorageVolumeXml v = new StorageVolumeXml(parseRoot(xml, DocumentKind.STORAGE_VOLUME));
        if (v.name() == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing volume name element");
        }
        v.capacityBytes();
        v.allocationBytes();
        return v;
    }

    /** A new volume of {@code capacity} bytes. */
    public static StorageVolumeXml create(String name, long capacity) {
        StorageVolumeXml v = new StorageVolumeXml(newRoot(DocumentKind.STORAGE_VOLUME));
        v.name(name);
        return v.capacityBytes(capacity);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** "file", "block", "dir", "network", "netdir", "ploop"; null when absent. */
    public String type() {
        return attr("type");
    }

    public StorageVolumeXml type(String type) {
        attr("type", type);
        return this;
    }

    public String name() {
        return childText("name");
    }

    public StorageVolumeXml name(String name) {
        childText("name", name);
        return this;
    }

    /** The volume key, unique on the host (usually the path). */
    public String key() {
        return childText("key");
    }

    public StorageVolumeXml key(String key) {
        childText("key", key);
        return this;
    }

    public Long capacityBytes() {
        return Sizes.bytes(child("capacity"), "capacity");
    }

    public StorageVolumeXml capacityBytes(long bytes) {
        Sizes.set(childOrCreate("capacity"), bytes);
        return this;
    }

    public Long allocationBytes() {
        return Sizes.bytes(child("allocation"), "allocation");
    }

    public StorageVolumeXml allocationBytes(long bytes) {
        Sizes.set(childOrCreate("allocation"), bytes);
        return this;
    }

    public String targetPath() {
        return Dom.text(targetChild("path"));
    }

    public StorageVolumeXml targetPath(String path) {
        Dom.setText(targetChildOrCreate("path"), path);
        return this;
    }

    /** The image format ("raw", "qcow2", ...). */
    public String targetFormat() {
        Element f = targetChild("format");
        return f == null ? null : Dom.attribute(f, "type");
    }

    public StorageVolumeXml targetFormat(String format) {
        Dom.setAttribute(targetChildOrCreate("format"), "type", format);
        return this;
    }

    public String backingStorePath() {
        Element b = child("backingStore");
        return b == null ? null : Dom.text(Dom.child(b, "path"));
    }

    public String backingStoreFormat() {
        Element b = child("backingStore");
        Element f = b == null ? null : Dom.child(b, "format");
        return f == null ? null : Dom.attribute(f, "type");
    }

    /** Sets {@code <backingStore><path/><format type=''/></backingStore>}; null path removes it. */
    public StorageVolumeXml backingStore(String path, String format) {
        removeChildren("backingStore");
        if (path != null) {
            Element b = insertChild("backingStore");
            Element p = b.getOwnerDocument().createElement("path");
            Dom.setText(p, path);
            b.appendChild(p);
            if (format != null) {
                Element f = b.getOwnerDocument().createElement("format");
                Dom.setAttribute(f, "type", format);
                b.appendChild(f);
            }
        }
        return this;
    }

    /** {@code <target><permissions>}: mode, owner and group for the new volume. */
    public Permissions targetPermissions() {
        return Permissions.parse(child("target"));
    }

    /** {@code <target><compat>}: the qcow2 compatibility level ("0.10", "1.1"), or null. */
    public String targetCompat() {
        return Dom.text(targetChild("compat"));
    }

    /** {@code <target><clusterSize>} in bytes (default unit B), or null. */
    public Long targetClusterSize() {
        Element c = targetChild("clusterSize");
        return c == null ? null : Sizes.bytes(c, "target/clusterSize");
    }

    /** The names of {@code <target><features>}' children (lazy_refcounts, extended_l2); null when absent. */
    public List<String> targetFeatures() {
        Element f = targetChild("features");
        return f == null ? null : Dom.children(f, null).stream().map(Element::getTagName).toList();
    }

    /** Whether {@code <target><nocow/>} is given. */
    public boolean targetNocow() {
        return targetChild("nocow") != null;
    }

    /** Whether the volume names an {@code <encryption>} in its target. */
    public boolean targetEncrypted() {
        return targetChild("encryption") != null;
    }

    private Element targetChild(String name) {
        Element t = child("target");
        return t == null ? null : Dom.child(t, name);
    }

    private Element targetChildOrCreate(String name) {
        Element t = childOrCreate("target");
        Element c = Dom.child(t, name);
        if (c == null) {
            c = t.getOwnerDocument().createElement(name);
            // path comes before format and the rest
            t.insertBefore(c, name.equals("path") ? t.getFirstChild() : null);
        }
        return c;
    }
}
