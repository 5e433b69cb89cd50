package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.xml.checkpoint.CheckpointDisks;

/**
 * A domain's checkpoint tree (libvirt's virDomainCheckpointObjList over virDomainMomentObjList): checkpoints by
 * name, each linked under its parent or under a nameless root, and the current one. Children are linked newest
 * first, as virDomainMomentSetParent does, so a topological listing comes out in libvirt's order.
 */
final class Checkpoints {

    /** One checkpoint: its definition and its place in the tree. */
    static final class Chk {
        String name;
        String description;
        String parent;
        long creationTime;
        List<CheckpointDisks.Entry> disks = List.of();
        DomainDef dom;
        Chk up;
        final List<Chk> children = new ArrayList<>();

        Chk(String name) {
            this.name = name;
        }
    }

    private final Map<String, Chk> byName = new LinkedHashMap<>();
    /** The metaroot: roots are its children. */
    private final Chk root = new Chk(null);
    Chk current;

    int size() {
        return byName.size();
    }

    Chk get(String name) {
        return name == null ? null : byName.get(name);
    }

    /** virDomainMomentAssignDef: the caller has checked the name is free. */
    void add(Chk c) {
        byName.put(c.name, c);
    }

    /** virDomainMomentObjListRemove: true when it was the current one. */
    boolean remove(Chk c) {
        byName.remove(c.name);
        boolean wasCurrent = current == c;
        if (wasCurrent) {
            current = null;
        }
        return wasCurrent;
    }

    /** virDomainMomentLinkParent: under the parent it names, or among the roots when that is missing. */
    void link(Chk c) {
        Chk p = get(c.parent);
        c.up = p == null ? root : p;
        c.up.children.add(0, c);
    }

    /** virDomainMomentDropParent. */
    void unlink(Chk c) {
        if (c.up != null) {
            c.up.children.remove(c);
            c.up = null;
        }
    }

    /** virDomainMomentMoveChildren: every child of {@code from} becomes a child of {@code to}, placed first. */
    void moveChildren(Chk from, Chk to) {
        Chk target = to == null ? root : to;
        for (Chk c : from.children) {
            c.up = target;
        }
        target.children.addAll(0, from.children);
        from.children.clear();
    }

    /** The children of {@code c} (null: the roots). */
    List<Chk> children(Chk c) {
        return List.copyOf((c == null ? root : c).children);
    }

    /** Every descendant of {@code c} (null: all), parents before their children. */
    List<Chk> descendants(Chk c) {
        List<Chk> out = new ArrayList<>();
        for (Chk k : children(c)) {
            out.add(k);
            out.addAll(descendants(k));
        }
        return out;
    }

    /** Every checkpoint in the order they were defined. */
    List<Chk> all() {
        return new ArrayList<>(byName.values());
    }

    /** Whether {@code c}'s parent is the metaroot's (a root checkpoint). */
    boolean isRoot(Chk c) {
        return c.up == root;
    }
}
