package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.osinfo.query.OsinfoQuery;

/**
 * Stale data: Debian 12's osinfo-db (20221203) predates Debian 12, so the local (/etc/osinfo) and user
 * ($XDG_CONFIG_HOME/osinfo) directories are how an administrator adds or corrects an OS. Here they are temporary
 * roots; the real libosinfo, pointed at the same roots through OSINFO_LOCAL_DIR and OSINFO_USER_DIR, must see
 * the same database.
 */
class OverrideDirectoriesTest {
    private static final String DEBIAN12 = """
            <?xml version="1.0"?>
            <libosinfo version="0.0.1">
              <os id="http://debian.org/debian/12">
                <short-id>debian12</short-id>
                <short-id>debianbookworm</short-id>
                <name>%s</name>
                <version>12</version>
                <vendor>Debian Project</vendor>
                <family>linux</family>
                <distro>debian</distro>
                <codename>bookworm</codename>
                <upgrades id="http://debian.org/debian/11"/>
                <derives-from id="http://debian.org/debian/11"/>
                <release-date>2023-06-10</release-date>
                <resources arch="all" inherit="true">
                  <recommended>
                    <ram>2147483648</ram>
                  </recommended>
                </resources>
                <variant id="netinst"><name>Debian 12 netinst</name></variant>
                <media arch="x86_64">
                  <variant id="netinst"/>
                  <iso>
                    <volume-id>Debian 12.\\d+.\\d+ amd64 n</volume-id>
                  </iso>
                  <kernel>install.amd/vmlinuz</kernel>
                  <initrd>install.amd/initrd.gz</initrd>
                </media>
              </os>
            </libosinfo>
            """;

    @TempDir
    Path tmp;

    private Path write(Path root, String rel, String text) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }

    @Test
    void aLocalDirectoryAddsAnOsThePackagedDatabasePredates() throws Exception {
        Path local = tmp.resolve("etc-osinfo");
        write(local, "os/debian.org/debian-12.xml", DEBIAN12.formatted("Debian 12"));

        OsinfoDb packaged = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR, tmp.resolve("missing")));
        assertTrue(packaged.find("debian12").isEmpty());
        OsinfoException e = assertThrows(OsinfoException.class, () -> packaged.require("debian12"));
        assertTrue(e.getMessage().startsWith("Unknown OS name 'debian12'. See `--osinfo list` for valid values."),
                e.getMessage());
        assertTrue(e.nearest().contains("debian11"), e.nearest().toString());

        OsinfoDb db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR, local));
        Os d12 = db.require("debianbookworm");
        assertEquals("http://debian.org/debian/12", d12.id());
        assertEquals(db.require("http://debian.org/debian/12").id(), d12.id());
        assertEquals("Debian 12", d12.name());
        assertEquals(List.of("http://debian.org/debian/11"), d12.derivesFrom().stream().map(Os::id).toList());
        // devices and firmware come from Debian 11, which it derives from
        assertTrue(d12.supportsDevice("virtio1.0-net"));
        assertTrue(d12.supportsDevice("http://pcisig.com/pci/1af4/1042"));
        assertEquals(db.require("debian11").deviceIds(), d12.deviceIds());
        assertEquals(db.require("debian11").firmwares(), d12.firmwares());
        // an inherit="true" block takes what it lacks from Debian 11's block for the same arch
        Resources rec = d12.resources("x86_64").recommended().orElseThrow();
        assertEquals(2147483648L, rec.ramBytes().getAsLong());
        assertEquals(21474836480L, rec.storageBytes().getAsLong());

        Path iso = IsoImages.make(tmp, "bookworm", "Debian 12.1.0 amd64 n", "LINUX", null, null, Map.of());
        assertTrue(packaged.detectMedia(iso).isEmpty());
        MediaMatch m = db.detectMedia(iso).orElseThrow();
        assertEquals("debian12", m.os().shortId());
        assertEquals("install.amd/vmlinuz", m.media().kernel().orElseThrow());
    }

    @Test
    void userDirectoryOverridesLocalWhichOverridesSystem() throws Exception {
        Path local = tmp.resolve("local");
        Path user = tmp.resolve("user");
        write(local, "os/debian.org/debian-12.xml", DEBIAN12.formatted("Debian 12 (local)"));
        // a fragment beside the local file: dropped when a later directory replaces the main file
        write(local, "os/debian.org/debian-12.d/extra.xml", """
                <libosinfo version="0.0.1"><os id="http://debian.org/debian/12">
                  <short-id>bookworm-local</short-id></os></libosinfo>
                """);
        write(user, "os/debian.org/debian-12.xml", DEBIAN12.formatted("Debian 12 (user)"));
        // a fragment in the user directory extends the system's Debian 11 without replacing it
        write(user, "os/debian.org/debian-11.d/local.xml", """
                <libosinfo version="0.0.1"><os id="http://debian.org/debian/11">
                  <short-id>bullseye-here</short-id></os></libosinfo>
                """);
        // correcting a packaged OS: a file of the same name replaces it
        write(local, "os/debian.org/debian-10.xml", """
                <libosinfo version="0.0.1"><os id="http://debian.org/debian/10">
                  <short-id>debian10</short-id><name>Debian 10 (corrected)</name><version>10</version>
                </os></libosinfo>
                """);
        // an OS in a file whose name does not match its id is ignored, as libosinfo ignores it
        write(local, "os/example.org/misplaced.xml", """
                <libosinfo version="0.0.1"><os id="http://example.org/other/1">
                  <short-id>misplaced1</short-id><name>Misplaced</name></os></libosinfo>
                """);

        OsinfoDb db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR, local, user));
        assertEquals("Debian 12 (user)", db.require("debian12").name());
        assertTrue(db.find("bookworm-local").isEmpty());
        assertEquals("http://debian.org/debian/11", db.require("bullseye-here").id());
        assertEquals(List.of("debian11", "debianbullseye", "bullseye-here"), db.require("debian11").shortIds());
        assertEquals("Debian 10 (corrected)", db.require("debian10").name());
        assertTrue(db.require("debian10").media().isEmpty());
        assertTrue(db.find("misplaced1").isEmpty());
        assertFalse(db.all().stream().anyMatch(o -> o.id().equals("http://example.org/other/1")));

        // the real libosinfo over the same three directories lists the same
        Peers.assumeInstalled("/usr/bin/osinfo-query");
        Map<String, String> env = Map.of("OSINFO_SYSTEM_DIR", OsinfoDb.SYSTEM_DIR.toString(),
                "OSINFO_LOCAL_DIR", local.toString(), "OSINFO_USER_DIR", user.toString(), "LC_ALL", "C.UTF-8");
        for (List<String> args : List.of(List.of("os", "distro=debian"), List.of("os", "short-id=bullseye-here"),
                List.of("-s", "id", "os"))) {
            Peers.Result real = Peers.run(concat("/usr/bin/osinfo-query", args), env);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = new OsinfoQuery(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
                    .run(() -> db, args.toArray(String[]::new));
            assertEquals(real.out(), out.toString(StandardCharsets.UTF_8), args.toString());
            assertEquals(real.rc(), rc);
        }
    }

    @Test
    void defaultRootsFollowLibosinfosEnvironment() {
        assertEquals(List.of(Path.of("/usr/share/osinfo"), Path.of("/etc/osinfo"), Path.of("/home/u/.config/osinfo")),
                OsinfoDb.defaultRoots(Map.of("HOME", "/home/u")));
        assertEquals(List.of(Path.of("/usr/share/osinfo"), Path.of("/etc/osinfo"), Path.of("/x/osinfo")),
                OsinfoDb.defaultRoots(Map.of("HOME", "/home/u", "XDG_CONFIG_HOME", "/x")));
        assertEquals(List.of(Path.of("/s"), Path.of("/l"), Path.of("/u")),
                OsinfoDb.defaultRoots(Map.of("OSINFO_SYSTEM_DIR", "/s", "OSINFO_LOCAL_DIR", "/l",
                        "OSINFO_USER_DIR", "/u")));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> l = new java.util.ArrayList<>(List.of(first));
        l.addAll(rest);
        return l;
    }
}
