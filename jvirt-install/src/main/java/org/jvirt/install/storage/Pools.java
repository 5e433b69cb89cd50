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
    /** The pool virt-install makes for the media it generates (install kernels, seed ISOs). */
    public static final String BOOT_SCRATCH = "boot-scratch";
    /** virt-install's system scratch directory ({@code get_system_scratchdir}). */
    public static final String SYSTEM_SCRATCH_DIR = "/var/lib/libvirt/boot";

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
        if (isSession(conn)) {
            return Path.of(home(), ".local", "share", "libvirt", "images").toString();
        }
        return "/var/lib/libvirt/images";
    }

    /**
     * Where generated media go: {@code /var/lib/libvirt/boot} for a system connection, the user's
     * {@code $XDG_CACHE_HOME/virt-manager/boot} (~/.cache/virt-manager/boot) for a session one, as virt-install's
     * {@code make_scratchdir} picks them.
     */
    public static String scratchPath(Connect conn) {
        if (isSession(conn)) {
            String cache = System.getenv("XDG_CACHE_HOME");
            Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(home(), ".cache");
            return base.resolve("virt-manager").resolve("boot").toString();
        }
        return SYSTEM_SCRATCH_DIR;
    }

    /** The pool at the scratch path, if one is defined (active or not). */
    public static Optional<StoragePool> lookupScratch(Connect conn) {
        return byTargetPath(conn, scratchPath(conn));
    }

    /**
     * virt-install's {@code volumeupload._build_pool}: the pool at the scratch path, started (and refreshed);
     * else a dir pool there named {@code boot-scratch} (or the first free {@code boot-scratch-N}), started and
     * autostarted. Unlike virt-install it is also built, so a host without the directory gets it.
     */
    public static StoragePool ensureScratch(Connect conn) {
        Optional<StoragePool> found = lookupScratch(conn);
        if (found.isPresent()) {
            StoragePool p = startIfInactive(found.get());
            p.refresh();
            return p;
        }
        return makeDirPool(conn, freeName(conn, BOOT_SCRATCH), scratchPath(conn));
    }

    /** The name a new scratch pool gets: the pool's at the scratch path, else the first free boot-scratch[-N]. */
    public static String scratchPoolName(Connect conn) {
        return lookupScratch(conn).map(StoragePool::getName).orElseGet(() -> freeName(conn, BOOT_SCRATCH));
    }

    /** virt-install's generate_name: {@code base}, else base-1, base-2, ... */
    private static String freeName(Connect conn, String base) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (StoragePool p : conn.listAllStoragePools()) {
            taken.add(p.getName());
        }
        if (!taken.contains(base)) {
            return base;
        }
        for (int i = 1;; i++) {
            if (!taken.contains(base + "-" + i)) {
                return base + "-" + i;
            }
        }
    }

    private static boolean isSession(Connect conn) {
        String uri = conn.getURI();
        int q = uri.indexOf('?');
        return (q < 0 ? uri : uri.substring(0, q)).endsWith("/session");
    }

    /** virt-install's expanduser("~"): $HOME first, as the user's shell has it. */
    private static String home() {
        String home = System.getenv("HOME");
        return home == null || home.isEmpty() ? System.getProperty("user.home") : home;
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
                    "Couldn't create %s storage pool '%s': %s", name.equals(DEFAULT) ? "default" : "scratch", dir,
                    e.getMessage());
        }
    }

    public static StoragePool startIfInactive(StoragePool p) {
        if (!p.isActive()) {
            p.create(new StoragePoolCreateFlag[0]);
        }
        return p;
    }
}
