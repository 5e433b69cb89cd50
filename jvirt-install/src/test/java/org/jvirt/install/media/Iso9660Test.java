package org.jvirt.install.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ISO 9660 reader against ISOs made by xorriso: Rock Ridge names (lower case, long, with dashes) and plain
 * ISO names (xorriso without -rational-rock), nested directories, a file larger than a sector, the volume id; and
 * the seed builder's NoCloud label. Garbage is refused with an error, never a wild read.
 */
class Iso9660Test {
    @TempDir
    Path dir;

    private Path iso(boolean rockRidge) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xorriso")), "no xorriso");
        Path tree = Files.createDirectories(dir.resolve("tree/install.amd/gtk"));
        Files.writeString(tree.getParent().resolve("vmlinuz"), "KERNEL");
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Files.write(tree.getParent().resolve("initrd.gz"), big);
        Files.writeString(tree.resolve("long-file-name.cfg"), "deep");
        Path out = dir.resolve(rockRidge ? "rr.iso" : "plain.iso");
        List<String> cmd = new java.util.ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-o", out.toString(),
                "-V", "Debian 12.1.0 amd64 n"));
        if (rockRidge) {
            cmd.add("-rational-rock");
        }
        cmd.add(dir.resolve("tree").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return out;
    }

    private static byte[] read(Iso9660 iso, String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        iso.copy(iso.find(path).orElseThrow(() -> new AssertionError(path + " not found")), out);
        return out.toByteArray();
    }

    @Test
    void readsFilesByRockRidgeName() throws Exception {
        try (Iso9660 iso = Iso9660.open(iso(true))) {
            assertEquals("Debian 12.1.0 amd64 n", iso.volumeId());
            assertEquals("KERNEL", new String(read(iso, "/install.amd/vmlinuz"), StandardCharsets.UTF_8));
            assertEquals(300_000, read(iso, "install.amd/initrd.gz").length);
            assertEquals((byte) (299_999 * 31), read(iso, "install.amd/initrd.gz")[299_999]);
            assertEquals("deep", new String(read(iso, "install.amd/gtk/long-file-name.cfg"),
                    StandardCharsets.UTF_8));
            assertTrue(iso.find("install.amd/missing").isEmpty());
            assertTrue(iso.find("install.amd/vmlinuz/below-a-file").isEmpty());
        }
    }

    @Test
    void readsFilesByPlainIsoNameWithoutRockRidge() throws Exception {
        try (Iso9660 iso = Iso9660.open(iso(false))) {
            assertEquals("KERNEL", new String(read(iso, "/install.amd/vmlinuz"), StandardCharsets.UTF_8));
            assertEquals(300_000, read(iso, "install.amd/initrd.gz").length);
        }
    }

    @Test
    void refusesWhatIsNoIso() throws Exception {
        Path junk = dir.resolve("junk.iso");
        Files.write(junk, new byte[40_000]);
        IOException e = assertThrows(IOException.class, () -> Iso9660.open(junk));
        assertTrue(e.getMessage().contains("not an ISO 9660 image"), e.getMessage());
        Path tiny = dir.resolve("tiny.iso");
        Files.write(tiny, new byte[100]);
        assertThrows(IOException.class, () -> Iso9660.open(tiny));
    }

    @Test
    void seedIsoCarriesTheNoCloudLabelAndFiles() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xorriso")), "no xorriso");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("meta-data", new byte[0]);
        files.put("user-data", "#cloud-config\n".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("seed.iso");
        SeedIso.build(out, files, SeedIso.CIDATA);
        try (Iso9660 iso = Iso9660.open(out)) {
            assertEquals("cidata", iso.volumeId());
            assertArrayEquals(files.get("user-data"), read(iso, "user-data"));
            assertEquals(0, read(iso, "meta-data").length);
        }
        assertThrows(IOException.class, () -> SeedIso.build(dir.resolve("bad.iso"), Map.of("../x", new byte[1]),
                null));
    }
}
