package org.jvirt.driver.storage.vol;

import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.storage.Permissions;
import org.jvirt.xml.storage.StorageVolumeXml;

/**
 * A volume as a client asks for it (virStorageVolDefParseXML for a file-based pool): sizes in bytes, target
 * format, permissions, qcow2 options, backing store.
 *
 * @param capacity   bytes, or null when the XML gives none (allowed with a backing store, or for a clone)
 * @param allocation bytes; the capacity when the XML gives none, as libvirt defaults it
 * @param features   the qcow2 features asked for, or null when {@code <features>} is absent
 */
public record VolDef(String name, Long capacity, long allocation, boolean hasAllocation, String format,
                     Permissions perms, String compat, long clusterSize, List<String> features, boolean nocow,
                     String backingPath, String backingFormat, boolean encrypted) {

    /** How a caller wants capacity checked (virStorageVolDefParse's OPT_CAPACITY / NO_CAPACITY). */
    public enum Capacity { REQUIRED_UNLESS_BACKING, NOT_NEEDED }

    public static VolDef parse(String xml, String defaultFormat, Capacity capacityRule) {
        StorageVolumeXml x = new StorageVolumeXml(XmlParser.defaults()
                .parse(xml, "(storage_volume_definition)", ErrorDomain.STORAGE, "volume").getDocumentElement());
        String name = x.name();
        if (name == null || name.isEmpty()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing volume name element");
        }
        String type = x.type();
        if (type != null && !List.of("file", "block", "dir", "network", "netdir", "ploop").contains(type)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "unknown volume type '%s'",
                    type);
        }
        String backing = x.backingStorePath();
        String backingFormat = null;
        if (backing != null) {
            backingFormat = x.backingStoreFormat() == null ? defaultFormat : x.backingStoreFormat();
            checkFormat(backingFormat);
        }
        Long capacity = x.capacityBytes();
        if (capacity == null && capacityRule == Capacity.REQUIRED_UNLESS_BACKING && backing == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR, "missing capacity element");
        }
        Long alloc = x.allocationBytes();
        String format = x.targetFormat() == null ? defaultFormat : x.targetFormat();
        checkFormat(format);
        String compat = x.targetCompat();
        if (compat != null && !compat.matches("\\d+\\.\\d+")) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.XML_ERROR,
                    "forbidden characters in 'compat' attribute");
        }
        List<String> features = x.targetFeatures();
        if (features != null) {
            if (compat == null) {
                compat = "1.1";
            }
            for (String f : features) {
                if (!ImageFormat.FEATURES.contains(f)) {
                    throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED,
                            "unsupported feature %s", f);
                }
            }
        }
        Long cluster = x.targetClusterSize();
        return new VolDef(name, capacity, alloc != null ? alloc : capacity == null ? 0 : capacity, alloc != null,
                format, x.targetPermissions(), compat, cluster == null ? 0 : cluster, features, x.targetNocow(),
                backing, backingFormat, x.targetEncrypted());
    }

    private static void checkFormat(String format) {
        if (!ImageFormat.known(format)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED,
                    "unknown volume format type %s", format);
        }
    }

    /** The same definition with another capacity (a clone takes its source's when none is given). */
    public VolDef withCapacity(long cap, long alloc) {
        return new VolDef(name, cap, alloc, hasAllocation, format, perms, compat, clusterSize, features, nocow,
                backingPath, backingFormat, encrypted);
    }

    public long capacityOrZero() {
        return capacity == null ? 0 : capacity;
    }
}
