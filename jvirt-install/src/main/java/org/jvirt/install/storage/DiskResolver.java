package org.jvirt.install.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.VirtException;
import org.jvirt.install.InstallErrors;
import org.jvirt.install.InstallRequest.DiskSpec;
import org.jvirt.install.guest.GuestDisk;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Element;

/**
 * Turns --disk options into the domain's disks and the volumes to make, with virt-install's rules: a new disk is
 * {@code NAME.qcow2} (or {@code .img} when raw) in the default pool, numbered {@code NAME-1.qcow2} when taken; an
 * existing path keeps its format; a missing path needs a size. Nothing is made here.
 */
public final class DiskResolver {
    private static final long GIB = 1024L * 1024 * 1024;

    private final Connect conn;
    private final boolean localPaths;
    private final Set<String> namesTaken = new HashSet<>();

    /** The disks and the volumes behind them. */
    public record Resolved(List<GuestDisk> disks, List<VolumePlan> volumes) {}

    public DiskResolver(Connect conn) {
        this.conn = conn;
        this.localPaths = pathsAreLocal(conn);
    }

    /** Whether the host's paths are this machine's (no host name in the URI, not the test driver's fake ones). */
    public static boolean pathsAreLocal(Connect conn) {
        URI uri;
        try {
            uri = URI.create(conn.getURI());
        } catch (IllegalArgumentException e) {
            return false; // a URI java.net cannot read (a socket path with spaces): assume a remote host
        }
        return (uri.getHost() == null || uri.getHost().isEmpty() || "localhost".equals(uri.getHost()))
                && !"test".equals(uri.getScheme());
    }

    public boolean localPaths() {
        return localPaths;
    }

    /**
     * @param checkSize  --check disk_size: a new volume must fit the pool's free space
     * @param checkInUse --check path_in_use: an existing disk must not be another guest's
     */
    public Resolved resolve(String vmName, List<DiskSpec> specs, boolean checkSize, boolean checkInUse) {
        List<GuestDisk> disks = new ArrayList<>();
        List<VolumePlan> vols = new ArrayList<>();
        for (DiskSpec d : specs) {
            if (d.none()) {
                continue;
            }
            String device = d.device() == null ? "disk" : d.device();
            if (d.path() != null && exists(d.path())) {
                if (checkInUse && !d.isCdrom()) {
                    List<String> users = usersOf(d.path());
                    if (!users.isEmpty()) {
                        throw InstallErrors.optionalFail("path_in_use", "Disk " + d.path() + " is already in use by other guests "
                                + users.stream().map(u -> "'" + u + "'").toList() + ".");
                    }
                }
                disks.add(new GuestDisk(device, isBlock(d.path()), d.path(), existingFormat(d), d.bus(), false));
                continue;
            }
            if (d.path() != null && d.sizeGiB() == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "Must specify storage creation parameters for non-existent path '%s'.", d.path());
            }
            if (d.sizeGiB() == null && d.pool() == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG,
                        "--disk needs path=, size= or pool= (or --disk none)");
            }
            VolumePlan v = plan(vmName, d);
            if (checkSize) {
                checkFits(v);
            }
            vols.add(v);
            disks.add(new GuestDisk(device, false, v.path(), v.format(), d.bus(), true));
        }
        return new Resolved(disks, vols);
    }

    private VolumePlan plan(String vmName, DiskSpec d) {
        String format = d.format() != null ? d.format() : "qcow2";
        long capacity = (long) ((d.sizeGiB() == null ? 8.0 : d.sizeGiB()) * GIB);
        StoragePool pool;
        String volName;
        if (d.path() != null) {
            Path p = Path.of(d.path());
            Path dir = p.getParent();
            pool = Pools.byTargetPath(conn, dir.toString()).orElse(null);
            if (pool == null) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_STORAGE_POOL,
                        "no storage pool holds the directory '%s' of new disk '%s'", dir, d.path());
            }
            volName = p.getFileName().toString();
        } else {
            pool = d.pool() != null ? conn.storagePoolLookupByName(d.pool())
                    : Pools.lookupDefault(conn).orElse(null);
            volName = null;
        }
        String poolName = pool == null ? Pools.DEFAULT : pool.getName();
        String dir = pool == null ? Pools.defaultPath(conn) : Pools.targetPath(pool);
        if (volName == null) {
            volName = freeName(pool, vmName, "raw".equals(format) ? ".img" : "." + format);
        } else if (pool != null && volumeExists(pool, volName)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_VOL_EXIST,
                    "storage volume %s exists already", volName);
        }
        namesTaken.add(poolName + "/" + volName);
        String backing = d.backingStore();
        String backingFormat = backing == null ? null : probeFormat(backing);
        return new VolumePlan(poolName, volName, dir + "/" + volName, capacity, format, backing, backingFormat);
    }

    private String freeName(StoragePool pool, String base, String suffix) {
        for (int i = 0; ; i++) {
            String n = base + (i == 0 ? "" : "-" + i) + suffix;
            if (!namesTaken.contains((pool == null ? Pools.DEFAULT : pool.getName()) + "/" + n)
                    && (pool == null || !volumeExists(pool, n))) {
                return n;
            }
        }
    }

    private static boolean volumeExists(StoragePool pool, String name) {
        if (!pool.isActive()) {
            return false;
        }
        return pool.listVolumes().contains(name);
    }

    /** virt-install's disk_size check, made an error: the pool must be able to hold the whole volume. */
    private void checkFits(VolumePlan v) {
        StoragePool pool;
        try {
            pool = conn.storagePoolLookupByName(v.pool());
        } catch (VirtException e) {
            return; // the pool is made later; a fresh directory pool's space is the file system's
        }
        if (!pool.isActive()) {
            return;
        }
        long avail = pool.getInfo().available();
        if (v.capacity() > avail) {
            throw InstallErrors.optionalFail("disk_size", String.format("The requested volume capacity will exceed the available "
                    + "pool space when the volume is fully allocated. (%d M requested capacity > %d M available)",
                    v.capacity() / (1024 * 1024), avail / (1024 * 1024)));
        }
    }

    /** The guests (other than CD-ROM users) whose disks have {@code path} as their source. */
    private List<String> usersOf(String path) {
        List<String> names = new ArrayList<>();
        for (org.jvirt.Domain dom : conn.listAllDomains()) {
            Element root = XmlParser.defaults().parse(dom.getXMLDesc()).getDocumentElement();
            Element devices = Dom.child(root, "devices");
            for (Element disk : devices == null ? List.<Element>of() : Dom.children(devices, "disk")) {
                Element src = Dom.child(disk, "source");
                boolean shared = Dom.child(disk, "shareable") != null || Dom.child(disk, "readonly") != null;
                if (src != null && !shared && (path.equals(Dom.attribute(src, "file"))
                        || path.equals(Dom.attribute(src, "dev")))) {
                    names.add(dom.getName());
                    break;
                }
            }
        }
        return names;
    }

    /** Whether the path is a volume of the host, or (on a local host) a file or device. */
    public boolean exists(String path) {
        if (localPaths && Files.exists(Path.of(path))) {
            return true;
        }
        return volumeByPath(path).isPresent();
    }

    private Optional<StorageVol> volumeByPath(String path) {
        try {
            return Optional.of(conn.storageVolLookupByPath(path));
        } catch (VirtException e) {
            return Optional.empty();
        }
    }

    private boolean isBlock(String path) {
        if (localPaths) {
            Path p = Path.of(path);
            return Files.exists(p) && !Files.isRegularFile(p) && !Files.isDirectory(p);
        }
        return path.startsWith("/dev/");
    }

    private String existingFormat(DiskSpec d) {
        if (d.format() != null) {
            return d.format();
        }
        if (d.isCdrom()) {
            return "raw";
        }
        return probeFormat(d.path());
    }

    /** The format the host's volume says, or the file's qcow2 magic on a local host, else raw. */
    private String probeFormat(String path) {
        Optional<StorageVol> vol = volumeByPath(path);
        if (vol.isPresent()) {
            Element root = XmlParser.defaults().parse(vol.get().getXMLDesc()).getDocumentElement();
            Element target = Dom.child(root, "target");
            Element format = target == null ? null : Dom.child(target, "format");
            String type = format == null ? null : Dom.attribute(format, "type");
            if (type != null && !type.isEmpty() && !"iso".equals(type)) {
                return type;
            }
        }
        if (localPaths && Files.isRegularFile(Path.of(path))) {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                byte[] magic = in.readNBytes(4);
                if (magic.length == 4 && magic[0] == 'Q' && magic[1] == 'F' && magic[2] == 'I'
                        && (magic[3] & 0xff) == 0xfb) {
                    return "qcow2";
                }
            } catch (IOException e) {
                return "raw";
            }
        }
        return "raw";
    }
}
