package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan cache that lets a short-id lookup read one file instead of every OS file: used while the OS files are
 * exactly those it was made from, and ignored (then written again) as soon as one is added, removed or edited.
 */
class OsScanCacheTest {
    @TempDir
    Path tmp;

    private Path os(Path root, String vendor, String name, String id, String shortId) throws Exception {
        Path f = root.resolve("os").resolve(vendor).resolve(name + ".xml");
        Files.createDirectories(f.getParent());
        return Files.writeString(f, """
                <libosinfo version="0.0.1"><os id="%s"><short-id>%s</short-id><name>%s</name>
                <media arch="x86_64"><iso><volume-id>A\tB|C</volume-id></iso></media></os></libosinfo>
                """.formatted(id, shortId, name));
    }

    @Test
    void aLookupUsesTheCacheUntilAnOsFileChanges() throws Exception {
        Path root = tmp.resolve("db");
        Path cache = tmp.resolve("cache/scan.txt");
        os(root, "example.org", "alpha-1", "http://example.org/alpha/1", "alpha1");
        Path beta = os(root, "example.org", "beta-2", "http://example.org/beta/2", "beta2");

        assertEquals("http://example.org/alpha/1", OsinfoDb.load(List.of(root), cache).require("alpha1").id());
        assertTrue(Files.isRegularFile(cache), "the first lookup wrote the cache");

        // what a second run reads is the cache, not the files: a cache naming another short-id is believed
        String kept = Files.readString(cache);
        Files.writeString(cache, kept.replace("beta2", "gamma9"));
        OsinfoDb second = OsinfoDb.load(List.of(root), cache);
        assertTrue(second.find("beta2").isEmpty());
        assertTrue(second.find("gamma9").isEmpty(), "the parsed OS is checked: a wrong cache never names a wrong OS");

        // an edited file (size and time change) makes the cache stale: the files are scanned and it is rewritten
        Files.writeString(beta, Files.readString(beta).replace("beta2", "beta22"));
        Files.setLastModifiedTime(beta, FileTime.fromMillis(Files.getLastModifiedTime(beta).toMillis() + 2000));
        OsinfoDb third = OsinfoDb.load(List.of(root), cache);
        assertEquals("http://example.org/beta/2", third.require("beta22").id());
        assertTrue(third.find("gamma9").isEmpty());
        assertTrue(Files.readString(cache).contains("beta22"));

        // so does a file added in another root
        Path local = tmp.resolve("local");
        os(local, "example.org", "delta-4", "http://example.org/delta/4", "delta4");
        Path cache2 = tmp.resolve("cache/scan2.txt");
        assertEquals("http://example.org/delta/4",
                OsinfoDb.load(List.of(root, local), cache2).require("delta4").id());
        Files.copy(cache, cache2, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("http://example.org/delta/4",
                OsinfoDb.load(List.of(root, local), cache2).require("delta4").id());
    }

    @Test
    void theStampFollowsEveryFilesPathSizeAndTime() throws Exception {
        Path root = tmp.resolve("db");
        Path a = os(root, "example.org", "alpha-1", "http://example.org/alpha/1", "alpha1");
        DbFiles files = DbFiles.scan(List.of(root));
        String s1 = OsScanCache.stamp(files, files.keys("os"));
        assertEquals(s1, OsScanCache.stamp(files, files.keys("os")));
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 1000));
        assertNotEquals(s1, OsScanCache.stamp(files, files.keys("os")));
    }

    @Test
    void whatIsKeptReadsBackEqualAndAForeignFileIsIgnored() throws Exception {
        Path root = tmp.resolve("db");
        os(root, "example.org", "alpha-1", "http://example.org/alpha/1", "alpha1");
        DbFiles files = DbFiles.scan(List.of(root));
        List<String> keys = files.keys("os");
        OsFileScan scan = OsFileScan.of(files.get(keys.getFirst()).orElseThrow().files());
        assertEquals(List.of("A\tB|C"), scan.volumeIds());
        Path cache = tmp.resolve("c.txt");
        OsScanCache.write(cache, "stamp", Map.of(keys.getFirst(), scan));
        assertEquals(Map.of(keys.getFirst(), scan), OsScanCache.read(cache, "stamp", keys));
        assertNull(OsScanCache.read(cache, "other stamp", keys));
        Files.writeString(cache, "something else\n");
        assertNull(OsScanCache.read(cache, "stamp", keys));
        assertNull(OsScanCache.read(tmp.resolve("missing"), "stamp", keys));
        OsFileScan odd = new OsFileScan(null, List.of("", "a\\b"), List.of(), List.of("x\u001fy\nz"), 2, true,
                false);
        OsScanCache.write(cache, "s", Map.of(keys.getFirst(), odd));
        assertEquals(odd, OsScanCache.read(cache, "s", keys).get(keys.getFirst()));
    }
}
