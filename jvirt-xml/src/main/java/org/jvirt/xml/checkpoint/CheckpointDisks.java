package org.jvirt.xml.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * checkpoint_conf.c's disk alignment, one home for every driver: a checkpoint gets one entry per disk of its
 * domain, in the domain's order, each saying whether the disk records changes in a bitmap and under which name.
 */
public final class CheckpointDisks {

    /** "bitmap": the disk records its changes in a dirty bitmap. */
    public static final String BITMAP = "bitmap";
    /** "no": the disk takes no part. */
    public static final String NONE = "no";

    private CheckpointDisks() {
    }

    /** A disk of the domain: its target, its source path (null: none), and whether it can hold no bitmap. */
    public record DomainDisk(String target, String source, boolean emptyOrReadonly) {
    }

    /** One checkpoint disk: a target (or a source path in a request), BITMAP, NONE or null (unset), a bitmap. */
    public record Entry(String name, String type, String bitmap) {
    }

    /** The entries of a parsed request: a disk without {@code checkpoint=} is a bitmap disk (the parser's default). */
    public static List<Entry> requested(DomainCheckpointXml x) {
        List<Entry> out = new ArrayList<>();
        for (DomainCheckpointXml.Disk d : x.disks()) {
            String type = d.checkpoint() == null ? BITMAP : d.checkpoint().equals("default") ? null : d.checkpoint();
            out.add(new Entry(d.name(), type, d.bitmap()));
        }
        return out;
    }

    private static VirtException unsupported(String format, Object... args) {
        return VirtException.of(ErrorDomain.DOMAIN_CHECKPOINT, ErrorNumber.CONFIG_UNSUPPORTED, format, args);
    }

    /**
     * virDomainCheckpointAlignDisks: without requested disks every writable disk gets a bitmap; with them, the
     * disks left out get none. A request names a disk by target or by (unique) source path.
     */
    public static List<Entry> align(List<Entry> requested, List<DomainDisk> domain, String checkpointName) {
        if (requested.size() > domain.size()) {
            throw unsupported("too many disk checkpoint requests for domain");
        }
        if (domain.isEmpty()) {
            throw unsupported("domain must have at least one disk to perform checkpoints");
        }
        String dflt = requested.isEmpty() ? BITMAP : NONE;
        Map<String, Entry> byTarget = new LinkedHashMap<>();
        for (Entry want : requested) {
            DomainDisk dd = byName(domain, want.name());
            if (dd == null) {
                throw unsupported("no disk named '%s'", want.name());
            }
            if (byTarget.containsKey(dd.target())) {
                throw unsupported("disk '%s' specified twice", want.name());
            }
            if (dd.emptyOrReadonly() && !NONE.equals(want.type())) {
                throw unsupported("disk '%s' is empty or readonly", want.name());
            }
            byTarget.put(dd.target(), new Entry(dd.target(), want.type(), want.bitmap()));
        }
        List<Entry> out = new ArrayList<>();
        for (DomainDisk dd : domain) {
            Entry have = byTarget.get(dd.target());
            out.add(have != null ? have : new Entry(dd.target(), dd.emptyOrReadonly() ? NONE : dflt, null));
        }
        return assignBitmapNames(out, checkpointName);
    }

    /** virDomainCheckpointDefAssignBitmapNames: a bitmap disk without a bitmap name takes the checkpoint's. */
    public static List<Entry> assignBitmapNames(List<Entry> entries, String checkpointName) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(BITMAP.equals(e.type()) && e.bitmap() == null ? new Entry(e.name(), e.type(), checkpointName) : e);
        }
        return out;
    }

    /**
     * virDomainDiskByName(def, name, false): a name without a leading '/' is a target; a path matches a disk's
     * source only when no other disk has the same one.
     */
    static DomainDisk byName(List<DomainDisk> disks, String name) {
        DomainDisk candidate = null;
        for (DomainDisk d : disks) {
            if (!name.startsWith("/")) {
                if (name.equals(d.target())) {
                    return d;
                }
            } else if (name.equals(d.source())) {
                if (candidate != null) {
                    return null;
                }
                candidate = d;
            }
        }
        return candidate;
    }
}
