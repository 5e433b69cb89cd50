package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An install tree's {@code .treeinfo} (an INI file, as Fedora, RHEL and openSUSE trees carry it): the
 * {@code [general]} family, variant, version and arch that libosinfo matches trees against, and the
 * {@code [images-ARCH]} kernel, initrd and boot.iso paths an installer boots.
 *
 * @param sections every section, each a map of key to value, in file order
 */
public record TreeInfo(Map<String, Map<String, String>> sections) {
    /** The file name a tree carries at its root (and the older spelling without the dot). */
    public static final String FILE_NAME = ".treeinfo";
    public static final String OLD_FILE_NAME = "treeinfo";
    /** A .treeinfo is a few KiB; a bound keeps a hostile tree from making us read a huge file. */
    private static final long MAX_BYTES = 1024 * 1024;

    public TreeInfo {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        sections = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads the .treeinfo of a tree: {@code path} is the file itself or the tree's root directory (where
     * {@code .treeinfo}, else {@code treeinfo}, is looked for).
     */
    public static TreeInfo read(Path path) throws IOException {
        Path file = path;
        if (Files.isDirectory(path)) {
            file = path.resolve(FILE_NAME);
            if (!Files.isRegularFile(file)) {
                file = path.resolve(OLD_FILE_NAME);
            }
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + " is larger than " + MAX_BYTES + " bytes: not a .treeinfo");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses .treeinfo text as GKeyFile reads it: {@code [section]} headers, {@code key = value} lines (blanks
     * around the {@code =} dropped), {@code #} and {@code ;} comments. Lines outside any section are ignored.
     */
    public static TreeInfo parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = sections.computeIfAbsent(line.substring(1, line.length() - 1).strip(),
                        k -> new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            if (current != null && eq > 0) {
                current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return new TreeInfo(sections);
    }

    /** A value of section {@code section}; empty when absent or blank. */
    public Optional<String> get(String section, String key) {
        Map<String, String> s = sections.get(section);
        String v = s == null ? null : s.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public Optional<String> family() {
        return get("general", "family");
    }

    public Optional<String> variant() {
        return get("general", "variant");
    }

    public Optional<String> version() {
        return get("general", "version");
    }

    public Optional<String> arch() {
        return get("general", "arch");
    }

    /** The tree's architecture as libosinfo takes it: the general arch, else i386. */
    public String archOrDefault() {
        return arch().orElse("i386");
    }

    /** The kernel path, relative to the tree root, from {@code [images-ARCH]}. */
    public Optional<String> kernel() {
        return arch().flatMap(a -> get("images-" + a, "kernel"));
    }

    /** The initrd path, relative to the tree root, from {@code [images-ARCH]}. */
    public Optional<String> initrd() {
        return arch().flatMap(a -> get("images-" + a, "initrd"));
    }

    /** The boot ISO path, relative to the tree root, from {@code [images-ARCH]}. */
    public Optional<String> bootIso() {
        return arch().flatMap(a -> get("images-" + a, "boot.iso"));
    }
}
