package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A domain's snapshot tree (libvirt's virDomainSnapshotObjList): snapshots by name, and the current one. */
final class Snapshots {

    /** One snapshot. {@code state} is the domain state name it captured ("running", "paused", "shutoff"...). */
    static final class Snap {
        String name;
        String description;
        String parent;
        long creationTime;
        String state;
        String memory;
        DomainDef dom;
        boolean redefined;

        Snap(String name) {
            this.name = name;
        }
    }

    /** Snapshots by name, in creation order; null until the first (most domains never have one). */
    private Map<String, Snap> byName;
    String current;

    int size() {
        return byName == null ? 0 : byName.size();
    }

    Snap get(String name) {
        return byName == null ? null : byName.get(name);
    }

    void put(String name, Snap s) {
        if (byName == null) {
            byName = new LinkedHashMap<>();
        }
        byName.put(name, s);
    }

    void remove(String name) {
        if (byName != null) {
            byName.remove(name);
        }
    }

    /** Every snapshot, in creation order. */
    List<Snap> all() {
        return byName == null ? new ArrayList<>() : new ArrayList<>(byName.values());
    }

    List<Snap> children(String parent) {
        List<Snap> out = new ArrayList<>();
        for (Snap s : all()) {
            if (parent == null ? s.parent == null : parent.equals(s.parent)) {
                out.add(s);
            }
        }
        return out;
    }

    /** All descendants of {@code name}, depth first, parents before children. */
    List<Snap> descendants(String name) {
        List<Snap> out = new ArrayList<>();
        for (Snap c : children(name)) {
            out.add(c);
            out.addAll(descendants(c.name));
        }
        return out;
    }

    boolean isLeaf(Snap s) {
        return children(s.name).isEmpty();
    }
}
