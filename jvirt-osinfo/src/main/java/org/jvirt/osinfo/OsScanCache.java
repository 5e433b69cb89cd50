package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The quick scans of every OS file ({@link OsFileScan}), kept in one file between runs, so that a short-id lookup
 * (bin/jvirt-osinfo-query, jvirt-install's --osinfo) reads one file instead of the ~800 of the database.
 *
 * <p>Valid only for exactly the files it was made from: its stamp is a digest of every OS file's path, size and
 * modification time, checked on each use (a stat per file, no read). Adding, removing or editing a file in any
 * root makes it stale; a stale, unreadable or foreign cache file is ignored and written again. Writing is best
 * effort (an unwritable cache directory only costs the speed-up) and atomic (temp file, rename), so concurrent
 * runs never read half a file.
 */
final class OsScanCache {

    private static final String MAGIC = "jvirt-osinfo-scan 1";
    private static final char LIST_SEP = '\u001f';

    private OsScanCache() {
    }

    /**
     * The cache file for these roots under $XDG_CACHE_HOME/jvirt (~/.cache/jvirt), one per set of roots, or null
     * when no home is known.
     */
    static Path defaultFile(List<Path> roots, Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base;
        if (xdg != null && !xdg.isBlank()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            if (home == null || home.isBlank()) {
                return null;
            }
            base = Path.of(home, ".cache");
        }
        String rootsHash = sha256(roots.toString()).substring(0, 16);
        return base.resolve("jvirt").resolve("osinfo-scan-" + rootsHash + ".txt");
    }

    /** The stamp of the OS files behind {@code keys}: their paths, sizes and modification times. */
    static String stamp(DbFiles files, List<String> keys) {
        MessageDigest md = digest();
        for (String key : keys) {
            md.update(key.getBytes(StandardCharsets.UTF_8));
            for (Path f : files.get(key).orElseThrow().files()) {
                String line;
                try {
                    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                    line = "\n" + f + "\t" + a.size() + "\t" + a.lastModifiedTime().toMillis() + "\t"
                            + a.lastModifiedTime().toInstant().getNano();
                } catch (IOException e) {
                    line = "\n" + f + "\tunreadable";
                }
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The scans kept in {@code file} for exactly {@code keys} made with {@code stamp}, or null. */
    static Map<String, OsFileScan> read(Path file, String stamp, List<String> keys) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        if (lines.size() != keys.size() + 2 || !lines.get(0).equals(MAGIC) || !lines.get(1).equals(stamp)) {
            return null;
        }
        Map<String, OsFileScan> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String[] f = lines.get(i + 2).split("\t", -1);
            if (f.length != 8 || !unescape(f[0]).equals(keys.get(i))) {
                return null;
            }
            try {
                out.put(keys.get(i), new OsFileScan(f[1].isEmpty() ? null : unescape(f[1]), list(f[2]), list(f[3]),
                        list(f[4]), Integer.parseInt(f[5]), f[6].equals("1"), f[7].equals("1")));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Keeps {@code scans} (in key order) in {@code file}; failures are ignored. */
    static void write(Path file, String stamp, Map<String, OsFileScan> scans) {
        StringBuilder sb = new StringBuilder(MAGIC).append('\n').append(stamp).append('\n');
        for (Map.Entry<String, OsFileScan> e : scans.entrySet()) {
            OsFileScan s = e.getValue();
            sb.append(escape(e.getKey())).append('\t').append(s.osId() == null ? "" : escape(s.osId()))
                    .append('\t').append(join(s.shortIds())).append('\t').append(join(s.relations()))
                    .append('\t').append(join(s.volumeIds())).append('\t').append(s.isoBlocks())
                    .append('\t').append(s.hasTreeinfo() ? 1 : 0).append('\t').append(s.plain() ? 1 : 0)
                    .append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | SecurityException e) {
            // only the speed-up is lost
        }
    }

    private static String join(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (!sb.isEmpty()) {
                sb.append(LIST_SEP);
            }
            // an empty string would read back as no element: mark it
            sb.append(v.isEmpty() ? "\\0" : escape(v));
        }
        return sb.toString();
    }

    private static List<String> list(String field) {
        if (field.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String v : field.split(String.valueOf(LIST_SEP), -1)) {
            out.add(v.equals("\\0") ? "" : unescape(v));
        }
        return List.copyOf(out);
    }

    /** Backslash escapes for the characters that structure the file. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case LIST_SEP -> sb.append("\\u");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            sb.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'u' -> LIST_SEP;
                default -> n;
            });
        }
        return sb.toString();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String s) {
        return HexFormat.of().formatHex(digest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
