package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.jvirt.Connect;
import org.jvirt.StorageVol;
import org.jvirt.Stream;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.spi.StreamBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Streams through jvirtd with the real clients: virsh vol-upload / vol-download (plain and --sparse) of a file with
 * a hole, python3-libvirt's sendAll / recvAll, and virsh screenshot; over the unix socket and plain TCP.
 */
class StreamInteropTest {

    private static final int MIB = 1024 * 1024;
    /** 200 000 bytes of data, a hole up to 3 MiB, then 100 000 bytes of data. */
    private static final int HEAD = 200_000;
    private static final int TAIL_AT = 3 * MIB;
    private static final int SIZE = TAIL_AT + 100_000;

    private static DaemonFixture fx;
    private static byte[] content;
    private static Path holey;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        fx = new DaemonFixture();
        content = new byte[SIZE];
        Random r = new Random(7);
        byte[] head = new byte[HEAD];
        r.nextBytes(head);
        byte[] tail = new byte[SIZE - TAIL_AT];
        r.nextBytes(tail);
        System.arraycopy(head, 0, content, 0, HEAD);
        System.arraycopy(tail, 0, content, TAIL_AT, tail.length);
        holey = fx.dir.resolve("holey.img");
        try (RandomAccessFile f = new RandomAccessFile(holey.toFile(), "rw")) {
            f.write(head); // then seek over the hole: the file system keeps it unallocated
            f.seek(TAIL_AT);
            f.write(tail);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String uri(String transport) {
        return transport.equals("unix") ? fx.unixUri() : fx.tcpUri();
    }

    private static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** The volume's content as runs: positive = data, negative = hole, read in-process (the daemon's state). */
    private static List<Long> sparseRuns(String vol) {
        try (Connect c = Connect.open("test:///default"); Stream s = c.newStream()) {
            StorageVol v = c.storagePoolLookupByName("default-pool").storageVolLookupByName(vol);
            v.download(s, 0, 0, StorageVolDownloadFlag.SPARSE_STREAM);
            List<Long> runs = new ArrayList<>();
            byte[] buf = new byte[65536];
            int n;
            while ((n = s.recvStopAtHole(buf, 0, buf.length)) != 0) {
                long run = n == StreamBackend.HOLE ? -s.recvHole() : n;
                int last = runs.size() - 1;
                if (last >= 0 && Long.signum(runs.get(last)) == Long.signum(run)) {
                    runs.set(last, runs.get(last) + run);
                } else {
                    runs.add(run);
                }
            }
            s.finish();
            return runs;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void virshUploadsAndDownloadsAFileWithAHole(String transport) throws Exception {
        String u = uri(transport);
        String vol = "up-" + transport + ".img";
        ok(Tools.virsh(u, "vol-create-as", "default-pool", vol, "4M"));
        try {
            ok(Tools.virsh(u, "vol-upload", "--pool", "default-pool", vol, holey.toString()));
            assertEquals(1, sparseRuns(vol).stream().filter(x -> x < 0).count(),
                    "a plain upload sends the hole as zeros: only the volume's unwritten end is a hole");

            Path back = fx.dir.resolve("back-" + transport + ".img");
            ok(Tools.virsh(u, "vol-download", "--pool", "default-pool", vol, back.toString()));
            byte[] got = Files.readAllBytes(back);
            assertEquals(4 * MIB, got.length, "a download without --length is the whole volume");
            assertArrayEquals(content, Arrays.copyOf(got, SIZE));
            assertArrayEquals(new byte[4 * MIB - SIZE], Arrays.copyOfRange(got, SIZE, got.length));

            Path window = fx.dir.resolve("window-" + transport + ".img");
            ok(Tools.virsh(u, "vol-download", "--pool", "default-pool", vol, window.toString(), "--offset", "1000",
                    "--length", "5000"));
            assertArrayEquals(Arrays.copyOfRange(content, 1000, 6000), Files.readAllBytes(window));
        } finally {
            ok(Tools.virsh(u, "vol-delete", "--pool", "default-pool", vol));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void virshSparseUploadAndDownloadKeepTheHole(String transport) throws Exception {
        String u = uri(transport);
        String vol = "sparse-" + transport + ".img";
        ok(Tools.virsh(u, "vol-create-as", "default-pool", vol, "4M"));
        try {
            ok(Tools.virsh(u, "vol-upload", "--sparse", "--pool", "default-pool", vol, holey.toString()));
            List<Long> runs = sparseRuns(vol);
            // the file system's hole arrives as a hole (rounded to its blocks), the end of the volume too
            assertEquals(4, runs.size(), runs::toString);
            assertTrue(runs.get(0) >= HEAD && -runs.get(1) >= 2 * MIB && runs.get(2) >= SIZE - TAIL_AT,
                    runs::toString);

            Path back = fx.dir.resolve("sparse-back-" + transport + ".img");
            ok(Tools.virsh(u, "vol-download", "--sparse", "--pool", "default-pool", vol, back.toString()));
            byte[] got = Files.readAllBytes(back);
            assertEquals(4 * MIB, got.length);
            assertArrayEquals(content, Arrays.copyOf(got, SIZE));
            assertArrayEquals(new byte[4 * MIB - SIZE], Arrays.copyOfRange(got, SIZE, got.length));
        } finally {
            ok(Tools.virsh(u, "vol-delete", "--pool", "default-pool", vol));
        }
    }

    @Test
    void virshUploadPastTheCapacityFails() throws Exception {
        String u = fx.unixUri();
        ok(Tools.virsh(u, "vol-create-as", "default-pool", "small.img", "1M"));
        try {
            Tools.Result r = Tools.virsh(u, "vol-upload", "--pool", "default-pool", "small.img", holey.toString());
            assertEquals(1, r.code(), r::toString);
            assertTrue(r.err().contains("cannot write to stream: No space left on device"), r::toString);
        } finally {
            ok(Tools.virsh(u, "vol-delete", "--pool", "default-pool", "small.img"));
        }
    }

    private static final String PYTHON = """
            import sys, libvirt
            c = libvirt.open(sys.argv[1])
            pool = c.storagePoolLookupByName('default-pool')
            vol = pool.createXML("<volume><name>py.img</name><capacity>4194304</capacity></volume>")
            data = bytes(range(256)) * 4096 + bytes(1048576) + b'xyz' * 10000
            pos = [0]
            def source(st, n, opaque):
                chunk = data[pos[0]:pos[0] + n]
                pos[0] += len(chunk)
                return chunk
            st = c.newStream()
            vol.upload(st, 0, len(data))
            st.sendAll(source, None)
            st.finish()
            got = bytearray()
            st = c.newStream()
            vol.download(st, 0, 0)
            st.recvAll(lambda s, d, o: got.extend(d), None)
            st.finish()
            assert len(got) == 4194304, len(got)
            assert bytes(got[:len(data)]) == data
            assert bytes(got[len(data):]) == bytes(4194304 - len(data))
            got = bytearray()
            st = c.newStream()
            vol.download(st, 1048576, 1000)
            st.recvAll(lambda s, d, o: got.extend(d), None)
            st.finish()
            assert bytes(got) == data[1048576:1049576]
            vol.delete()
            print('OK')
            """;

    @Test
    void pythonSendAllAndRecvAll() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt for /usr/bin/python3");
        for (String uri : new String[] {fx.unixUri(), fx.tcpUri()}) {
            Tools.Result r = Tools.python(PYTHON, uri);
            assertEquals("OK", r.out().strip(), r::toString);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void virshScreenshotSavesTheDriversPng(String transport) throws IOException {
        Path file = fx.dir.resolve("shot-" + transport + ".png");
        Tools.Result r = ok(Tools.virsh(uri(transport), "screenshot", "test", file.toString()));
        assertTrue(r.out().contains("with type of image/png"), r::toString);
        // The test driver draws a 160x120 PNG of its own; what virsh saved must decode to exactly that.
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
        assertTrue(img != null && img.getWidth() == 160 && img.getHeight() == 120, "not the driver's PNG");
    }
}
