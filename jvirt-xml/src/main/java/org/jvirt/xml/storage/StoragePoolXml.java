package org.jvirt.xml.storage;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/** A storage pool: type, name, uuid, sizes, source and target path. */
public final class StoragePoolXml extends XmlDocument {
    private static final List<String> ORDER = List.of("name", "uuid", "capacity", "allocation", "available",
            "features", "source", "target", "refresh");
    private static final List<String> SOURCE_ORDER = List.of("host", "device", "dir", "adapter", "name",
            "format", "auth", "vendor", "product", "initiator");

    public StoragePoolXml(Element root) {
        super(root, DocumentKind.STORAGE_POOL);
    }

    public static StoragePoolXml parse(String xml) {
        StoragePoolXml p = new StoragePoolXml(parseRoot(xml, DocumentKind.STORAGE_POOL));
        if (p.type() == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "Missing required attribute 'type' in element 'pool'");
        }
        if (p.name() == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing pool source name element");
        }
        p.uuid();
        return p;
    }

    /** A new pool of {@code type} ("dir", "fs", "logical", "netfs", "iscsi", ...). */
    public static StoragePoolXml create(String type, String name) {
        StoragePoolXml p = new StoragePoolXml(newRoot(DocumentKind.STORAGE_POOL));
        p.type(type);
        return p.name(name);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public String type() {
        return attr("type");
    }

    public StoragePoolXml type(String type) {
        attr("type", type);
        return this;
    }

    public String name() {
        return childText("name");
    }

    public StoragePoolXml name(String name) {
        childText("name", name);
        return this;
    }

    public UUID uuid() {
        String s = childText("uuid");
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    public StoragePoolXml uuid(UUID uuid) {
        childText("uuid", uuid == null ? null : Uuids.format(uuid));
        return this;
    }

    public Long capacityBytes() {
        return Sizes.bytes(child("capacity"), "capacity");
    }

    public Long allocationBytes() {
        return Sizes.bytes(child("allocation"), "allocation");
    }

    public Long availableBytes() {
        return Sizes.bytes(child("available"), "available");
    }

    /** Sets the three sizes a driver reports for a running pool. */
    public StoragePoolXml sizes(long capacity, long allocation, long available) {
        Sizes.set(childOrCreate("capacity"), capacity);
        Sizes.set(childOrCreate("allocation"), allocation);
        Sizes.set(childOrCreate("available"), available);
        return this;
    }

    /** {@code <source><dir path=.../>}: the directory of netfs/dir-like sources. */
    public String sourceDir() {
        return sourceAttr("dir", "path");
    }

    public StoragePoolXml sourceDir(String path) {
        setSourceAttr("dir", "path", path);
        return this;
    }

    public String sourceHost() {
        return sourceAttr("host", "name");
    }

    public StoragePoolXml sourceHost(String name) {
        setSourceAttr("host", "name", name);
        return this;
    }

    /** The source devices' paths ({@code <device path=.../>}, several for LVM). */
    public List<String> sourceDevices() {
        Element s = child("source");
        return s == null ? List.of() : Dom.children(s, "device").stream().map(d -> Dom.attribute(d, "path")).toList();
    }

    public StoragePoolXml addSourceDevice(String path) {
        Element s = childOrCreate("source");
        Element d = s.getOwnerDocument().createElement("device");
        Dom.setAttribute(d, "path", path);
        insertInSource(s, d);
        return this;
    }

    /** {@code <source><name>}: e.g. the volume group of a logical pool. */
    public String sourceName() {
        Element s = child("source");
        return s == null ? null : Dom.text(Dom.child(s, "name"));
    }

    public StoragePoolXml sourceName(String name) {
        Element s = childOrCreate("source");
        Dom.removeChildren(s, "name");
        Element n = s.getOwnerDocument().createElement("name");
        Dom.setText(n, name);
        insertInSource(s, n);
        return this;
    }

    /** {@code <source><format type=.../>}: filesystem or partition table or LVM format. */
    public String sourceFormat() {
        return sourceAttr("format", "type");
    }

    public StoragePoolXml sourceFormat(String type) {
        setSourceAttr("format", "type", type);
        return this;
    }

    public String targetPath() {
        Element t = child("target");
        return t == null ? null : Dom.text(Dom.child(t, "path"));
    }

    public StoragePoolXml targetPath(String path) {
        Element t = childOrCreate("target");
        Element p = Dom.child(t, "path");
        if (p == null) {
            p = t.getOwnerDocument().createElement("path");
            t.insertBefore(p, t.getFirstChild());
        }
        Dom.setText(p, path);
        return this;
    }

    /** {@code <target><permissions>}: mode, owner and group for the pool's directory. */
    public Permissions targetPermissions() {
        return Permissions.parse(child("target"));
    }

    /** Every {@code <source><host name= port=>} as name and port (0 when absent). */
    public List<Map.Entry<String, Integer>> sourceHosts() {
        Element s = child("source");
        if (s == null) {
            return List.of();
        }
        return Dom.children(s, "host").stream().map(h -> {
            String port = Dom.attribute(h, "port");
            return Map.entry(h.getAttribute("name"), port == null ? 0 : Integer.parseInt(port.strip()));
        }).toList();
    }

    private String sourceAttr(String child, String attribute) {
        Element s = child("source");
        Element c = s == null ? null : Dom.child(s, child);
        return c == null ? null : Dom.attribute(c, attribute);
    }

    private void setSourceAttr(String child, String attribute, String value) {
        Element s = childOrCreate("source");
        Element c = Dom.child(s, child);
        if (c == null) {
            c = s.getOwnerDocument().createElement(child);
            insertInSource(s, c);
        }
        Dom.setAttribute(c, attribute, value);
    }

    private static void insertInSource(Element source, Element c) {
        int rank = SOURCE_ORDER.indexOf(c.getTagName());
        for (Element e : Dom.children(source, null)) {
            if (SOURCE_ORDER.indexOf(e.getTagName()) > rank) {
                source.insertBefore(c, e);
                return;
            }
        }
        source.appendChild(c);
    }
}
