package org.jvirt.driver.qemu.lifecycle;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolType;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.storage.StorageVolumeXml;

/**
 * {@code <disk type='volume'>} at start (libvirt's virDomainDiskTranslateSourcePool): the pool and volume are
 * looked up through the storage driver's public API, and the disk of the live definition becomes the file or
 * block device the volume is, with the volume's format when the disk names none.
 */
public final class VolumeDisks {

    /** The path the command builder is given for a volume disk when nothing is started (define-time checks). */
    private static final String DRY_RUN_PATH = "/dev/null";

    private VolumeDisks() {
    }

    static boolean any(DomainXml def) {
        return def.devices().disks().stream().anyMatch(d -> d.source() instanceof DiskSource.Volume);
    }

    /** Resolves every volume disk of {@code live} through {@code storageUri}. */
    static void resolve(DomainXml live, String storageUri) {
        if (!any(live)) {
            return;
        }
        try (Connect storage = Connect.open(storageUri)) {
            for (DiskXml d : live.devices().disks()) {
                if (d.source() instanceof DiskSource.Volume v) {
                    translate(storage, d, v);
                }
            }
        }
    }

    /** Resolves one disk (a hot-plugged one) when it names a volume; other disks are left as they are. */
    public static void resolve(DiskXml d, String storageUri) {
        if (d.source() instanceof DiskSource.Volume v) {
            try (Connect storage = Connect.open(storageUri)) {
                translate(storage, d, v);
            }
        }
    }

    private static void translate(Connect storage, DiskXml d, DiskSource.Volume v) {
        StoragePool pool = storage.storagePoolLookupByName(v.pool());
        if (!pool.isActive()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "storage pool '%s' containing volume '%s' is not active", v.pool(), v.volume());
        }
        StorageVol vol = pool.storageVolLookupByName(v.volume());
        StorageVolInfo info = vol.getInfo();
        String path = vol.getPath();
        if (info.type() == StorageVolType.FILE) {
            d.source(new DiskSource.File(path));
        } else if (info.type() == StorageVolType.BLOCK) {
            d.source(new DiskSource.Block(path));
        } else {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "unexpected storage volume type '%s' for storage pool type '%s'",
                    info.type().name().toLowerCase(java.util.Locale.ROOT), "volume");
        }
        if (d.driver() == null || d.driver().type() == null) {
            String format = StorageVolumeXml.parse(vol.getXMLDesc()).targetFormat();
            if (info.type() == StorageVolType.BLOCK || format == null || "iso".equals(format)) {
                format = "raw";
            }
            DiskXml.DiskDriver old = d.driver();
            d.driver(new DiskXml.DiskDriver("qemu", format, old == null ? null : old.cache()));
        }
    }

    /** For checks without a start: volume disks stand for a file, so the rest of the definition is checked. */
    static void placeholders(DomainXml def) {
        for (DiskXml d : def.devices().disks()) {
            if (d.source() instanceof DiskSource.Volume) {
                d.source(new DiskSource.File(DRY_RUN_PATH));
            }
        }
    }
}
