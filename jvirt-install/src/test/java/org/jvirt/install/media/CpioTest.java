package org.jvirt.install.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The initrd injection, read back by the real cpio: the files land in the archive's root with their bytes. */
class CpioTest {
    @TempDir
    Path dir;

    @Test
    void appendedArchiveIsReadByCpio() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/cpio")), "no cpio");
        Path initrd = dir.resolve("initrd.gz");
        Files.write(initrd, new byte[0]);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("preseed.cfg", "d-i debian-installer/locale string en_US\n".getBytes(StandardCharsets.UTF_8));
        files.put("odd.xml", "123".getBytes(StandardCharsets.UTF_8)); // a length that needs padding
        Cpio.append(initrd, files);
        Path out = Files.createDirectories(dir.resolve("out"));
        Process p = new ProcessBuilder("sh", "-c", "zcat \"$1\" | cpio -idm --quiet", "sh", initrd.toString())
                .directory(out.toFile()).redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), msg);
        assertEquals("d-i debian-installer/locale string en_US\n", Files.readString(out.resolve("preseed.cfg")));
        assertEquals("123", Files.readString(out.resolve("odd.xml")));
        try (var s = Files.list(out)) {
            assertEquals(List.of("odd.xml", "preseed.cfg"), s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void refusesNamesWithPaths() {
        Path initrd = dir.resolve("i");
        assertThrows(IOException.class, () -> Cpio.append(initrd, Map.of("../etc/passwd", new byte[1])));
    }
}
