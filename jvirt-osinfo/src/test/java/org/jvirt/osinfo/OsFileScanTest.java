package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick scan that spares find() and detection a full parse must see what the XML parser sees: over every OS
 * file of the installed database, the same id, short-ids, relations and volume-id patterns; and a file it
 * cannot read plainly is flagged so that callers parse it.
 */
class OsFileScanTest {
    @TempDir
    Path tmp;

    @Test
    void seesWhatTheParserSeesInEveryInstalledOsFile() {
        DbFiles files = DbFiles.scan(List.of(OsinfoDb.SYSTEM_DIR));
        OsinfoDb db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR));
        List<String> keys = files.keys("os");
        assertTrue(keys.size() > 700);
        for (String key : keys) {
            OsFileScan scan = OsFileScan.of(files.get(key).orElseThrow().files());
            assertTrue(scan.plain(), key);
            Os os = db.find(scan.osId()).orElseThrow(() -> new AssertionError(key));
            assertEquals(os.shortIds(), scan.shortIds(), key);
            List<String> rel = new ArrayList<>();
            // what the loader names besides the OS itself (each fragment file names it again)
            os.loadRefs().stream().filter(r -> r.kind() == LoadRef.Kind.OS && !r.id().equals(os.id()))
                    .forEach(r -> rel.add(r.id()));
            assertEquals(rel, scan.relations(), key);
            List<String> vols = os.media().stream().flatMap(m -> m.volumeId().stream()).toList();
            assertEquals(vols, scan.volumeIds(), key);
            for (Media m : os.media()) {
                m.volumeId().ifPresent(v -> assertTrue(scan.mayMatch(v) || !Regexes.matches(v, v), key));
            }
            assertEquals(os.trees().stream().anyMatch(Tree::hasTreeinfo), scan.hasTreeinfo(), key);
        }
    }

    @Test
    void unusualFilesAreFlaggedForAFullParse() throws Exception {
        Path commented = Files.writeString(tmp.resolve("a.xml"), """
                <libosinfo><os id="http://example.org/a/1"><!-- <short-id>ghost</short-id> -->
                <short-id>a1</short-id><derives-from id='http://example.org/a/0'/>
                <media arch="x86_64"><iso><volume-id>A&amp;B 1</volume-id></iso></media></os></libosinfo>
                """);
        OsFileScan s = OsFileScan.of(List.of(commented));
        assertTrue(s.plain());
        assertEquals(List.of("a1"), s.shortIds());
        assertEquals(List.of("http://example.org/a/0"), s.relations());
        assertEquals(List.of("A&B 1"), s.volumeIds());
        assertTrue(s.mayMatch("A&B 1"));
        assertFalse(s.mayMatch("C 1"));

        Path cdata = Files.writeString(tmp.resolve("b.xml"), """
                <libosinfo><os id="http://example.org/b/1"><short-id><![CDATA[b1]]></short-id></os></libosinfo>
                """);
        assertFalse(OsFileScan.of(List.of(cdata)).plain());
        assertTrue(OsFileScan.of(List.of(cdata)).mayMatch("anything"));

        Path noVolume = Files.writeString(tmp.resolve("c.xml"), """
                <libosinfo><os id="http://example.org/c/1"><short-id>c1</short-id>
                <media arch="x86_64"><iso><publisher-id>ACME</publisher-id></iso></media></os></libosinfo>
                """);
        assertTrue(OsFileScan.of(List.of(noVolume)).mayMatch("whatever"), "matched on other fields: a candidate");
    }

    @Test
    void aShortIdTheScanCannotReadIsStillFound() throws Exception {
        Path root = tmp.resolve("db");
        Path f = root.resolve("os/example.org/b-1.xml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, """
                <libosinfo><os id="http://example.org/b/1"><short-id><![CDATA[b1]]></short-id>
                <name>B 1</name></os></libosinfo>
                """);
        OsinfoDb db = OsinfoDb.load(List.of(root));
        assertEquals("B 1", db.require("b1").name());
    }
}
