package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.driver.qemu.secret.DiskAuth;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.w3c.dom.Element;

/**
 * A disk's QEMU properties, built once for the command line and for hot-plug and media change (libvirt's
 * qemuBlockStorageSourceGetBackendProps, qemuBlockStorageSourceGetBlockdevFormatProps and
 * qemuBuildDiskDeviceProps): the protocol node ({@code file-ALIAS}: a file, a host block device, or a network
 * server: nbd, iscsi, http(s), ftp(s), rbd), the format node ({@code fmt-ALIAS}) on top, and the front-end
 * device with every tunable: cache, io, discard, detect_zeroes, iothread, bootindex, serial, wwn, readonly,
 * shareable, blockio and the error policies.
 */
public final class DiskProps {

    static final Set<String> FORMATS = Set.of("raw", "qcow2", "qed", "vmdk", "vdi", "vpc", "vhdx");
    private static final Set<String> CACHE = Set.of("default", "none", "writethrough", "writeback", "directsync",
            "unsafe");

    private DiskProps() {
    }

    /** Whether QEMU's block layer here opens images of this format (libvirt's list of usable ones). */
    public static boolean isFormat(String format) {
        return FORMATS.contains(format);
    }

    public static String storageNode(String alias) {
        return "file-" + alias;
    }

    public static String formatNode(String alias) {
        return "fmt-" + alias;
    }

    /** The driver element's attribute, or null. */
    private static String driverAttr(DiskXml d, String name) {
        Element drv = Dom.child(d.element(), "driver");
        return drv == null ? null : Dom.attribute(drv, name);
    }

    private static String cache(DiskXml d) {
        String c = driverAttr(d, "cache");
        if (c != null && !CACHE.contains(c)) {
            throw BuildContext.unsupported("unknown disk cache mode '%s'", c);
        }
        return c == null || c.equals("default") ? null : c;
    }

    /** Whether a disk has a medium (an empty CD-ROM has none). */
    public static boolean hasSource(DiskXml d) {
        return switch (d.source()) {
            case DiskSource.File f -> f.path() != null;
            case DiskSource.Block b -> b.dev() != null;
            case DiskSource.Network n -> true;
            default -> true;
        };
    }

    /** The protocol node, then the format node on it (blockdev-add them in this order), without TLS settings. */
    public static List<Props> backend(DiskXml d, String alias) {
        return backend(d, alias, NbdTls.DEFAULT);
    }

    /**
     * The protocol node, then the format node on it (blockdev-add them in this order); an NBD disk that uses
     * {@code tls} names its credentials object.
     */
    public static List<Props> backend(DiskXml d, String alias, NbdTls tls) {
        boolean cdrom = "cdrom".equals(d.device());
        String name = driverAttr(d, "name");
        if (name != null && !name.equals("qemu")) {
            throw BuildContext.unsupported("unsupported driver name '%s' for disk '%s'", name, d.targetDev());
        }
        String format = driverAttr(d, "type") == null ? "raw" : driverAttr(d, "type");
        if (!FORMATS.contains(format)) {
            throw BuildContext.unsupported("unknown driver format value '%s'", format);
        }
        Props storage = switch (d.source()) {
            case DiskSource.File f -> Props.of().put("driver", "file").put("filename", f.path());
            case DiskSource.Block b -> Props.of().put("driver", cdrom ? "host_cdrom" : "host_device")
                    .put("filename", b.dev());
            case DiskSource.Network n -> network(d, n, alias, tls);
            case DiskSource.Volume v -> throw BuildContext.unsupported(
                    "disk source type 'volume' must be resolved by the storage driver first (pool '%s')", v.pool());
            default -> throw BuildContext.unsupported("disk type '%s' is not supported", d.source().diskType());
        };
        String io = driverAttr(d, "io");
        if (io != null) {
            if (!Set.of("native", "threads", "io_uring").contains(io)) {
                throw BuildContext.unsupported("unknown disk io mode '%s'", io);
            }
            if (d.source() instanceof DiskSource.Network) {
                throw BuildContext.unsupported("io mode '%s' is only for local disks", io);
            }
            storage.put("aio", io);
        }
        storage.put("node-name", storageNode(alias)).put("auto-read-only", true).put("discard", "unmap");
        String cache = cache(d);
        boolean readOnly = cdrom || d.readonly();
        Props fmt = Props.of().put("node-name", formatNode(alias)).put("read-only", readOnly);
        String discard = driverAttr(d, "discard");
        if (discard != null) {
            if (!discard.equals("unmap") && !discard.equals("ignore")) {
                throw BuildContext.unsupported("unknown disk discard mode '%s'", discard);
            }
            fmt.put("discard", discard);
        }
        String zeroes = driverAttr(d, "detect_zeroes");
        if (zeroes != null) {
            if (!Set.of("off", "on", "unmap").contains(zeroes)) {
                throw BuildContext.unsupported("unknown disk detect_zeroes mode '%s'", zeroes);
            }
            // as libvirt: unmapping zeroes needs discard=unmap, else they are only detected
            fmt.put("detect-zeroes", zeroes.equals("unmap") && !"unmap".equals(discard) ? "on" : zeroes);
        }
        if (cache != null) {
            boolean direct = cache.equals("none") || cache.equals("directsync");
            boolean noFlush = cache.equals("unsafe");
            for (Props p : List.of(storage, fmt)) {
                p.put("cache", Props.of().put("direct", direct).put("no-flush", noFlush));
            }
        }
        fmt.put("driver", format).put("file", storageNode(alias));
        SecretArgs.encrypt(d, alias, fmt);
        return List.of(storage, fmt);
    }

    /**
     * The protocol node of a network source (libvirt's qemuBlockStorageSourceGet*Props per protocol), with the
     * login of an {@code <auth>}: the user and the secret object {@link SecretArgs} creates.
     */
    private static Props network(DiskXml d, DiskSource.Network n, String alias, NbdTls tls) {
        String protocol = n.protocol() == null ? "" : n.protocol();
        DiskAuth auth = DiskAuth.of(d).orElse(null);
        String user = auth == null ? null : auth.username();
        String secret = auth == null ? null : DiskAuth.objectId(storageNode(alias));
        List<DiskSource.Host> hosts = n.hosts();
        return switch (protocol) {
            case "nbd" -> {
                if (hosts.size() != 1) {
                    throw BuildContext.unsupported("protocol 'nbd' accepts only one host");
                }
                Props p = Props.of().put("driver", "nbd").put("server", server(hosts.get(0), 10809));
                p.put("export", n.name());
                if (tls.on(d)) {
                    p.put("tls-creds", NbdTls.objectId(storageNode(alias)))
                            .put("tls-hostname", Dom.attribute(Dom.child(d.element(), "source"), "tlsHostname"));
                }
                yield p;
            }
            case "iscsi" -> {
                if (hosts.size() != 1) {
                    throw BuildContext.unsupported("protocol 'iscsi' accepts only one host");
                }
                if (n.name() == null) {
                    throw BuildContext.unsupported("missing iSCSI target name");
                }
                String target = n.name();
                int lun = 0;
                int slash = target.lastIndexOf('/');
                if (slash > 0) {
                    try {
                        lun = Integer.parseInt(target.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        throw BuildContext.unsupported("invalid iSCSI LUN in '%s'", target);
                    }
                    target = target.substring(0, slash);
                }
                DiskSource.Host h = hosts.get(0);
                String host = h.name().contains(":") ? "[" + h.name() + "]" : h.name();
                Element initiator = Dom.child(Dom.child(d.element(), "source"), "initiator");
                Element iqn = initiator == null ? null : Dom.child(initiator, "iqn");
                yield Props.of().put("driver", "iscsi").put("portal", host + ":" + (h.port() == null ? 3260 : h.port()))
                        .put("target", target).put("lun", lun).put("transport", "tcp").put("user", user)
                        .put("password-secret", secret).put("initiator-name", iqn == null ? null
                                : Dom.attribute(iqn, "name"));
            }
            case "http", "https", "ftp", "ftps" -> {
                if (hosts.size() != 1) {
                    throw BuildContext.unsupported("protocol '%s' accepts only one host", protocol);
                }
                if (!d.readonly() && !"cdrom".equals(d.device())) {
                    throw BuildContext.unsupported("disk protocol '%s' is read-only in QEMU: the disk needs "
                            + "<readonly/>", protocol);
                }
                DiskSource.Host h = hosts.get(0);
                String host = h.name().contains(":") ? "[" + h.name() + "]" : h.name();
                String path = n.name() == null ? "" : (n.name().startsWith("/") ? n.name() : "/" + n.name());
                Props p = Props.of().put("driver", protocol).put("url", protocol + "://" + host
                        + (h.port() == null ? "" : ":" + h.port()) + path).put("username", user)
                        .put("password-secret", secret);
                Element ssl = Dom.child(Dom.child(d.element(), "source"), "ssl");
                if (ssl != null && Dom.attribute(ssl, "verify") != null && protocol.endsWith("s")) {
                    p.put("sslverify", "yes".equals(Dom.attribute(ssl, "verify")));
                }
                yield p;
            }
            case "rbd" -> {
                if (n.name() == null || !n.name().contains("/")) {
                    throw BuildContext.unsupported("can't split path '%s' into pool name and image name", n.name());
                }
                String pool = n.name().substring(0, n.name().indexOf('/'));
                String image = n.name().substring(n.name().indexOf('/') + 1);
                String snapshot = null;
                if (image.contains("@")) {
                    snapshot = image.substring(image.indexOf('@') + 1);
                    image = image.substring(0, image.indexOf('@'));
                }
                Props p = Props.of().put("driver", "rbd").put("pool", pool).put("image", image)
                        .put("snapshot", snapshot);
                if (!hosts.isEmpty()) {
                    List<Props> servers = new ArrayList<>();
                    for (DiskSource.Host h : hosts) {
                        servers.add(Props.of().put("host", h.name())
                                .put("port", String.valueOf(h.port() == null ? 6789 : h.port())));
                    }
                    p.put("server", servers);
                }
                if (auth != null) { // the auth modes of libvirt's old command line generator, which it keeps
                    p.put("user", user).put("auth-client-required", List.of("cephx", "none")).put("key-secret", secret);
                }
                yield p;
            }
            default -> throw BuildContext.unsupported("network disk protocol '%s' is not supported by this driver",
                    protocol);
        };
    }

    private static Props server(DiskSource.Host h, int defaultPort) {
        if ("unix".equals(h.transport())) {
            if (h.socket() == null) {
                throw BuildContext.unsupported("missing socket path of a unix transport host");
            }
            return Props.of().put("type", "unix").put("path", h.socket());
        }
        if (h.name() == null) {
            throw BuildContext.unsupported("missing host name of a network disk");
        }
        return Props.of().put("type", "inet").put("host", h.name())
                .put("port", String.valueOf(h.port() == null ? defaultPort : h.port()));
    }

    /**
     * The front-end device: {@code driver}, then what places it ({@code bus} and friends, from the caller),
     * then the drive and every device tunable of the disk.
     *
     * @param placement bus properties (empty for hot-plug, where the PCI slot is chosen separately)
     * @param iothreads the guest's iothread ids ({@code <iothreads>}, {@code <iothreadids>})
     */
    public static Props device(DiskXml d, String driver, Props placement, String alias, Integer bootindex,
            java.util.Collection<Integer> iothreads, boolean hasMedium) {
        Props p = Props.of().put("driver", driver);
        placement.values().forEach(p::put);
        String iothread = driverAttr(d, "iothread");
        if (iothread != null) {
            if (!driver.startsWith("virtio-blk")) {
                throw BuildContext.unsupported("IOThreads only available for virtio pci and virtio ccw disk");
            }
            int n;
            try {
                n = Integer.parseInt(iothread);
            } catch (NumberFormatException e) {
                throw BuildContext.unsupported("invalid iothread '%s'", iothread);
            }
            if (!iothreads.contains(n)) {
                throw BuildContext.unsupported("Disk iothread '%d' not defined in iothreadid", n);
            }
            p.put("iothread", "iothread" + n);
        }
        if (d.shareable()) {
            p.put("share-rw", true);
        }
        if (hasMedium) {
            p.put("drive", formatNode(alias));
        }
        p.put("id", alias).put("bootindex", bootindex);
        Element blockio = Dom.child(d.element(), "blockio");
        if (blockio != null) {
            p.put("logical_block_size", Attrs.integer(blockio, "logical_block_size"));
            p.put("physical_block_size", Attrs.integer(blockio, "physical_block_size"));
        }
        String wwn = childText(d, "wwn");
        if (wwn != null) {
            if (driver.startsWith("virtio")) {
                throw BuildContext.unsupported("Only ide and scsi disk support wwn");
            }
            if (!wwn.matches("(0x)?[0-9a-fA-F]{16}")) {
                throw BuildContext.unsupported("Malformed wwn: %s", wwn);
            }
            p.put("wwn", wwn.startsWith("0x") ? wwn : "0x" + wwn);
        }
        String cache = cache(d);
        if (cache != null) {
            p.put("write-cache", !cache.equals("writethrough") && !cache.equals("directsync"));
        }
        p.put("serial", d.serial());
        String werror = driverAttr(d, "error_policy");
        String rerror = driverAttr(d, "rerror_policy");
        if (werror != null) {
            p.put("werror", policy(werror));
        }
        if (rerror != null) {
            if (rerror.equals("enospace")) {
                throw BuildContext.unsupported("rerror_policy 'enospace' is not allowed");
            }
            p.put("rerror", policy(rerror));
        } else if (werror != null && !werror.equals("enospace")) {
            p.put("rerror", policy(werror)); // libvirt: the read policy follows the write policy
        }
        return p;
    }

    private static String policy(String p) {
        return switch (p) {
            case "stop", "report", "ignore" -> p;
            case "enospace" -> "enospc";
            default -> throw BuildContext.unsupported("unknown disk error policy '%s'", p);
        };
    }

    private static String childText(DiskXml d, String name) {
        Element c = Dom.child(d.element(), name);
        return c == null ? null : Dom.text(c).strip();
    }
}
