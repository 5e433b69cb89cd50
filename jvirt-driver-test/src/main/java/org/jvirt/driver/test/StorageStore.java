package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.LibvirtUUID;
import org.jvirt.VirtException;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;
import org.jvirt.xml.value.ScaledInteger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Storage pools and their in-memory volumes (virStoragePoolObj, virStorageVolDef), and their XML. */
final class StorageStore {

    /** testStoragePoolObjSetDefaults: every test pool claims 100 GiB. */
    static final long DEFAULT_CAPACITY = 100L * 1024 * 1024 * 1024;

    /** Pool types whose definition must name a target directory. */
    private static final Set<String> DIR_LIKE = Set.of("dir", "fs", "netfs");

    private StorageStore() {
    }

    static final class Pool {
        final String type;
        String name;
        UUID uuid;
        Document def;
        boolean active;
        boolean persistent;
        boolean autostart;
        long capacity = DEFAULT_CAPACITY;
        long allocation;
        final Map<String, Vol> vols = new LinkedHashMap<>();

        Pool(Document def) {
            this.def = def;
            Element r = def.getDocumentElement();
            this.type = Xml.attr(r, "type");
            this.name = Xml.childText(r, "name");
            this.uuid = UUID.fromString(Xml.childText(r, "uuid"));
        }

        StoragePoolRef ref() {
            return new StoragePoolRef(name, uuid);
        }

        String targetPath() {
            return Xml.childText(Xml.child(def.getDocumentElement(), "target"), "path");
        }

        long available() {
            return capacity - allocation;
        }

        String format() {
            Document out = Xml.copy(def);
            Element r = out.getDocumentElement();
            for (String n : new String[]{"capacity", "allocation", "available"}) {
                Xml.removeChildren(r, n);
            }
            Element after = Xml.child(r, "uuid");
            long[] values = {capacity, allocation, available()};
            String[] names = {"capacity", "allocation", "available"};
            for (int i = 0; i < 3; i++) {
                Element e = out.createElement(names[i]);
                Xml.set(e, "unit", "bytes");
                e.setTextContent(Long.toString(values[i]));
                r.insertBefore(e, after.getNextSibling());
                after = e;
            }
            Element src = Xml.child(r, "source");
            if (src == null) {
                src = out.createElement("source");
            }
            // virStoragePoolDefFormat: the source follows the sizes (and the features), wherever the definition
            // had it, and virStoragePoolSourceFormat writes its children in its own order
            Element features = Xml.child(r, "features");
            if (features != null) {
                r.insertBefore(features, after.getNextSibling());
                after = features;
            }
            r.insertBefore(src, after.getNextSibling());
            List<String> order = List.of("host", "device", "dir", "adapter", "name", "initiator", "format", "auth",
                    "protocol", "vendor", "product");
            List<Element> kids = new ArrayList<>(Xml.children(src));
            kids.sort(Comparator.comparingInt(k -> {
                int i = order.indexOf(Xml.localName(k));
                return i < 0 ? order.size() : i;
            }));
            for (Element k : kids) {
                src.appendChild(k);
            }
            if (Xml.children(src).isEmpty() && src.getTextContent().isBlank()) {
                // virStoragePoolSourceFormat writes the element open and closed on lines of their own
                src.setTextContent("\n  ");
            }
            return Xml.format(out);
        }
    }

    static final class Vol {
        final String pool;
        final Document def;
        final String name;
        final String key;
        final String path;
        long capacity;
        long allocation;
        /** What was uploaded (a jvirt extension: libvirt's test volumes have no content). */
        SparseBytes content = new SparseBytes();

        Vol(String pool, Document def, String name, String key, String path, long capacity, long allocation) {
            this.pool = pool;
            this.def = def;
            this.name = name;
            this.key = key;
            this.path = path;
            this.capacity = capacity;
            this.allocation = allocation;
        }

        StorageVolRef ref() {
            return new StorageVolRef(pool, name, key);
        }

        String format() {
            Document out = Xml.newDocument("volume");
            Element r = out.getDocumentElement();
            Xml.set(r, "type", "file");
            Xml.setChildText(r, "name", name);
            Xml.setChildText(r, "key", key);
            Element src = Xml.child(def.getDocumentElement(), "source");
            // virStorageVolDefFormat writes <source> only around extents
            if (src != null && !Xml.children(src).isEmpty()) {
                r.appendChild(out.importNode(src, true));
            }
            Xml.set(Xml.setChildText(r, "capacity", Long.toString(capacity)), "unit", "bytes");
            Xml.set(Xml.setChildText(r, "allocation", Long.toString(allocation)), "unit", "bytes");
            Element target = Xml.ensureChild(r, "target");
            Xml.setChildText(target, "path", path);
            Element given = Xml.child(def.getDocumentElement(), "target");
            Element fmt = Xml.child(given, "format");
            Element f = out.createElement("format");
            Xml.set(f, "type", fmt != null && Xml.attr(fmt, "type") != null ? Xml.attr(fmt, "type") : "raw");
            target.appendChild(f);
            // timestamps are what libvirt reads from the file, never the definition's
            for (String n : new String[]{"permissions", "encryption", "compat", "features"}) {
                Element e = Xml.child(given, n);
                if (e != null) {
                    Element copy = (Element) target.appendChild(out.importNode(e, true));
                    if (n.equals("permissions")) {
                        dropUnsetIds(copy);
                    }
                }
            }
            Element backing = Xml.child(def.getDocumentElement(), "backingStore");
            if (backing != null) {
                Element copy = (Element) r.appendChild(out.importNode(backing, true));
                dropUnsetIds(Xml.child(copy, "permissions"));
            }
            return Xml.format(out);
        }
    }

    static Document parsePool(String xml) {
        Document d = Xml.parse(xml, "(storage_pool_definition)", "pool", ErrorDomain.STORAGE);
        return completePool(d);
    }

    /** virFileSanitizePath: repeated slashes collapsed (a leading "//" kept), no trailing slash; URIs untouched. */
    static String sanitizePath(String path) {
        int uri = path.indexOf("://");
        if (uri >= 0 && path.indexOf('/') > uri) {
            return path;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        if (path.startsWith("//") && !path.startsWith("///")) {
            sb.append("//");
            i = 2;
        }
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '/') {
                sb.append(c);
                i++;
                continue;
            }
            while (i < path.length() && path.charAt(i) == '/') {
                i++;
            }
            if (sb.length() != 0 && i == path.length()) {
                break;
            }
            sb.append('/');
        }
        return sb.toString();
    }

    /**
     * Permissions as virStorageDefParsePerms reads them and the formatters write them: the mode in octal with a
     * leading 0, owner and group as decimal numbers and left out when -1 (unset), then the label.
     */
    static void dropUnsetIds(Element perms) {
        if (perms == null) {
            return;
        }
        String mode = Xml.childText(perms, "mode");
        if (mode != null) {
            try {
                Xml.setChildText(perms, "mode", "0" + Integer.toOctalString(Integer.parseInt(mode.trim(), 8)));
            } catch (NumberFormatException e) {
                // libvirt refuses it ("malformed octal mode"); leave it as given
            }
        }
        for (String n : new String[]{"owner", "group"}) {
            String v = Xml.childText(perms, n);
            if (v == null) {
                continue;
            }
            try {
                long id = Long.parseLong(v.trim());
                if (id == -1 || id == 4294967295L) {
                    Xml.removeChildren(perms, n);
                } else {
                    Xml.setChildText(perms, n, Long.toString(id));
                }
            } catch (NumberFormatException e) {
                // left as given
            }
        }
        for (String n : new String[]{"mode", "owner", "group", "label"}) {
            Element e = Xml.child(perms, n);
            if (e != null) {
                perms.appendChild(e);
            }
        }
    }

    /** Pool types whose source has a name (VIR_STORAGE_POOL_SOURCE_NAME). */
    private static final Set<String> SOURCE_NAMED = Set.of("logical", "rbd", "sheepdog", "gluster", "zfs",
            "vstorage");

    static Document completePool(Document d) {
        Element r = d.getDocumentElement();
        if (Xml.attr(r, "type") == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "storage pool missing type attribute");
        }
        String type = Xml.attr(r, "type");
        boolean sourceName = SOURCE_NAMED.contains(type);
        Element source = Xml.child(r, "source");
        String name = Xml.childText(r, "name");
        if (name == null && sourceName && Xml.childText(source, "name") != null) {
            // virStoragePoolDefParseXML: these pools are named after their source by default
            name = Xml.childText(source, "name");
            Element n = d.createElement("name");
            n.setTextContent(name);
            r.insertBefore(n, r.getFirstChild());
        }
        if (name == null || name.isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing pool source name element");
        }
        if (sourceName) {
            // ... and their source by the pool's; a volume group is a /dev directory, a ZFS pool a /dev/zvol one
            if (source == null) {
                source = d.createElement("source");
                r.appendChild(source);
            }
            if (Xml.childText(source, "name") == null) {
                Xml.setChildText(source, "name", name);
            }
            String srcName = Xml.childText(source, "name");
            if (type.equals("logical") || type.equals("zfs")) {
                Element target = Xml.ensureChild(r, "target");
                Element path = Xml.child(target, "path");
                if (path == null) {
                    path = d.createElement("path");
                    target.insertBefore(path, target.getFirstChild());
                }
                path.setTextContent((type.equals("logical") ? "/dev/" : "/dev/zvol/") + srcName);
            }
            if (type.equals("logical") && Xml.child(source, "format") == null) {
                Xml.set(Xml.ensureChild(source, "format"), "type", "lvm2");
            }
        }
        if ((type.equals("fs") || type.equals("netfs")) && Xml.child(source, "format") == null) {
            // the file system pools' default format (VIR_STORAGE_POOL_FS_AUTO, VIR_STORAGE_POOL_NETFS_AUTO)
            if (source == null) {
                source = d.createElement("source");
                r.appendChild(source);
            }
            Xml.set(Xml.ensureChild(source, "format"), "type", "auto");
        }
        Element targetPath = Xml.child(Xml.child(r, "target"), "path");
        if (targetPath != null) {
            targetPath.setTextContent(sanitizePath(targetPath.getTextContent().trim()));
        }
        dropUnsetIds(Xml.child(Xml.child(r, "target"), "permissions"));
        String uuid = Xml.childText(r, "uuid");
        UUID u = uuid == null ? UUID.randomUUID() : LibvirtUUID.tryParse(uuid);
        if (u == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "malformed uuid element");
        }
        Element uuidEl = Xml.child(r, "uuid");
        if (uuidEl == null) {
            uuidEl = d.createElement("uuid");
            r.insertBefore(uuidEl, Xml.child(r, "name").getNextSibling());
        }
        uuidEl.setTextContent(u.toString());
        if (Xml.childText(Xml.child(r, "target"), "path") == null && DIR_LIKE.contains(Xml.attr(r, "type"))) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing storage pool target path");
        }
        return d;
    }


    /**
     * A volume created by the API (testStorageVolCreateXML, testStorageVolCreateXMLFrom): libvirt's test driver
     * always puts it at the pool's target path with its name, and keys it by that path, whatever the XML says.
     */
    static Vol parseNewVol(Pool pool, String xml) {
        Vol v = parseVol(pool, xml);
        String path = pool.targetPath() + "/" + v.name;
        return new Vol(v.pool, v.def, v.name, path, path, v.capacity, v.allocation);
    }

    /** A volume of a node file (testOpenVolumesForPool): the XML's path and key are kept. */
    static Vol parseVol(Pool pool, String xml) {
        Document d = Xml.parse(xml, "(storage_volume_definition)", "volume", ErrorDomain.STORAGE);
        Element r = d.getDocumentElement();
        String name = Xml.childText(r, "name");
        if (name == null || name.isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing volume name element");
        }
        Element cap = Xml.child(r, "capacity");
        if (cap == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing capacity element");
        }
        long capacity = ScaledInteger.toBytes(cap.getTextContent().strip(), Xml.attr(cap, "unit"), 1,
                ScaledInteger.MAX_BYTES, "./capacity", ErrorDomain.STORAGE);
        Element al = Xml.child(r, "allocation");
        long allocation = al == null ? capacity
                : ScaledInteger.toBytes(al.getTextContent().strip(), Xml.attr(al, "unit"), 1,
                ScaledInteger.MAX_BYTES, "./allocation", ErrorDomain.STORAGE);
        String path = Xml.childText(Xml.child(r, "target"), "path");
        if (path == null) {
            path = pool.targetPath() + "/" + name;
        }
        String key = Xml.childText(r, "key");
        return new Vol(pool.name, d, name, key == null ? path : key, path, capacity, allocation);
    }
}
