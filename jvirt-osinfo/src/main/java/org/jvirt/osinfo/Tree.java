package org.jvirt.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network install tree of an OS ({@code <tree arch="x86_64">}): its URL, the kernel and initrd paths below it,
 * and the {@code .treeinfo} fields (regular expressions) that recognise it. Properties carry libosinfo's names:
 * {@code architecture}, {@code url}, {@code kernel}, {@code initrd}, {@code boot-iso}, {@code treeinfo-family},
 * {@code treeinfo-variant}, {@code treeinfo-version}, {@code treeinfo-arch}, {@code has-treeinfo}, {@code variant}.
 */
public final class Tree extends Entity {
    Tree(String id, Map<String, List<String>> properties) {
        super(id, properties);
    }

    public String arch() {
        return property("architecture").orElse("all");
    }

    public Optional<String> url() {
        return property("url");
    }

    public List<String> variants() {
        return properties("variant");
    }

    public Optional<String> kernel() {
        return property("kernel");
    }

    public Optional<String> initrd() {
        return property("initrd");
    }

    public Optional<String> bootIso() {
        return property("boot-iso");
    }

    public Optional<String> treeinfoFamily() {
        return property("treeinfo-family");
    }

    public Optional<String> treeinfoVariant() {
        return property("treeinfo-variant");
    }

    public Optional<String> treeinfoVersion() {
        return property("treeinfo-version");
    }

    public Optional<String> treeinfoArch() {
        return property("treeinfo-arch");
    }

    /** Whether the database gives .treeinfo fields for this tree: only such trees can be recognised. */
    public boolean hasTreeinfo() {
        return flag("has-treeinfo", false);
    }

    /**
     * Whether a tree with {@code info} is this one (libosinfo's osinfo_tree_matches): this entry must have
     * .treeinfo fields, the architectures must agree (or this entry be for "all"), and each field's regular
     * expression must be found in the tree's value.
     */
    public boolean matches(TreeInfo info) {
        if (!hasTreeinfo()) {
            return false;
        }
        String arch = info.archOrDefault();
        return (arch().equals(arch) || arch().equals("all"))
                && Regexes.matches(value("treeinfo-family"), info.family().orElse(null))
                && Regexes.matches(value("treeinfo-variant"), info.variant().orElse(null))
                && Regexes.matches(value("treeinfo-version"), info.version().orElse(null))
                && Regexes.matches(value("treeinfo-arch"), info.arch().orElse(null));
    }
}
