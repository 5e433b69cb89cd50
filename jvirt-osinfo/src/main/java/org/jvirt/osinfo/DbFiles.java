package org.jvirt.osinfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a database spread over several roots, merged as libosinfo merges them
 * (osinfo_loader_process_list): each entity lives in a file named after its id ({@code os/debian.org/debian-11.xml})
 * and may be extended by fragments in a directory beside it ({@code os/debian.org/debian-11.d/*.xml}). A later
 * root's file with the same name replaces the earlier one together with its fragments; fragments alone are
 * added to what earlier roots gave. Only names are gathered here; nothing is parsed.
 */
final class DbFiles {
    /** One entity's files: the main file (absent when only fragments exist) and the fragments, in load order. */
    record Entry(Path master, List<Path> extensions) {
        List<Path> files() {
            List<Path> all = new ArrayList<>(extensions.size() + 1);
            if (master != null) {
                all.add(master);
            }
            all.addAll(extensions);
            return all;
        }
    }

    /** Keys ("os/debian.org/debian-11") in name order, so that every listing is deterministic. */
    private final TreeMap<String, Entry> entries;
    /** The order libosinfo processes the keys in: its merged GHashTable's (see {@link #libosinfoOrder()}). */
    private final List<String> libosinfoOrder;

    private DbFiles(TreeMap<String, Entry> entries, List<String> libosinfoOrder) {
        this.entries = entries;
        this.libosinfoOrder = libosinfoOrder;
    }

    static DbFiles scan(List<Path> roots) {
        TreeMap<String, Entry> all = new TreeMap<>();
        GHashOrder merged = new GHashOrder();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;                  // a missing override directory is normal (libosinfo's skipMissing)
            }
            Map<String, Path> masters = new LinkedHashMap<>();
            Map<String, List<Path>> extensions = new LinkedHashMap<>();
            List<String> seen = new ArrayList<>();
            walk(root, root, masters, extensions, seen);
            // libosinfo gathers each root's files in a hash table keyed "/os/vendor/name", then merges it,
            // in that table's order, into the table of all roots, which it finally processes in order
            GHashOrder perRoot = new GHashOrder();
            seen.forEach(k -> perRoot.insert("/" + k));
            perRoot.iterationOrder().forEach(merged::insert);
            for (Map.Entry<String, Path> m : masters.entrySet()) {
                all.put(m.getKey(), new Entry(m.getValue(), extensions.getOrDefault(m.getKey(), List.of())));
            }
            for (Map.Entry<String, List<Path>> x : extensions.entrySet()) {
                if (masters.containsKey(x.getKey())) {
                    continue;
                }
                Entry old = all.get(x.getKey());
                List<Path> ext = new ArrayList<>(old == null ? List.of() : old.extensions());
                ext.addAll(x.getValue());
                all.put(x.getKey(), new Entry(old == null ? null : old.master(), List.copyOf(ext)));
            }
        }
        return new DbFiles(all, merged.iterationOrder().stream().map(k -> k.substring(1)).toList());
    }

    private static void walk(Path root, Path dir, Map<String, Path> masters, Map<String, List<Path>> extensions,
                             List<String> seen) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (Files.isDirectory(child)) {
                if (!(dir.equals(root) && name.equals("schema"))) {
                    walk(root, child, masters, extensions, seen);
                }
                continue;
            }
            if (!name.endsWith(".xml")) {
                continue;                  // VERSION, LICENSE, editor backups
            }
            String rel = root.relativize(child).toString();
            String parent = root.relativize(dir).toString();
            if (parent.endsWith(".d")) {
                String key = parent.substring(0, parent.length() - 2);
                noteFirst(key, masters, extensions, seen);
                extensions.computeIfAbsent(key, k -> new ArrayList<>()).add(child);
            } else {
                String key = rel.substring(0, rel.length() - 4);
                noteFirst(key, masters, extensions, seen);
                masters.put(key, child);
            }
        }
    }

    private static void noteFirst(String key, Map<String, Path> masters, Map<String, List<Path>> extensions,
                                  List<String> seen) {
        if (!masters.containsKey(key) && !extensions.containsKey(key)) {
            seen.add(key);
        }
    }

    /** Every key in the order libosinfo's loader processes them (its phase 3), which orders its lists. */
    List<String> libosinfoOrder() {
        return libosinfoOrder;
    }

    Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The keys of one kind ("os", "device", "platform", "install-script", "datamap"), in name order. */
    List<String> keys(String kind) {
        String prefix = kind + "/";
        return List.copyOf(entries.subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    }

    /**
     * The key of the file that must hold entity {@code id} of {@code kind} (libosinfo's osinfo_loader_check_id):
     * "http://" dropped, the first '/' kept, every later one and every character other than a letter, digit,
     * '-', '.', '_' replaced by '-'.
     */
    static String keyFor(String kind, String id) {
        String s = id.startsWith("http://") ? id.substring("http://".length()) : id;
        StringBuilder b = new StringBuilder(kind.length() + 1 + s.length()).append(kind).append('/');
        boolean sep = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' && !sep) {
                sep = true;
                b.append(c);
            } else if ((c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '.' || c == '_') {
                b.append(c);
            } else {
                b.append('-');
            }
        }
        return b.toString();
    }
}
