package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's rules on small databases written by the test: inheritance, overrides, cycles, end of life. */
class OsModelTest {
    @TempDir
    Path root;

    private void os(String file, String body) throws Exception {
        Path f = root.resolve("os/example.org/" + file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "<libosinfo version=\"0.0.1\">" + body + "</libosinfo>");
    }

    private void device(String file, String id, String name) throws Exception {
        Path f = root.resolve("device/example.org/" + file);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "<libosinfo><device id=\"" + id + "\"><name>" + name + "</name><class>net</class>"
                + "</device></libosinfo>");
    }

    @Test
    void theNearestDeviceLinkDecidesAndUnsupportedRemoves() throws Exception {
        device("ex-a.xml", "http://example.org/ex/a", "net-a");
        device("ex-b.xml", "http://example.org/ex/b", "net-b");
        os("base-1.xml", """
                <os id="http://example.org/base/1"><short-id>base1</short-id>
                  <devices><device id="http://example.org/ex/a"/><device id="http://example.org/ex/b"/></devices>
                  <firmware arch="x86_64" type="efi"/>
                  <resources arch="all"><minimum><ram>1000</ram><n-cpus>1</n-cpus></minimum>
                    <recommended><ram>2000</ram><storage>9000</storage></recommended></resources>
                </os>""");
        os("child-1.xml", """
                <os id="http://example.org/child/1"><short-id>child1</short-id>
                  <derives-from id="http://example.org/base/1"/>
                  <devices><device id="http://example.org/ex/b" supported="false"/></devices>
                  <firmware arch="x86_64" type="bios" supported="false"/>
                  <resources arch="all" inherit="true"><recommended><ram>4000</ram></recommended></resources>
                </os>""");
        OsinfoDb db = OsinfoDb.load(List.of(root));
        Os base = db.require("base1");
        Os child = db.require("child1");
        assertEquals(Set.of("http://example.org/ex/a", "http://example.org/ex/b"), base.deviceIds());
        assertEquals(Set.of("http://example.org/ex/a"), child.deviceIds());
        assertTrue(child.supportsDevice("net-a"));
        assertFalse(child.supportsDevice("net-b"));
        assertFalse(base.requiresEfi("x86_64"), "bios is not ruled out for the base");
        assertTrue(child.requiresEfi("x86_64"), "efi inherited, bios unsupported");
        Resources rec = child.resources("x86_64").recommended().orElseThrow();
        assertEquals(4000, rec.ramBytes().getAsLong());
        assertEquals(9000, rec.storageBytes().getAsLong(), "filled from the base: the block inherits");
        // an inheriting <resources> holds every kind, even one it does not write: all from the base
        assertEquals(1000, child.resources("x86_64").minimum().orElseThrow().ramBytes().getAsLong());
        assertEquals(1, child.resources("x86_64").minimum().orElseThrow().cpus().getAsInt());
        assertTrue(child.isRelatedTo(Set.of("base1")));
        assertFalse(base.isRelatedTo(Set.of("child1")));
    }

    @Test
    void aDerivationCycleEnds() throws Exception {
        os("a-1.xml", """
                <os id="http://example.org/a/1"><short-id>a1</short-id><derives-from id="http://example.org/b/1"/>
                <devices><device id="http://example.org/ex/a"/></devices></os>""");
        os("b-1.xml", """
                <os id="http://example.org/b/1"><short-id>b1</short-id><derives-from id="http://example.org/a/1"/>
                </os>""");
        OsinfoDb db = OsinfoDb.load(List.of(root));
        assertEquals(Set.of("http://example.org/ex/a"), db.require("b1").deviceIds());
        assertTrue(db.require("a1").firmwares().isEmpty());
    }

    @Test
    void endOfLifeAsVirtInstallDecidesIt() throws Exception {
        os("old-1.xml", """
                <os id="http://example.org/old/1"><short-id>old1</short-id><release-date>2010-01-01</release-date>
                </os>""");
        os("eol-1.xml", """
                <os id="http://example.org/eol/1"><short-id>eol1</short-id><eol-date>2024-06-30</eol-date></os>""");
        os("roll-1.xml", """
                <os id="http://example.org/roll/1"><short-id>roll1</short-id>
                <release-status>rolling</release-status><release-date>2001-01-01</release-date></os>""");
        OsinfoDb db = OsinfoDb.load(List.of(root));
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertTrue(db.require("old1").isEol(today), "no eol-date: ten years after release");
        assertFalse(db.require("old1").isEol(LocalDate.of(2015, 1, 1)));
        assertTrue(db.require("eol1").isEol(today));
        assertFalse(db.require("roll1").isEol(today));
        assertEquals(ReleaseStatus.ROLLING, db.require("roll1").releaseStatus());
    }

    @Test
    void anUnknownNameSuggestsTheNearest() {
        OsinfoDb db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR));
        OsinfoException e = assertThrows(OsinfoException.class, () -> db.require("fedora-36"));
        assertEquals("fedora36", e.nearest().get(0));
        assertTrue(e.getMessage().contains("Nearest: fedora36"), e.getMessage());
        OsinfoException full = assertThrows(OsinfoException.class, () -> db.require("http://example.org/x/1"));
        assertEquals("Unknown libosinfo ID 'http://example.org/x/1'", full.getMessage());
        assertTrue(db.find("").isEmpty());
    }

    @Test
    void aMalformedFileIsAClearError() throws Exception {
        os("bad-1.xml", "<os id=\"http://example.org/bad/1\"><short-id>bad1</short-id><name>unclosed</os>");
        OsinfoDb db = OsinfoDb.load(List.of(root));
        OsinfoException e = assertThrows(OsinfoException.class, () -> db.require("bad1"));
        assertTrue(e.getMessage().contains("bad-1.xml"), e.getMessage());
    }

    @Test
    void aDoctypeIsRefused() throws Exception {
        Path f = root.resolve("os/example.org/xxe-1.xml");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "<?xml version=\"1.0\"?><!DOCTYPE libosinfo [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<libosinfo><os id=\"http://example.org/xxe/1\"><short-id>xxe1</short-id><name>&x;</name></os>"
                + "</libosinfo>");
        OsinfoDb db = OsinfoDb.load(List.of(root));
        assertThrows(OsinfoException.class, () -> db.require("xxe1"));
    }
}
