package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * vol-resize, vol-upload and vol-download on jvirt's test driver, which keeps volume content (libvirt's test
 * driver refuses these calls, so they cannot be golden-compared with real virsh; see the driver's package-info).
 */
class VolumeContentCommandsTest {

    private record Result(int rc, String out, String err) {
    }

    private static Result jvirsh(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"-c", "test:///default", line}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void resizeGrowsTheVolume() {
        Result r = jvirsh("vol-create-as default-pool a.img 1M; vol-resize a.img 2M --pool default-pool; "
                + "vol-info a.img --pool default-pool");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("Size of volume 'a.img' successfully changed to 2M"), r.out());
        assertTrue(r.out().matches("(?s).*Capacity:\\s+2\\.00 MiB.*"), r.out());
        Result delta = jvirsh("vol-create-as default-pool a.img 1M; vol-resize a.img 1M --delta --pool default-pool; "
                + "vol-info a.img --pool default-pool");
        assertEquals(0, delta.rc(), delta.err());
        assertTrue(delta.out().matches("(?s).*Capacity:\\s+2\\.00 MiB.*"), delta.out());
    }

    @Test
    void uploadThenDownloadGivesTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Path in = dir.resolve("in.bin");
        Path back = dir.resolve("back.bin");
        Files.write(in, data);
        Result r = jvirsh("vol-create-as default-pool a.img 1M; vol-upload a.img " + in + " --pool default-pool; "
                + "vol-download a.img " + back + " --pool default-pool --length " + data.length);
        assertEquals(0, r.rc(), r.err());
        assertArrayEquals(data, Files.readAllBytes(back));
    }
}
