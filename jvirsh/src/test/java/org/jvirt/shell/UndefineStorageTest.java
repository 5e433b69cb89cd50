package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** undefine --storage, --remove-all-storage and --wipe-storage through the storage API (test driver's pools). */
class UndefineStorageTest {

    private record Result(int rc, String out, String err) {
    }

    private static Result jvirsh(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"-c", "test:///default", line}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path domain(Path dir) throws Exception {
        Path xml = dir.resolve("u1.xml");
        Files.writeString(xml, """
                <domain type='test'>
                  <name>u1</name>
                  <memory>1024</memory>
                  <os><type>hvm</type></os>
                  <devices>
                    <disk type='file' device='disk'><source file='/default-pool/a.img'/><target dev='vda'/></disk>
                    <disk type='file' device='disk'><source file='/default-pool/b.img'/><target dev='vdb'/></disk>
                    <disk type='file' device='disk'><source file='/elsewhere/c.img'/><target dev='vdc'/></disk>
                  </devices>
                </domain>
                """);
        return xml;
    }

    private static final String VOLS = "vol-create-as default-pool a.img 1M; vol-create-as default-pool b.img 1M; ";

    @Test
    void removeAllStorageDeletesEveryManagedVolume(@TempDir Path dir) throws Exception {
        Result r = jvirsh(VOLS + "define " + domain(dir) + "; undefine u1 --remove-all-storage --wipe-storage; "
                + "vol-list default-pool");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("Domain 'u1' has been undefined"), r.out());
        assertTrue(r.out().contains("Wiping volume 'vda'(/default-pool/a.img) ... Done."), r.out());
        assertTrue(r.out().contains("Volume 'vda'(/default-pool/a.img) removed."), r.out());
        assertTrue(r.out().contains("Volume 'vdb'(/default-pool/b.img) removed."), r.out());
        assertTrue(r.err().contains("Storage volume 'vdc'(/elsewhere/c.img) is not managed by libvirt"), r.err());
        String list = r.out().substring(r.out().lastIndexOf("Name"));
        assertFalse(list.contains("a.img") || list.contains("b.img"), list);
    }

    @Test
    void storageListPicksByTargetOrSourceAndUnknownNamesFail(@TempDir Path dir) throws Exception {
        Result r = jvirsh(VOLS + "define " + domain(dir) + "; undefine u1 --storage vdb; vol-list default-pool");
        assertEquals(0, r.rc(), r.err());
        assertTrue(r.out().contains("Volume 'vdb'(/default-pool/b.img) removed."), r.out());
        String list = r.out().substring(r.out().lastIndexOf("Name"));
        assertTrue(list.contains("a.img") && !list.contains("b.img"), list);
        Result bad = jvirsh(VOLS + "define " + domain(dir) + "; undefine u1 --storage vdz");
        assertEquals(1, bad.rc());
        assertTrue(bad.err().contains("Volume 'vdz' was not found in domain's definition."), bad.err());
        Result wipeOnly = jvirsh("define " + domain(dir) + "; undefine u1 --wipe-storage");
        assertEquals(1, wipeOnly.rc());
        assertTrue(wipeOnly.err().contains("'--wipe-storage' requires '--storage <string>' or '--remove-all-storage'"),
                wipeOnly.err());
        Result both = jvirsh("define " + domain(dir) + "; undefine u1 --storage vda --remove-all-storage");
        assertTrue(both.err().contains("Specified both --storage and --remove-all-storage"), both.err());
    }
}
