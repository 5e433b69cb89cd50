package org.jvirt.driver.storage.vol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.VirtException;

/**
 * The qcow2 images jvirt writes itself are byte for byte what the installed {@code qemu-img create} writes from
 * libvirt's argument list for the same volume XML, and {@code qemu-img check} finds them clean; volumes outside
 * the plain case are left to qemu-img.
 */
class Qcow2ImageTest {

    @TempDir
    Path dir;

    static Stream<Arguments> volumes() {
        List<Arguments> out = new ArrayList<>();
        for (String compat : new String[] {null, "0.10", "1.1"}) {
            for (long cluster : new long[] {0, 512, 4096, 8192, 65536, 2097152}) {
                for (long capacity : new long[] {0, 1, 1024, 10L << 20, (1L << 30) + 7, 100L << 30, 4L << 40}) {
                    out.add(Arguments.of(compat, cluster, capacity));
                }
            }
        }
        return out.stream();
    }

    private static String xml(String name, String compat, long cluster, long capacity) {
        return "<volume><name>" + name + "</name><capacity unit='bytes'>" + capacity + "</capacity><target>"
                + "<format type='qcow2'/>" + (compat != null ? "<compat>" + compat + "</compat>" : "")
                + (cluster > 0 ? "<clusterSize unit='B'>" + cluster + "</clusterSize>" : "") + "</target></volume>";
    }

    @ParameterizedTest(name = "compat {0}, cluster {1}, capacity {2}")
    @MethodSource("volumes")
    void sameBytesAsQemuImg(String compat, long cluster, long capacity) throws Exception {
        VolDef vol = VolDef.parse(xml("v", compat, cluster, capacity), "raw", VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        int plain = Qcow2Image.plainClusterSize(vol, false);
        if (plain == 0) {
            // an L1 table beyond one cluster: qemu-img lays it out, so jvirt runs qemu-img
            long c = cluster > 0 ? cluster : 65536;
            assertTrue(((capacity + 1023) / 1024 * 1024 + c * c / 8 - 1) / (c * c / 8) * 8 > c,
                    "only a large L1 table leaves the plain case");
            return;
        }
        Path ref = dir.resolve("qemu-img.qcow2");
        QemuImg.run(QemuImg.createArgv(vol, ref.toString(), null, null, false, dir));
        Path ours = dir.resolve("jvirt.qcow2");
        FileVolumes.build(vol, ours, null, false, dir);
        assertEquals(Files.size(ref), Files.size(ours));
        assertArrayEquals(Files.readAllBytes(ref), Files.readAllBytes(ours));
        assertEquals(blocks(ref), blocks(ours), "the same allocation (libvirt reports it)");
        Process check = new ProcessBuilder("qemu-img", "check", ours.toString()).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), out);
        assertEquals(FileVolumes.perms(0600), Files.getPosixFilePermissions(ours)); // libvirt's default mode
    }

    private static String blocks(Path p) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b", p.toString()).start();
        String out = new String(stat.getInputStream().readAllBytes()).strip();
        assertEquals(0, stat.waitFor());
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notPlain")
    void leftToQemuImg(String target) {
        VolDef vol = VolDef.parse("<volume><name>v</name><capacity>1048576</capacity><target><format type='qcow2'/>"
                + target + "</target></volume>", "raw", VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        assertEquals(0, Qcow2Image.plainClusterSize(vol, false));
    }

    static Stream<String> notPlain() {
        return Stream.of("<compat>1.1</compat><features><lazy_refcounts/></features>", "<nocow/>",
                "<clusterSize unit='B'>1000</clusterSize>");
    }

    @Test
    void preallocationIsLeftToQemuImg() {
        VolDef vol = VolDef.parse(xml("v", null, 0, 1 << 20), "raw", VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        assertEquals(0, Qcow2Image.plainClusterSize(vol, true));
    }

    @Test
    void neverOverwrites() throws Exception {
        VolDef vol = VolDef.parse(xml("v", null, 0, 1 << 20), "raw", VolDef.Capacity.REQUIRED_UNLESS_BACKING);
        Path p = dir.resolve("taken.qcow2");
        Files.writeString(p, "keep me");
        assertThrows(VirtException.class, () -> FileVolumes.build(vol, p, null, false, dir));
        assertEquals("keep me", Files.readString(p));
    }
}
