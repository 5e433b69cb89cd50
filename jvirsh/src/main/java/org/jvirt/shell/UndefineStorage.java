package org.jvirt.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jvirt.Domain;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.VirtException;
import org.jvirt.flags.StorageVolDeleteFlag;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * undefine's {@code --storage}, {@code --remove-all-storage} and {@code --wipe-storage} (virsh's cmdUndefine): the
 * domain's disks are matched to storage volumes through the storage API before the domain goes, then wiped and
 * deleted after, with virsh's messages.
 */
final class UndefineStorage {

    /** A disk whose volume goes with the domain. */
    private record Vol(String target, String source, StorageVol vol) {
    }

    private final List<Vol> vols;
    private final boolean wipe;
    private final StorageVolDeleteFlag[] deleteFlags;

    private UndefineStorage(List<Vol> vols, boolean wipe, StorageVolDeleteFlag[] deleteFlags) {
        this.vols = vols;
        this.wipe = wipe;
        this.deleteFlags = deleteFlags;
    }

    /** The volumes the options ask to remove, or null when they ask for none; fails as virsh fails. */
    static UndefineStorage collect(Shell sh, Invocation cmd, Domain d) {
        String list = cmd.has("storage") ? cmd.string("storage") : null;
        boolean all = cmd.bool("remove-all-storage");
        boolean wipe = cmd.bool("wipe-storage");
        if (cmd.bool("delete-storage-volume-snapshots") && !all) {
            throw sh.fail("Option --%s is required by option --%s", "remove-all-storage",
                    "delete-storage-volume-snapshots");
        }
        if (list == null && !all) {
            if (wipe) {
                throw sh.fail("'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'");
            }
            return null;
        }
        if (d.isActive()) {
            throw sh.fail("Storage volume deletion is supported only on stopped domains");
        }
        if (list != null && all) {
            throw sh.fail("Specified both --storage and --remove-all-storage");
        }
        Set<String> wanted = new LinkedHashSet<>();
        if (list != null) {
            for (String s : list.split(",")) {
                if (!s.isBlank()) {
                    wanted.add(s.strip());
                }
            }
        }
        Document doc = Xml.parse(d.getXMLDesc());
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        List<Vol> vols = new ArrayList<>();
        for (Node n : Xml.nodes(doc, "/domain/devices/disk")) {
            Element disk = (Element) n;
            String target = Xml.string(disk, "target/@dev");
            if (target == null) {
                continue;
            }
            String source = Xml.string(disk, "source/@file|source/@dir|source/@name|source/@dev|source/@volume");
            String pool = Xml.string(disk, "source/@pool");
            if (list != null) {
                boolean picked = wanted.remove(target) | (source != null && wanted.remove(source));
                if (!picked) {
                    continue;
                }
            } else if (source == null) {
                continue;
            }
            StorageVol vol = null;
            try {
                if (pool != null) {
                    if (source == null) {
                        throw sh.fail("Missing storage volume name for disk '%s'", target);
                    }
                    StoragePool p;
                    try {
                        p = sh.conn().storagePoolLookupByName(pool);
                    } catch (VirtException e) {
                        throw sh.fail("Storage pool '%s' for volume '%s' not found.", pool, target);
                    }
                    vol = p.storageVolLookupByName(source);
                } else if (source != null) {
                    vol = sh.conn().storageVolLookupByPath(source);
                }
            } catch (VirtException e) {
                vol = null;
            }
            if (vol == null) {
                sh.error("Storage volume '%s'(%s) is not managed by libvirt. Remove it manually.\n", target, source);
                continue;
            }
            vols.add(new Vol(target, source, vol));
        }
        if (!wanted.isEmpty()) {
            for (String w : wanted) {
                sh.error("Volume '%s' was not found in domain's definition.\n", w);
            }
            throw sh.fail("Failed to undefine domain");
        }
        StorageVolDeleteFlag[] flags = cmd.bool("delete-storage-volume-snapshots")
                ? new StorageVolDeleteFlag[]{StorageVolDeleteFlag.WITH_SNAPSHOTS} : new StorageVolDeleteFlag[0];
        return new UndefineStorage(vols, wipe, flags);
    }

    /** Wipes (when asked) and deletes each volume; false when one of them failed. */
    boolean remove(Shell sh) {
        boolean ok = true;
        for (Vol v : vols) {
            if (wipe) {
                sh.printExtra("Wiping volume '%s'(%s) ... ", v.target(), v.source());
                try {
                    v.vol().wipe(StorageVolWipeAlgorithm.ZERO);
                    sh.printExtra("Done.\n");
                } catch (VirtException e) {
                    sh.error("Failed! Volume not removed.");
                    ok = false;
                    continue;
                }
            }
            try {
                v.vol().delete(deleteFlags);
                sh.printExtra("Volume '%s'(%s) removed.\n", v.target(), v.source());
            } catch (VirtException e) {
                sh.error("Failed to remove storage volume '%s'(%s)", v.target(), v.source());
                ok = false;
            }
        }
        return ok;
    }
}
