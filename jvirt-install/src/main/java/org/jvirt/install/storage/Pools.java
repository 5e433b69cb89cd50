package org.jvirt.install.storage;

import java.nio.file.Path;
import java.util.Optional;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.install.guest.XmlNode;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Element;

/** Looks pools up as virt-install does (by name, by target path) and makes the default one when missing. */
public final class Pools {
    public static final String DEFAULT = "default";

    private Pools() {
    }

    /** virt-install's {@code lookup_default_pool}: the pool named default, else one at the default path. */
    public static Optional<StoragePool> lookupDefault(Connect conn) {
        try {
            return Optional.of(conn.storagePoolLookupByName(DEFAULT));
        } catch (VirtException e) {
            if (e.error().number() != ErrorNumber.NO_STORAGE_POOL) {
                throw e;
            }
        }
        return byTargetPath(conn, defaultPath(conn));
    }

    /** The first pool whose target path is {@code dir}, active or not. */
    public static Optional<StoragePool> byTargetPath(Connect conn, String dir) {
        String want = Path.of(dir).normalize().toString();
        for (StoragePool p : conn.listAllStoragePools()) {
            String t = targetPath(p);
            if (t != null && Path.of(t).normalize().toString().equals(want)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The pool's {@code <target><path>}, or null. */
    public static String targetPath(StoragePool p) {
        Element root = XmlParser.defaults().parse(p.getXMLDesc()).getDocumentElement();
        Element target = Dom.child(root, "target");
        Element path = target == null ? null : Dom.child(target, "path");
        return path == null ? null : Dom.text(path).strip();
    }

    /**
     * virt-install's preferred default pool path: libvirt's data root + images ({@code /var/lib/libvirt/images}
     * for a system connection, {@code ~/.local/share/libvirt/images} for a session one).
     */
    public static String defaultPath(Connect conn) {
        String uri = conn.getURI();
        int q = uri.indexOf('?');
        if ((q < 0 ? uri : uri.substring(0, q)).endsWith("/session")) {
            // virt-install's expanduser("~"): $HOME first, as the user's shell has it
            String home = System.getenv("HOME");
            home = home == null || home.isEmpty() ? System.getProperty("user.home") : home;
            return Path.of(home, ".local", "share", "libvirt", "images").toString();
        }
        return "/var/lib/libvirt/images";
    }

    /** The default pool, made (dir type, built, started, autostarted) when missing, as virt-install does. */
    public static StoragePool ensureDefault(Connect conn) {
        Optional<StoragePool> found = lookupDefault(conn);
        if (found.isPresent()) {
            return startIfInactive(found.get());
        }
        return makeDirPool(conn, DEFAULT, defaultPath(conn));
    }

    /** Defines, builds, starts and autostarts a dir pool. */
    public static StoragePool makeDirPool(Connect conn, String name, String dir) {
        XmlNode xml = XmlNode.of("pool").attr("type", "dir");
        xml.child("name").text(name);
        xml.child("target").child("path").text(dir);
        StoragePool pool = conn.storagePoolDefineXML(xml.toXml());
        try {
            pool.build(new StoragePoolBuildFlag[0]);
            pool.create(new StoragePoolCreateFlag[0]);
            pool.setAutostart(true);
            return pool;
        } catch (VirtException e) {
            try {
                pool.undefine();
            } catch (VirtException ignored) {
                // the pool's own error is the one to report
            }
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                    "Couldn't create default storage pool '%s': %s", dir, e.getMessage());
        }
    }

    public static StoragePool startIfInactive(StoragePool p) {
        if (!p.isActive()) {
            p.create(new StoragePoolCreateFlag[0]);
        }
        return p;
    }
}
