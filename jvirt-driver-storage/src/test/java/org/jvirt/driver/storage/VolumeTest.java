package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolType;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.vol.NativeFiles;
import org.jvirt.driver.storage.vol.QemuImg;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StorageVolCreateFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volumes of a dir pool made, cloned, resized, wiped and deleted with the real qemu-img, as libvirt does. */
class VolumeTest extends HostRootTest {

    private static final long MIB = 1024 * 1024;

    private StoragePool pool;
    private Path dir;

    @BeforeEach
    void open() {
        dir = host.dir("vols");
        pool = conn.storagePoolCreateXML("<pool type='dir'><name>vols</name><target><path>" + dir
                + "</path></target></pool>", StoragePoolCreateFlag.WITH_BUILD);
    }

    private static String vol(String name, String capacity, String target) {
        return "<volume><name>" + name + "</name>" + capacity + "<target>" + target + "</target></volume>";
    }

    @Test
    void qcow2WithEveryOptionIsWhatQemuImgMade() {
        StorageVol v = pool.storageVolCreateXML(vol("a.qcow2", "<capacity unit='M'>64</capacity>",
                "<format type='qcow2'/><compat>1.1</compat><clusterSize unit='K'>128</clusterSize>"
                        + "<features><lazy_refcounts/></features><permissions><mode>0640</mode></permissions>"));
        Path p = dir.resolve("a.qcow2");
        QemuImg.Info info = QemuImg.info(p, null);
        assertEquals("qcow2", info.format());
        assertEquals(64 * MIB, info.virtualSize());
        assertEquals(128 * 1024L, info.clusterSize());
        assertEquals("1.1", info.compat());
        assertTrue(info.lazyRefcounts());
        assertEquals(p.toString(), v.getKey());
        assertEquals(p.toString(), v.getPath());
        StorageVolInfo vi = v.getInfo();
        assertEquals(StorageVolType.FILE, vi.type());
        assertEquals(64 * MIB, vi.capacity());
        assertTrue(vi.allocation() > 0 && vi.allocation() < MIB, "allocation " + vi.allocation());
        String xml = v.getXMLDesc();
        assertTrue(xml.startsWith("<volume type='file'>\n  <name>a.qcow2</name>"), xml);
        assertTrue(xml.contains("<format type='qcow2'/>"), xml);
        assertTrue(xml.contains("<mode>0640</mode>"), xml);
        assertTrue(xml.contains("<compat>1.1</compat>"), xml);
        assertTrue(xml.contains("<features>\n      <lazy_refcounts/>\n    </features>"), xml);
        assertTrue(xml.contains("<timestamps>\n      <atime>"), xml);
        assertEquals("rw-r-----", PosixFilePermissions.toString(uncheckedPerms(p)));
        assertEquals(v, conn.storageVolLookupByPath(p.toString()));
        assertEquals(v, conn.storageVolLookupByKey(p.toString()));
        assertEquals("vols", v.getPool().getName());
    }

    @Test
    void qcow2DefaultsToCompat010AsLibvirtAsksQemuImg() {
        pool.storageVolCreateXML(vol("old.qcow2", "<capacity>1048576</capacity>", "<format type='qcow2'/>"));
        assertEquals("0.10", QemuImg.info(dir.resolve("old.qcow2"), null).compat());
        assertEquals(List.of("qemu-img", "create", "-f", "qcow2", "-o", "compat=0.10", "/p/old.qcow2", "1024K"),
                QemuImg.createArgv(org.jvirt.driver.storage.vol.VolDef.parse(vol("old.qcow2",
                        "<capacity>1048576</capacity>", "<format type='qcow2'/>"), "raw",
                        org.jvirt.driver.storage.vol.VolDef.Capacity.REQUIRED_UNLESS_BACKING), "/p/old.qcow2", null,
                        null, false, Path.of("/p")));
    }

    @Test
    void rawIsSparseOrAllocatedAsAsked() {
        StorageVol sparse = pool.storageVolCreateXML(vol("s.img", "<capacity unit='M'>32</capacity>"
                + "<allocation>0</allocation>", "<format type='raw'/>"));
        StorageVol full = pool.storageVolCreateXML(vol("f.img", "<capacity unit='M'>8</capacity>", ""));
        assertEquals(32 * MIB, sparse.getInfo().capacity());
        assertEquals(0, sparse.getInfo().allocation());
        // vol-info --physical: the file's size, not the blocks it holds
        assertEquals(32 * MIB, sparse.getInfo(org.jvirt.flags.StorageVolInfoFlag.GET_PHYSICAL).allocation());
        assertEquals(0, sparse.getInfo(new org.jvirt.flags.StorageVolInfoFlag[0]).allocation());
        assertEquals(8 * MIB, full.getInfo().capacity());
        assertTrue(full.getInfo().allocation() >= 8 * MIB, "allocated " + full.getInfo().allocation());
        assertEquals("raw", QemuImg.info(dir.resolve("s.img"), null).format());
        assertTrue(NativeFiles.available(), "stat and lseek through the JDK's foreign-function API");
    }

    @Test
    void backingStoreWithFormatAndChainInXml() {
        pool.storageVolCreateXML(vol("base.img", "<capacity unit='M'>16</capacity><allocation>0</allocation>",
                "<format type='raw'/>"));
        StorageVol ov = pool.storageVolCreateXML("<volume><name>ov.qcow2</name><capacity unit='M'>16</capacity>"
                + "<target><format type='qcow2'/></target><backingStore><path>" + dir.resolve("base.img")
                + "</path><format type='raw'/></backingStore></volume>");
        QemuImg.Info info = QemuImg.info(dir.resolve("ov.qcow2"), null);
        assertEquals(dir.resolve("base.img").toString(), info.backingFilename());
        assertEquals("raw", info.backingFormat());
        String xml = ov.getXMLDesc();
        assertTrue(xml.contains("<backingStore>\n    <path>" + dir.resolve("base.img") + "</path>\n"
                + "    <format type='raw'/>"), xml);
        VirtException missing = assertThrows(VirtException.class, () -> pool.storageVolCreateXML(
                "<volume><name>bad.qcow2</name><capacity>1048576</capacity><target><format type='qcow2'/>"
                        + "</target><backingStore><path>/nonexistent/x</path></backingStore></volume>"));
        assertTrue(missing.getMessage().contains("inaccessible backing store volume /nonexistent/x"),
                missing.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.qcow2")));
        VirtException raw = assertThrows(VirtException.class, () -> pool.storageVolCreateXML(
                "<volume><name>bad.img</name><capacity>1048576</capacity><target><format type='raw'/>"
                        + "</target><backingStore><path>" + dir.resolve("base.img") + "</path></backingStore></volume>"));
        assertEquals(ErrorNumber.NO_SUPPORT.code(), raw.error().code());
        assertFalse(Files.exists(dir.resolve("bad.img")));
    }

    @Test
    void cloneConvertsAcrossFormatsAndPools() throws Exception {
        StorageVol src = pool.storageVolCreateXML(vol("src.img", "<capacity unit='M'>4</capacity>"
                + "<allocation>0</allocation>", "<format type='raw'/>"));
        byte[] data = "hello storage".getBytes();
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve("src.img"),
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(data), MIB);
        }
        StoragePool other = conn.storagePoolCreateXML("<pool type='dir'><name>other</name><target><path>"
                + host.dir("other") + "</path></target></pool>", StoragePoolCreateFlag.WITH_BUILD);
        StorageVol q = other.storageVolCreateXMLFrom(vol("copy.qcow2", "<capacity>1</capacity>",
                "<format type='qcow2'/>"), src);
        assertEquals("qcow2", QemuImg.info(host.dir("other").resolve("copy.qcow2"), null).format());
        assertEquals(4 * MIB, q.getInfo().capacity());
        StorageVol back = pool.storageVolCreateXMLFrom(vol("back.img", "<capacity>1</capacity>"
                + "<allocation>0</allocation>", "<format type='raw'/>"), q);
        byte[] got = new byte[data.length];
        try (var f = new java.io.RandomAccessFile(dir.resolve("back.img").toFile(), "r")) {
            f.seek(MIB);
            f.readFully(got);
        }
        assertArrayEquals(data, got);
        StorageVol rawCopy = pool.storageVolCreateXMLFrom(vol("raw2.img", "<capacity>1</capacity>"
                + "<allocation>0</allocation>", "<format type='raw'/>"), src);
        assertTrue(rawCopy.getInfo().allocation() < MIB, "sparse copy: " + rawCopy.getInfo().allocation());
        VirtException dup = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXMLFrom(vol("raw2.img", "", "<format type='raw'/>"), src));
        assertEquals("internal error: storage volume name 'raw2.img' already in use.", dup.getMessage());
    }

    @Test
    void resizeGrowsShrinksAndAllocates() {
        StorageVol r = pool.storageVolCreateXML(vol("r.img", "<capacity unit='M'>4</capacity>"
                + "<allocation>0</allocation>", ""));
        r.resize(2 * MIB, StorageVolResizeFlag.DELTA);
        assertEquals(6 * MIB, r.getInfo().capacity());
        VirtException noShrink = assertThrows(VirtException.class, () -> r.resize(MIB));
        assertEquals("invalid argument: Can't shrink capacity below current capacity unless shrink flag explicitly "
                + "specified", noShrink.getMessage());
        r.resize(MIB, StorageVolResizeFlag.DELTA, StorageVolResizeFlag.SHRINK);
        assertEquals(5 * MIB, r.getInfo().capacity());
        r.resize(8 * MIB, StorageVolResizeFlag.ALLOCATE);
        assertTrue(r.getInfo().allocation() >= 3 * MIB, "allocated " + r.getInfo().allocation());
        StorageVol q = pool.storageVolCreateXML(vol("q.qcow2", "<capacity unit='M'>4</capacity>",
                "<format type='qcow2'/>"));
        q.resize(10 * MIB);
        assertEquals(10 * MIB, QemuImg.info(dir.resolve("q.qcow2"), null).virtualSize());
        q.resize(3 * MIB, StorageVolResizeFlag.SHRINK);
        assertEquals(3 * MIB, q.getInfo().capacity());
        VirtException alloc = assertThrows(VirtException.class, () -> q.resize(20 * MIB,
                StorageVolResizeFlag.ALLOCATE));
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED.code(), alloc.error().code());
    }

    @Test
    void wipeZeroesAndScrubs() throws Exception {
        StorageVol w = pool.storageVolCreateXML(vol("w.img", "<capacity unit='K'>64</capacity>", ""));
        Files.write(dir.resolve("w.img"), new byte[65536]);
        try (var f = new java.io.RandomAccessFile(dir.resolve("w.img").toFile(), "rw")) {
            f.write("secret".getBytes());
        }
        w.wipe(StorageVolWipeAlgorithm.ZERO);
        byte[] after = Files.readAllBytes(dir.resolve("w.img"));
        assertEquals(65536, after.length);
        for (byte b : after) {
            assertEquals(0, b);
        }
        VirtException trim = assertThrows(VirtException.class, () -> w.wipe(StorageVolWipeAlgorithm.TRIM));
        assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED.code(), trim.error().code());
        if (org.jvirt.driver.storage.exec.Programs.find("scrub").isPresent()) {
            w.wipe(StorageVolWipeAlgorithm.NNSA);
            assertEquals(65536, Files.size(dir.resolve("w.img")));
        }
    }

    @Test
    void badNamesAndFailuresLeaveNothingBehind() throws Exception {
        VirtException slash = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXML(vol("../escape", "<capacity>1</capacity>", "")));
        assertEquals("Requested operation is not valid: volume name '../escape' cannot contain '/'",
                slash.getMessage());
        VirtException dots = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXML(vol("..", "<capacity>1</capacity>", "")));
        assertEquals(ErrorNumber.OPERATION_INVALID.code(), dots.error().code());
        assertFalse(Files.exists(host.dir("escape")));
        VirtException qemuImg = assertThrows(VirtException.class, () -> pool.storageVolCreateXML(vol("bad.qcow2",
                "<capacity>1048576</capacity>", "<format type='qcow2'/><clusterSize>1000</clusterSize>")));
        assertTrue(qemuImg.getMessage().contains("qemu-img"), qemuImg.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.qcow2")));
        VirtException lazy = assertThrows(VirtException.class, () -> pool.storageVolCreateXML(vol("l.qcow2",
                "<capacity>1</capacity>", "<format type='qcow2'/><compat>0.10</compat><features><lazy_refcounts/>"
                        + "</features>")));
        assertEquals("unsupported configuration: lazy_refcounts not supported with compat level 0.10",
                lazy.getMessage());
        VirtException fmt = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXML(vol("x", "<capacity>1</capacity>", "<format type='nope'/>")));
        assertEquals("unsupported configuration: unknown volume format type nope", fmt.getMessage());
        VirtException cap = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXML("<volume><name>x</name></volume>"));
        assertEquals("XML error: missing capacity element", cap.getMessage());
        VirtException overflow = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXML(vol("big", "<capacity unit='E'>100</capacity>", "")));
        assertEquals(ErrorNumber.OVERFLOW.code(), overflow.error().code());
        pool.storageVolCreateXML(vol("once", "<capacity>1</capacity>", ""));
        VirtException twice = assertThrows(VirtException.class,
                () -> pool.storageVolCreateXML(vol("once", "<capacity>1</capacity>", "")));
        assertEquals("storage volume 'once' exists already", twice.getMessage());
        assertEquals(List.of("once"), pool.listVolumes());
    }

    @Test
    void deleteRemovesTheFileAndPoolSeesFilesMadeBehindItsBackAfterRefresh() throws Exception {
        StorageVol d = pool.storageVolCreateXML(vol("d.img", "<capacity>4096</capacity>", ""));
        d.delete();
        assertFalse(Files.exists(dir.resolve("d.img")));
        VirtException gone = assertThrows(VirtException.class, () -> pool.storageVolLookupByName("d.img"));
        assertEquals(ErrorNumber.NO_STORAGE_VOL.code(), gone.error().code());
        Files.writeString(dir.resolve("outside.img"), "x");
        assertEquals(List.of(), pool.listVolumes());
        byte[] iso = new byte[40960];
        System.arraycopy("CD001".getBytes(), 0, iso, 32769, 5);
        iso[0] = 0x33; // a hybrid image starts with boot code
        Files.write(dir.resolve("boot.iso"), iso);
        pool.refresh();
        assertEquals(List.of("boot.iso", "outside.img"), pool.listVolumes());
        assertTrue(pool.storageVolLookupByName("boot.iso").getXMLDesc().contains("<format type='iso'/>"));
        pool.storageVolLookupByName("boot.iso").delete();
        VirtException noKey = assertThrows(VirtException.class, () -> conn.storageVolLookupByKey("/no/such"));
        assertEquals("Storage volume not found: no storage vol with matching key /no/such", noKey.getMessage());
        assertNull(null);
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPerms(Path p) {
        try {
            return Files.getPosixFilePermissions(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
