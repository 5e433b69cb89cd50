package org.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.spi.StreamBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volume content (jvirt's extension over libvirt's test driver) and screenshots, through the public API. */
class VolumeContentTest {

    private static final int MIB = 1024 * 1024;

    private Connect c;
    private StoragePool pool;
    private StorageVol vol;

    @BeforeEach
    void open() {
        c = Connect.open("test:///default");
        pool = c.storagePoolLookupByName("default-pool");
        vol = pool.storageVolCreateXML("<volume><name>content.img</name><capacity>" + 2 * MIB
                + "</capacity><allocation>0</allocation></volume>");
    }

    @AfterEach
    void close() {
        vol.delete();
        c.close();
    }

    /** 2 MiB: random data, a 1 MiB hole, random data to the end. */
    private static byte[] fileWithHole() {
        byte[] b = new byte[2 * MIB];
        Random r = new Random(42);
        byte[] head = new byte[300_000];
        r.nextBytes(head);
        System.arraycopy(head, 0, b, 0, head.length);
        byte[] tail = new byte[2 * MIB - 300_000 - MIB];
        r.nextBytes(tail);
        System.arraycopy(tail, 0, b, 300_000 + MIB, tail.length);
        return b;
    }

    private static void sendAll(Stream s, byte[] data, int from, int to) {
        for (int off = from; off < to; off += 65536) {
            s.send(data, off, Math.min(65536, to - off));
        }
    }

    private byte[] download(long offset, long length) {
        try (Stream s = c.newStream()) {
            vol.download(s, offset, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[100_000];
            int n;
            while ((n = s.recv(buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
            }
            s.finish();
            return out.toByteArray();
        }
    }

    /** A sparse download as (data length | -hole length) runs, and the bytes it amounts to. */
    private record Sparse(List<Long> runs, byte[] bytes) {
    }

    private Sparse sparseDownload() {
        try (Stream s = c.newStream()) {
            vol.download(s, 0, 0, StorageVolDownloadFlag.SPARSE_STREAM);
            List<Long> runs = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = s.recvStopAtHole(buf, 0, buf.length)) != 0) {
                long run;
                if (n == StreamBackend.HOLE) {
                    run = s.recvHole();
                    out.writeBytes(new byte[(int) run]);
                    runs.add(-run);
                } else {
                    out.write(buf, 0, n);
                    run = n;
                    if (!runs.isEmpty() && runs.get(runs.size() - 1) > 0) {
                        runs.set(runs.size() - 1, runs.get(runs.size() - 1) + n);
                    } else {
                        runs.add(run);
                    }
                }
            }
            s.finish();
            return new Sparse(runs, out.toByteArray());
        }
    }

    private void sparseUpload(byte[] data) {
        try (Stream s = c.newStream()) {
            vol.upload(s, 0, 0, StorageVolUploadFlag.SPARSE_STREAM);
            sendAll(s, data, 0, 300_000);
            s.sendHole(MIB);
            sendAll(s, data, 300_000 + MIB, data.length);
            s.finish();
        }
    }

    @Test
    void plainUploadAndDownloadRoundTrip() {
        byte[] data = fileWithHole();
        try (Stream s = c.newStream()) {
            vol.upload(s, 0, 0);
            sendAll(s, data, 0, data.length);
            s.finish();
        }
        assertArrayEquals(data, download(0, 0));
        // zeros sent as data are data: a sparse download has no hole to report (as with a file written so)
        assertEquals(List.of((long) data.length), sparseDownload().runs());
    }

    @Test
    void sparseUploadKeepsTheHoleAndSparseDownloadReportsIt() {
        byte[] data = fileWithHole();
        sparseUpload(data);
        Sparse sp = sparseDownload();
        assertEquals(List.of(300_000L, (long) -MIB, (long) data.length - 300_000 - MIB), sp.runs());
        assertArrayEquals(data, sp.bytes());
        assertArrayEquals(data, download(0, 0), "a plain download reads the hole as zeros");
    }

    @Test
    void trailingHoleIsReportedBeforeTheEnd() {
        try (Stream s = c.newStream()) {
            vol.upload(s, 0, 0, StorageVolUploadFlag.SPARSE_STREAM);
            s.send(new byte[] {1, 2, 3}, 0, 3);
            s.finish();
        }
        assertEquals(List.of(3L, (long) -(2 * MIB - 3)), sparseDownload().runs());
    }

    @Test
    void offsetAndLengthSelectAWindow() {
        byte[] data = fileWithHole();
        sparseUpload(data);
        assertArrayEquals(Arrays.copyOfRange(data, 1000, 5000), download(1000, 4000));
        assertArrayEquals(Arrays.copyOfRange(data, MIB, 2 * MIB), download(MIB, 0), "length 0: to the end");
        assertArrayEquals(Arrays.copyOfRange(data, 2 * MIB - 10, 2 * MIB), download(2 * MIB - 10, 100),
                "a window past the end stops at the capacity");
        assertEquals(0, download(3L * MIB, 0).length);
        byte[] patch = {9, 9, 9, 9};
        try (Stream s = c.newStream()) {
            vol.upload(s, 500_000, 4);
            s.send(patch, 0, 4);
            s.finish();
        }
        byte[] expected = data.clone();
        System.arraycopy(patch, 0, expected, 500_000, 4);
        assertArrayEquals(expected, download(0, 0), "an upload overwrites its window, nothing else");
    }

    @Test
    void writingPastTheWindowOrCapacityIsNoSpaceLeft() {
        try (Stream s = c.newStream()) {
            vol.upload(s, 0, 2);
            VirtException e = assertThrows(VirtException.class, () -> s.send(new byte[] {5, 6, 7}, 0, 3));
            assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
            assertEquals(ErrorDomain.STREAMS.code(), e.error().domain());
            assertEquals("cannot write to stream: No space left on device", e.getMessage());
            s.abort();
        }
        assertArrayEquals(new byte[] {5, 6, 0}, download(0, 3), "the short write landed, as libvirt's does");
        try (Stream s = c.newStream()) {
            vol.upload(s, 2 * MIB - 1, 0);
            VirtException e = assertThrows(VirtException.class, () -> s.send(new byte[2], 0, 2));
            assertEquals("cannot write to stream: No space left on device", e.getMessage());
        }
    }

    @Test
    void holesNeedTheSparseFlag() {
        try (Stream s = c.newStream()) {
            vol.upload(s, 0, 0);
            VirtException e = assertThrows(VirtException.class, () -> s.sendHole(10));
            assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        }
        try (Stream s = c.newStream()) {
            vol.download(s, 0, 0);
            byte[] buf = new byte[10];
            assertEquals(10, s.recvStopAtHole(buf, 0, 10), "a plain stream reads holes as zeros");
        }
    }

    @Test
    void resizeFollowsLibvirtsChecks() {
        byte[] data = fileWithHole();
        sparseUpload(data);
        VirtException e = assertThrows(VirtException.class, () -> vol.resize(MIB));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertEquals(ErrorDomain.STORAGE.code(), e.error().domain());
        assertEquals("invalid argument: Can't shrink capacity below current capacity unless shrink flag "
                + "explicitly specified", e.getMessage());
        vol.resize(MIB, StorageVolResizeFlag.SHRINK);
        assertEquals(MIB, vol.getInfo().capacity());
        assertArrayEquals(Arrays.copyOf(data, MIB), download(0, 0));
        vol.resize(MIB, StorageVolResizeFlag.DELTA);
        assertEquals(2 * MIB, vol.getInfo().capacity());
        assertArrayEquals(Arrays.copyOf(Arrays.copyOf(data, MIB), 2 * MIB), download(0, 0), "growing adds a hole");
        vol.resize(MIB / 2, StorageVolResizeFlag.DELTA, StorageVolResizeFlag.SHRINK);
        assertEquals(MIB + MIB / 2, vol.getInfo().capacity());
        VirtException full = assertThrows(VirtException.class,
                () -> vol.resize(1L << 50, StorageVolResizeFlag.ALLOCATE));
        assertEquals(ErrorNumber.OPERATION_FAILED, full.number());
        assertEquals("operation failed: Not enough space left in storage pool", full.getMessage());
        vol.resize(2 * MIB, StorageVolResizeFlag.ALLOCATE);
        assertEquals(2 * MIB, vol.getInfo().allocation());
        VirtException below = assertThrows(VirtException.class,
                () -> vol.resize(MIB, StorageVolResizeFlag.SHRINK));
        assertEquals("invalid argument: can't shrink capacity below existing allocation", below.getMessage());
    }

    @Test
    void wipeZeroesTheContent() {
        sparseUpload(fileWithHole());
        vol.wipe(StorageVolWipeAlgorithm.ZERO);
        assertArrayEquals(new byte[2 * MIB], download(0, 0));
        assertEquals(List.of((long) -2 * MIB), sparseDownload().runs(), "zeroed content costs nothing");
        VirtException e = assertThrows(VirtException.class, () -> vol.wipe(StorageVolWipeAlgorithm.TRIM));
        assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, e.number());
        assertEquals("argument unsupported: 'trim' algorithm not supported", e.getMessage());
    }

    @Test
    void cloneCopiesTheContent() {
        byte[] data = fileWithHole();
        sparseUpload(data);
        StorageVol clone = pool.storageVolCreateXMLFrom("<volume><name>clone.img</name><capacity>" + 2 * MIB
                + "</capacity></volume>", vol);
        try {
            vol.wipe(StorageVolWipeAlgorithm.ZERO);
            StorageVol orig = vol;
            vol = clone;
            try {
                assertArrayEquals(data, download(0, 0));
            } finally {
                vol = orig;
            }
        } finally {
            clone.delete();
        }
    }

    @Test
    void screenshotIsAFixedPng() throws Exception {
        byte[] expected = TestDomains.screenshotPng();
        try (Stream s = c.newStream()) {
            assertEquals("image/png", c.domainLookupByName("test").screenshot(s, 0));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = s.recv(buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
            }
            s.finish();
            assertArrayEquals(expected, out.toByteArray());
        }
        var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(expected));
        assertEquals(TestDomains.SCREENSHOT_WIDTH, img.getWidth());
        assertEquals(TestDomains.SCREENSHOT_HEIGHT, img.getHeight());
    }

    @Test
    void screenshotHasTheMimeTypeRealLibvirtGives() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RealLibvirt.available(), "no python3-libvirt");
        java.nio.file.Path file = java.nio.file.Files.createTempFile("shot", ".png");
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                    import libvirt, sys
                    c = libvirt.open('test:///default')
                    st = c.newStream()
                    mime = c.lookupByName('test').screenshot(st, 0)
                    data = bytearray()
                    st.recvAll(lambda s, d, o: data.extend(d), None)
                    st.finish()
                    open(sys.argv[1], 'wb').write(data)
                    print(mime)
                    """, file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            assertEquals(0, p.waitFor(), out);
            assertEquals("image/png", out);
            byte[] real = java.nio.file.Files.readAllBytes(file);
            assertNotNull(javax.imageio.ImageIO.read(file.toFile()), "libvirt's screenshot is a PNG");
            try (Stream s = c.newStream()) {
                assertEquals(out, c.domainLookupByName("test").screenshot(s, 0));
                s.abort();
            }
            assertTrue(real.length > 0);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
