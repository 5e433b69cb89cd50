package org.jvirt.driver.storage.pool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.jvirt.xml.storage.Permissions;
import org.jvirt.xml.storage.StoragePoolXml;
import org.jvirt.xml.storage.StorageXmlOut;
import static org.jvirt.xml.storage.StorageXmlOut.child;
import static org.jvirt.xml.storage.StorageXmlOut.sized;
import static org.jvirt.xml.storage.StorageXmlOut.text;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A pool's definition (virStoragePoolDef) as parsed by virStoragePoolDefParseXML: type, name, uuid, source,
 * target path (sanitised) and permissions. Parts the driver does not act on (auth, adapter, initiator, features,
 * refresh, mount options) are kept as elements and written back. {@link #format} writes libvirt's canonical XML.
 */
public record PoolDef(PoolType type, String name, UUID uuid, List<Map.Entry<String, Integer>> hosts,
                      List<String> devices, String sourceDir, String sourceName, String sourceFormat,
                      String targetPath, Permissions perms, List<Element> keptSource, List<Element> keptTop) {

    private static final List<String> KEPT_SOURCE = List.of("adapter", "initiator", "auth", "protocol", "vendor",
            "product");
    private static final List<String> KEPT_TOP = List.of("features", "refresh");

    /** Parses a pool's XML as libvirt does, with libvirt's errors; a missing uuid gets a new one. */
    public static PoolDef parse(String xml) {
        Element root = XmlParser.defaults().parse(xml, "(storage_pool_definition)", ErrorDomain.STORAGE, "pool")
                .getDocumentElement();
        StoragePoolXml x = new StoragePoolXml(root);
        String typeName = x.type();
        if (typeName == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR,
                    "Missing required attribute 'type' in element 'pool'");
        }
        PoolType type = PoolType.of(typeName);
        if (type == null) {
            throw VirtException.of(ErrorDomain.XML, ErrorNumber.XML_ERROR, // raised by libvirt's XML helpers
                    "Invalid value for attribute 'type' in element 'pool': '%s'.", typeName);
        }
        String name = x.name();
        if (name == null && type.has(PoolType.Src.NAME)) {
            name = x.sourceName();
        }
        if (name == null || name.isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing pool source name element");
        }
        if (name.contains("/")) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
        UUID uuid;
        try {
            uuid = x.uuid();
        } catch (VirtException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "malformed uuid element");
        }
        if (uuid == null) {
            uuid = UUID.randomUUID();
        }
        List<Map.Entry<String, Integer>> hosts = x.sourceHosts();
        if (type.has(PoolType.Src.HOST) && hosts.isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing storage pool source host name");
        }
        if (type.has(PoolType.Src.DIR) && type != PoolType.GLUSTER && x.sourceDir() == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing storage pool source path");
        }
        List<String> devices = x.sourceDevices();
        if (type.has(PoolType.Src.DEVICE) && type != PoolType.LOGICAL && type != PoolType.ZFS
                && type != PoolType.ISCSI && type != PoolType.ISCSI_DIRECT && devices.isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR,
                    "missing storage pool source device name");
        }
        String sourceName = x.sourceName();
        if (type.has(PoolType.Src.NAME) && sourceName == null) {
            if (type == PoolType.LOGICAL) {
                sourceName = name; // virStoragePoolDefParseSource: the VG is named as the pool
            } else {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR,
                        "element 'name' is mandatory for %s pool", type.xmlName());
            }
        }
        String format = x.sourceFormat();
        if (!type.formats().isEmpty()) {
            if (format == null) {
                format = type.defaultFormat();
            } else if (!type.formats().contains(format)) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR,
                        "unknown pool format type %s", format);
            }
        } else {
            format = null;
        }
        String target = null;
        Permissions perms = Permissions.NONE;
        if (!type.has(PoolType.Src.NETWORK)) {
            if (type == PoolType.LOGICAL) {
                target = "/dev/" + sourceName;
            } else if (type == PoolType.ZFS) {
                target = "/dev/zvol/" + sourceName;
            } else {
                target = x.targetPath();
                if (target == null || target.isBlank()) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR,
                            "missing storage pool target path");
                }
            }
            target = sanitize(target);
            perms = x.targetPermissions();
        }
        Element source = Dom.child(root, "source");
        List<Element> keptSource = new ArrayList<>();
        if (source != null) {
            for (String n : KEPT_SOURCE) {
                keptSource.addAll(Dom.children(source, n));
            }
        }
        List<Element> keptTop = new ArrayList<>();
        for (String n : KEPT_TOP) {
            keptTop.addAll(Dom.children(root, n));
        }
        return new PoolDef(type, name, uuid, hosts, devices, x.sourceDir(), sourceName, format, target, perms,
                keptSource, keptTop);
    }

    /** virFileSanitizePath: no doubled slashes, no trailing slash. */
    static String sanitize(String path) {
        String p = path.strip().replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    public StoragePoolRef ref() {
        return new StoragePoolRef(name, uuid);
    }

    /** The same definition with the target permissions found on the host (the live XML's). */
    public PoolDef withPerms(Permissions p) {
        return new PoolDef(type, name, uuid, hosts, devices, sourceDir, sourceName, sourceFormat, targetPath, p,
                keptSource, keptTop);
    }

    public Path target() {
        return targetPath == null ? null : Path.of(targetPath);
    }

    /** virStoragePoolDefFormat: the pool with the given sizes. */
    public String format(long capacity, long allocation, long available) {
        Document d = XmlParser.newDocument();
        Element r = d.createElement("pool");
        d.appendChild(r);
        Dom.setAttribute(r, "type", type.xmlName());
        text(r, "name", name);
        text(r, "uuid", uuid.toString());
        sized(r, "capacity", capacity);
        sized(r, "allocation", allocation);
        sized(r, "available", available);
        for (Element e : keptTop) {
            if (e.getTagName().equals("features")) {
                r.appendChild(d.importNode(e, true));
            }
        }
        Element src = d.createElement("source");
        r.appendChild(src);
        if (type.has(PoolType.Src.HOST)) {
            for (Map.Entry<String, Integer> h : hosts) {
                Element he = child(src, "host");
                Dom.setAttribute(he, "name", h.getKey());
                if (h.getValue() != 0) {
                    Dom.setAttribute(he, "port", Integer.toString(h.getValue()));
                }
            }
        }
        if (type.has(PoolType.Src.DEVICE)) {
            for (String dev : devices) {
                Dom.setAttribute(child(src, "device"), "path", dev);
            }
        }
        if (type.has(PoolType.Src.DIR) && sourceDir != null) {
            Dom.setAttribute(child(src, "dir"), "path", sourceDir);
        }
        keep(src, "adapter");
        if (type.has(PoolType.Src.NAME) && sourceName != null) {
            text(src, "name", sourceName);
        }
        keep(src, "initiator");
        if (sourceFormat != null) {
            Dom.setAttribute(child(src, "format"), "type", sourceFormat);
        }
        keep(src, "auth");
        keep(src, "protocol");
        keep(src, "vendor");
        keep(src, "product");
        if (!src.hasChildNodes()) {
            src.setTextContent("\n  "); // libvirt writes an empty source open and closed on lines of their own
        }
        if (targetPath != null) {
            Element t = child(r, "target");
            text(t, "path", targetPath);
            StorageXmlOut.permissions(t, perms.mode(), perms.owner(), perms.group(), perms.label());
        }
        for (Element e : keptTop) {
            if (e.getTagName().equals("refresh")) {
                r.appendChild(d.importNode(e, true));
            }
        }
        return XmlWriter.toXml(d);
    }

    private void keep(Element src, String name) {
        for (Element e : keptSource) {
            if (e.getTagName().equals(name)) {
                src.appendChild(src.getOwnerDocument().importNode(e, true));
            }
        }
    }
}
