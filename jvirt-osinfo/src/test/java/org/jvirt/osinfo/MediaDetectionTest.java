package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.osinfo.query.OsinfoDetect;

/**
 * ISO detection on images made by xorriso with the identifiers of real distributions' media: jvirt-osinfo names
 * the OS the database says, and the same OS and medium as the real osinfo-detect (libosinfo) on the same file.
 */
class MediaDetectionTest {
    private static OsinfoDb db;
    @TempDir
    static Path dir;

    @BeforeAll
    static void load() {
        db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR));
    }

    /** volume id, system id, publisher, application id, expected short-id (null: not recognised). */
    static Stream<Arguments> media() {
        return Stream.of(
                Arguments.of("Debian 11.5.0 amd64 n", "LINUX", null, null, "debian11"),
                Arguments.of("Debian 11.6.0 amd64 1", "LINUX", null, null, "debian11"),
                Arguments.of("Debian 10.13.0 i386 n", "LINUX", null, null, "debian10"),
                // Debian 12 came out after Debian 12's osinfo-db (2022-12-03): stale data, not recognised
                Arguments.of("Debian 12.0.0 amd64 n", "LINUX", null, null, null),
                Arguments.of("Fedora-WS-Live-36-1-5", "LINUX", null, null, "fedora36"),
                Arguments.of("Fedora-S-dvd-x86_64-36", "LINUX", null, null, "fedora36"),
                Arguments.of("Ubuntu-Server 22.04.1 LTS amd64", "LINUX", null, null, "ubuntu22.04"),
                Arguments.of("Ubuntu 20.04.5 LTS amd64", "LINUX", null, null, "ubuntu20.04"),
                Arguments.of("CentOS-Stream-9-BaseOS-x86_64", "LINUX", null, null, "centos-stream9"),
                Arguments.of("alpine-std 3.16.2 x86_64", "LINUX", null, null, "alpinelinux3.16"),
                Arguments.of("openSUSE-Leap-15.4-DVD-x86_64", "LINUX", "SUSE LINUX GmbH", null, "opensuse15.4"),
                Arguments.of("CCCOMA_X64FRE_EN-US_DV9", null, "MICROSOFT CORPORATION", "CDIMAGE 2.56", "win11"),
                Arguments.of("SSS_X64FREE_EN-US_DV9", null, "MICROSOFT CORPORATION", "CDIMAGE 2.56", "win2k22"),
                Arguments.of("CENA_X64FREV_EN-US_DV5", null, "MICROSOFT CORPORATION", "CDIMAGE 2.56", "win10"),
                Arguments.of("MY-BACKUP-DISC", "LINUX", null, null, null));
    }

    @ParameterizedTest
    @MethodSource("media")
    void detectsRealDistributionsMediaAsOsinfoDetectDoes(String vol, String sys, String pub, String app,
                                                        String expected) throws Exception {
        Path iso = IsoImages.make(dir, "m" + Integer.toHexString(vol.hashCode()), vol, sys, pub, app, Map.of());
        if (pub != null) {
            IsoImages.setPublisher(iso, pub);
        }
        Optional<MediaMatch> match = db.detectMedia(iso);
        assertEquals(Optional.ofNullable(expected), match.map(m -> m.os().shortId()), vol);
        IsoVolume volume = IsoVolume.read(iso);
        match.ifPresent(m -> assertTrue(m.media().matches(volume)));

        Peers.assumeInstalled("/usr/bin/osinfo-detect");
        Peers.Result real = Peers.run(List.of("/usr/bin/osinfo-detect", iso.toString()),
                Map.of("OSINFO_SYSTEM_DIR", OsinfoDb.SYSTEM_DIR.toString(), "OSINFO_LOCAL_DIR", dir.resolve("none")
                        .toString(), "OSINFO_USER_DIR", dir.resolve("none").toString()));
        assertEquals(0, real.rc(), real.err());
        assertEquals(real.out(), detect(iso.toString()), "osinfo-detect on " + vol);
    }

    @Test
    void allMatchesListsWhatOsinfoDetectAllLists() throws Exception {
        Path iso = IsoImages.make(dir, "all", "CCCOMA_X64FRE_EN-US_DV9", null, "MICROSOFT CORPORATION",
                "CDIMAGE 2.56", Map.of());
        IsoImages.setPublisher(iso, "MICROSOFT CORPORATION");
        List<MediaMatch> all = db.identifyAllMedia(IsoVolume.read(iso));
        assertTrue(all.size() > 1, "several Windows releases share this volume id: " + all);
        assertEquals("win11", all.get(0).os().shortId());
        Peers.assumeInstalled("/usr/bin/osinfo-detect");
        Peers.Result real = Peers.run(List.of("/usr/bin/osinfo-detect", "--all", iso.toString()),
                Map.of("OSINFO_LOCAL_DIR", dir.resolve("none").toString(),
                        "OSINFO_USER_DIR", dir.resolve("none").toString()));
        assertEquals(real.out(), detect("--all", iso.toString()));
    }

    @Test
    void readsThePrimaryVolumeDescriptorXorrisoWrote() throws Exception {
        Path iso = IsoImages.make(dir, "pvd", "Debian 11.5.0 amd64 n", "LINUX", "Debian Project",
                "jvirt test", Map.of("install.amd/vmlinuz", "kernel"));
        IsoVolume v = IsoVolume.read(iso);
        assertEquals("Debian 11.5.0 amd64 n", v.volumeId());
        assertEquals("LINUX", v.systemId());
        // ISO 9660 a-characters: xorriso writes these in upper case
        assertEquals("DEBIAN PROJECT", v.publisherId());
        assertEquals("JVIRT TEST", v.applicationId());
        assertEquals(Files.size(iso), v.volumeSize());
        assertTrue(v.bootable());
    }

    @Test
    void notAnIsoIsAnIoError() throws IOException {
        Path junk = Files.write(dir.resolve("junk.iso"), new byte[64 * 1024]);
        assertThrows(IOException.class, () -> db.detectMedia(junk));
        Path tiny = Files.writeString(dir.resolve("tiny.iso"), "not an image");
        assertThrows(IOException.class, () -> db.detectMedia(tiny));
        assertThrows(IOException.class, () -> db.detectMedia(dir.resolve("missing.iso")));
    }

    @Test
    void aNonBootableImageIsReportedSo() throws Exception {
        Path content = Files.createDirectories(dir.resolve("plain.d"));
        Files.writeString(content.resolve("a.txt"), "data");
        Path iso = dir.resolve("plain.iso");
        Peers.Result r = Peers.run(List.of(IsoImages.XORRISO, "-as", "mkisofs", "-quiet", "-V",
                "Debian 11.5.0 amd64 n", "-o", iso.toString(), content.toString()), Map.of());
        assertEquals(0, r.rc(), r.err());
        assertFalse(IsoVolume.read(iso).bootable());
        assertEquals("debian11", db.detectMedia(iso).orElseThrow().os().shortId());
        Peers.assumeInstalled("/usr/bin/osinfo-detect");
        assertEquals(Peers.run(List.of("/usr/bin/osinfo-detect", iso.toString()), Map.of()).out(),
                detect(iso.toString()));
    }

    @Test
    void emptyVolumeIdMatchesNothing() {
        assertFalse(db.identifyMedia(new IsoVolume("", "LINUX", "MICROSOFT CORPORATION", "", 0, true))
                .isPresent());
    }

    /** What jvirt-osinfo-detect prints for the image, run in-process over this test's database. */
    static String detect(String... argv) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int rc = new OsinfoDetect(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                System.err).run(() -> db, argv);
        assertEquals(0, rc);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
