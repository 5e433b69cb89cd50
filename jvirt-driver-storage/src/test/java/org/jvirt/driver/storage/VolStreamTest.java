package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.vol.NativeFiles;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.spi.StreamBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volume upload and download through the public API: windows, and sparse streams whose holes stay holes. */
class VolStreamTest extends HostRootTest {

    private static final int MIB = 1024 * 1024;
    private static final int HEAD = 200_000;
    private static final int TAIL_AT = 3 * MIB;
    private static final int TAIL = 100_000;

    private StoragePool pool;
    private Path dir;
    private byte[] head;
    private byte[] tail;

    @BeforeEach
    void open() {
        dir = host.dir("st");
        pool = conn.storagePoolCreateXML("<pool type='dir'><name>st</name><target><path>" + dir
                + "</path></target></pool>", StoragePoolCreateFlag.WITH_BUILD);
        Random r = new Random(3);
        head = new byte[HEAD];
        tail = new byte[TAIL];
        r.nextBytes(head);
        r.nextBytes(tail);
    }

    private StorageVol raw(String name, long capacity) {
        return pool.storageVolCreateXML("<volume><name>" + name + "</name><capacity>" + capacity
                + "</capacity><allocation>0</allocation></volume>");
    }

    @Test
    void sparseUploadKeepsHolesAndSparseDownloadReportsThem() throws Exception {
        StorageVol v = raw("s.img", 8 * MIB);
        Stream up = conn.newStream();
        v.upload(up, 0, 0, StorageVolUploadFlag.SPARSE_STREAM);
        up.send(head, 0, HEAD);
        up.sendHole(TAIL_AT - HEAD);
        up.send(tail, 0, TAIL);
        up.finish();
        Path p = dir.resolve("s.img");
        assertEquals(TAIL_AT + TAIL, Files.size(p), "libvirt truncates at a hole and writes on");
        assertTrue(NativeFiles.allocated(p) < MIB, "the hole is not allocated: " + NativeFiles.allocated(p));
        byte[] disk = Files.readAllBytes(p);
        assertArrayEquals(head, Arrays.copyOf(disk, HEAD));
        assertArrayEquals(tail, Arrays.copyOfRange(disk, TAIL_AT, TAIL_AT + TAIL));

        Stream down = conn.newStream();
        v.download(down, 0, 0, StorageVolDownloadFlag.SPARSE_STREAM);
        List<Long> holes = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (true) {
            int n = down.recvStopAtHole(buf, 0, buf.length);
            if (n == 0) {
                break;
            }
            if (n == StreamBackend.HOLE) {
                holes.add(down.recvHole());
                continue;
            }
            data.write(buf, 0, n);
        }
        down.finish();
        assertEquals(1, holes.size(), "one hole: " + holes);
        long hole = holes.get(0);
        assertTrue(hole >= TAIL_AT - HEAD - 4096 && hole <= TAIL_AT - HEAD, "hole " + hole);
        assertEquals(TAIL_AT + TAIL - hole, data.size());
        assertArrayEquals(head, Arrays.copyOf(data.toByteArray(), HEAD));
    }

    @Test
    void plainDownloadReadsHolesAsZerosAndHonoursTheWindow() throws Exception {
        StorageVol v = raw("w.img", 1 * MIB);
        try (var f = new java.io.RandomAccessFile(dir.resolve("w.img").toFile(), "rw")) {
            f.seek(1000);
            f.write(head, 0, 5000);
        }
        Stream down = conn.newStream();
        v.download(down, 990, 20);
        byte[] buf = new byte[100];
        int n = 0;
        int got;
        while ((got = down.recv(buf, n, buf.length - n)) > 0) {
            n += got;
        }
        down.finish();
        assertEquals(20, n);
        byte[] want = new byte[20];
        System.arraycopy(head, 0, want, 10, 10);
        assertArrayEquals(want, Arrays.copyOf(buf, 20));
    }

    @Test
    void uploadAtAnOffsetStopsAtTheWindowsEnd() throws Exception {
        StorageVol v = raw("o.img", 64 * 1024);
        Stream up = conn.newStream();
        v.upload(up, 4096, 100);
        up.send(head, 0, 100);
        VirtException full = assertThrows(VirtException.class, () -> up.send(head, 0, 1));
        assertTrue(full.getMessage().contains("No space left on device"), full.getMessage());
        up.abort();
        byte[] disk = Files.readAllBytes(dir.resolve("o.img"));
        assertEquals(64 * 1024, disk.length);
        assertArrayEquals(Arrays.copyOf(head, 100), Arrays.copyOfRange(disk, 4096, 4196));
        Stream plain = conn.newStream();
        v.upload(plain, 0, 0);
        VirtException hole = assertThrows(VirtException.class, () -> plain.sendHole(10));
        assertTrue(hole.getMessage().contains("unexpected stream hole"), hole.getMessage());
        plain.abort();
    }
}
