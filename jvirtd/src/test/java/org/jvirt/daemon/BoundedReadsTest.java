package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.VirtException;

/**
 * Files a client names are read with a bound: through the world-writable read-only socket, test:///dev/zero,
 * a FIFO, a sparse 2 GiB file and a save image of /dev/zero give an error and the daemon, its heap and its other
 * clients are fine. The heap figure is the in-process daemon's (this JVM), measured after a GC.
 */
class BoundedReadsTest {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String roUri(String path) {
        return "test+unix://" + path + "?socket=" + fx.daemon.readOnlySocketPath();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void devZeroFifoAndHugeFilesAreRefusedAndTheDaemonLives() throws Exception {
        Path fifo = fx.dir.resolve("node.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        Path sparse = fx.dir.resolve("huge.xml");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        long before = usedHeapAfterGc();
        for (String path : List.of("/dev/zero", fifo.toString(), sparse.toString(), "/dev/urandom")) {
            for (int i = 0; i < 3; i++) {
                VirtException e = assertThrows(VirtException.class, () -> Connect.open(roUri(path)).close(),
                        path);
                assertTrue(e.getMessage().contains(path), e.getMessage());
                assertTrue(e.getMessage().contains("not a regular file")
                        || e.getMessage().contains("larger than 10000000 bytes"), e.getMessage());
            }
        }
        long after = usedHeapAfterGc();
        System.out.printf("heap after GC: %d KiB before, %d KiB after the hostile opens%n", before >> 10,
                after >> 10);
        assertTrue(after - before < 64L << 20, "heap grew by " + ((after - before) >> 20) + " MiB");
        try (Connect c = Connect.open(fx.roUri())) {
            assertEquals("TEST", c.getType());
        }
    }

    @Test
    void saveImageHeaderIsBounded() throws Exception {
        try (Connect c = Connect.open(fx.unixUri())) {
            for (String path : List.of("/dev/zero", fx.dir.resolve("none.img").toString())) {
                VirtException e = assertThrows(VirtException.class, () -> c.domainSaveImageGetXMLDesc(path));
                assertTrue(e.getMessage().contains(path), e.getMessage());
            }
            Domain d = c.domainLookupByName("test");
            assertEquals("test", d.getName());
        }
    }
}
