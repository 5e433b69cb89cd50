package org.jvirt.driver.qemu.caps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.driver.qemu.QemuJson;

/**
 * Probed capabilities, in memory and as one JSON file per binary under a cache directory, keyed by the binary's
 * path; an entry counts only while the binary's mtime and size still match, so an upgraded QEMU is re-probed.
 */
public final class QemuCapsCache {

    private final Path dir;
    private final Map<String, QemuCaps> memory = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param dir where the JSON files live, or null for memory only */
    public QemuCapsCache(Path dir) {
        this.dir = dir;
    }

    /** The default per-user cache: $XDG_CACHE_HOME/jvirt/qemu-caps (~/.cache/jvirt/qemu-caps). */
    public static Path defaultDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvirt").resolve("qemu-caps");
    }

    /** The capabilities of a binary, probing it only if nothing valid is cached. */
    public QemuCaps get(Path binary) {
        String key = binary.toAbsolutePath().toString();
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            BasicFileAttributes attrs = QemuCapsProbe.attributes(binary.toAbsolutePath());
            QemuCaps c = memory.get(key);
            if (c != null && matches(c, attrs)) {
                return c;
            }
            c = load(key);
            if (c == null || !matches(c, attrs)) {
                c = QemuCapsProbe.probe(binary);
                store(key, c);
            }
            memory.put(key, c);
            return c;
        }
    }

    /** Forgets everything cached in memory (the files stay, and are re-validated on the next get). */
    public void clearMemory() {
        memory.clear();
    }

    private static boolean matches(QemuCaps c, BasicFileAttributes attrs) {
        return c.formatVersion() == QemuCaps.FORMAT_VERSION && c.size() == attrs.size()
                && c.mtimeMillis() == attrs.lastModifiedTime().toMillis();
    }

    Path fileFor(String key) {
        String name = Path.of(key).getFileName() + "-" + sha256(key).substring(0, 16) + ".json";
        return dir.resolve(name);
    }

    private QemuCaps load(String key) {
        if (dir == null) {
            return null;
        }
        Path f = fileFor(key);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            QemuCaps c = QemuJson.mapper().readValue(f.toFile(), QemuCaps.class);
            return key.equals(c.binary()) ? c : null;
        } catch (IOException e) {
            return null; // unreadable or from an incompatible version: probe again
        }
    }

    private void store(String key, QemuCaps c) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path f = fileFor(key);
            Path tmp = Files.createTempFile(dir, f.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, QemuJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(c));
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // a cache that cannot be written only costs a probe next time
            System.getLogger(QemuCapsCache.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot write QEMU capabilities cache under " + dir + ": " + e.getMessage());
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
