package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage driver through jvirtd's qemu:///system with the real clients: virsh pool-* and vol-*, python3-libvirt
 * sparse upload and download, the storage calls virt-install makes for --disk size=N and --disk path=..., and a
 * daemon restart that finds its pools running.
 */
class StorageClientsTest {

    private static final int MIB = 1024 * 1024;

    private static HostRootDaemon d;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        d = new HostRootDaemon();
    }

    @AfterAll
    static void stop() throws Exception {
        if (d != null) {
            d.close();
        }
    }

    private static Tools.Result virsh(String... args) throws Exception {
        Tools.Result r = Tools.virsh(d.uri(), args);
        assertEquals(0, r.code(), () -> String.join(" ", args) + "\n" + r + "\n" + d.log());
        return r;
    }

    @Test
    void virshPoolAndVolumeCommands() throws Exception {
        Path target = d.dir.resolve("pools/vp");
        assertTrue(virsh("pool-list", "--all").out().contains(" default "), "the default pool");
        virsh("pool-define-as", "vp", "dir", "--target", target.toString());
        virsh("pool-build", "vp");
        virsh("pool-start", "vp");
        virsh("pool-autostart", "vp");
        String info = virsh("pool-info", "vp").out();
        assertTrue(info.contains("State:          running"), info);
        assertTrue(info.contains("Autostart:      yes"), info);
        assertTrue(virsh("pool-dumpxml", "vp").out().contains("<path>" + target + "</path>"));
        virsh("vol-create-as", "vp", "a.qcow2", "20M", "--format", "qcow2");
        virsh("vol-create-as", "vp", "b.img", "4M", "--allocation", "0", "--format", "raw");
        String list = virsh("vol-list", "vp", "--details").out();
        assertTrue(list.contains("a.qcow2") && list.contains("b.img"), list);
        String vinfo = virsh("vol-info", "a.qcow2", "--pool", "vp").out();
        assertTrue(vinfo.contains("Capacity:       20.00 MiB"), vinfo);
        assertTrue(virsh("vol-dumpxml", "--pool", "vp", "a.qcow2").out().contains("<format type='qcow2'/>"));
        virsh("vol-clone", "--pool", "vp", "a.qcow2", "c.qcow2");
        virsh("vol-resize", "--pool", "vp", "c.qcow2", "30M");
        assertTrue(virsh("vol-info", "c.qcow2", "--pool", "vp").out().contains("30.00 MiB"));
        assertEquals(target.resolve("c.qcow2").toString(), virsh("vol-path", "--pool", "vp", "c.qcow2").out().strip());
        assertEquals("vp", virsh("vol-pool", target.resolve("c.qcow2").toString()).out().strip());

        byte[] head = new byte[100_000];
        new Random(5).nextBytes(head);
        Path src = d.dir.resolve("holey.bin");
        try (RandomAccessFile f = new RandomAccessFile(src.toFile(), "rw")) {
            f.write(head);
            f.setLength(3 * MIB);
        }
        virsh("vol-upload", "--pool", "vp", "b.img", src.toString(), "--sparse");
        Path got = d.dir.resolve("back.bin");
        virsh("vol-download", "--pool", "vp", "b.img", got.toString(), "--sparse");
        byte[] back = Files.readAllBytes(got);
        assertEquals(3 * MIB, back.length);
        assertArrayEquals(head, Arrays.copyOf(back, head.length));
        virsh("vol-wipe", "--pool", "vp", "b.img");
        virsh("vol-delete", "--pool", "vp", "c.qcow2");
        assertFalse(Files.exists(target.resolve("c.qcow2")));
        Tools.Result bad = Tools.virsh(d.uri(), "vol-create-as", "vp", "../x", "1M");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("volume name '../x' cannot contain '/'"), bad.err());
        assertTrue(virsh("pool-capabilities").out().contains("<pool type='dir' supported='yes'>"));
        virsh("pool-destroy", "vp");
        virsh("pool-undefine", "vp");
        assertFalse(virsh("pool-list", "--all").out().contains(" vp "));
    }

    @Test
    void pythonSparseUploadAndDownload() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt");
        Path out = d.dir.resolve("py-down.bin");
        Tools.Result r = Tools.python("""
                import libvirt, os, sys
                c = libvirt.open(sys.argv[1])
                p = c.storagePoolLookupByName('default')
                v = p.createXML("<volume><name>py.img</name><capacity>4194304</capacity><allocation>0</allocation></volume>", 0)
                chunks = [(b'A' * 65536, False), (3 * 1024 * 1024, True), (b'B' * 65536, False)]
                state = {'i': 0, 'off': 0}
                def hole(st, opaque):
                    i = state['i']
                    if i >= len(chunks):
                        return (True, 1)
                    data, is_hole = chunks[i]
                    return (not is_hole, data if is_hole else len(data))
                def skip(st, length, opaque):
                    state['i'] += 1
                    return 0
                def src(st, nbytes, opaque):
                    if state['i'] >= len(chunks):
                        return b''
                    data, is_hole = chunks[state['i']]
                    state['i'] += 1
                    return data
                s = c.newStream(0)
                v.upload(s, 0, 0, libvirt.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
                s.sparseSendAll(src, hole, skip, None)
                s.finish()
                holes = []
                fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                def recv(st, buf, fd):
                    return os.write(fd, buf)
                def rhole(st, length, fd):
                    holes.append(length)
                    os.lseek(fd, length, os.SEEK_CUR)
                    os.ftruncate(fd, os.lseek(fd, 0, os.SEEK_CUR))
                s2 = c.newStream(0)
                v.download(s2, 0, 0, libvirt.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
                s2.sparseRecvAll(recv, rhole, fd)
                s2.finish()
                os.close(fd)
                print(holes, v.info())
                """, d.uri(), out.toString());
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("[3145728]"), r.out());
        byte[] back = Files.readAllBytes(out);
        assertEquals(65536 + 3 * MIB + 65536, back.length);
        assertEquals('A', back[0]);
        assertEquals(0, back[65536 + 10]);
        assertEquals('B', back[back.length - 1]);
    }

    @Test
    void virtInstallMakesItsDisksThroughTheStorageApi() throws Exception {
        Path virtInstall = Path.of("/usr/bin/virt-install");
        assumeTrue(Files.isExecutable(virtInstall), "no virt-install");
        Tools.Result sized = Tools.run(List.of(virtInstall.toString(), "--connect", d.uri(), "--name", "vi1",
                "--memory", "128", "--disk", "size=1", "--import", "--osinfo", "linux2022", "--print-xml"), 120);
        assertEquals(0, sized.code(), sized::toString);
        Path images = d.root.resolve("system/lib/images");
        assertTrue(sized.out().contains("<source file=\"" + images.resolve("vi1.qcow2") + "\"/>"), sized.out());
        assertTrue(Files.exists(images.resolve("vi1.qcow2")));
        assertTrue(virsh("vol-list", "default").out().contains("vi1.qcow2"));

        Path elsewhere = Files.createDirectories(d.dir.resolve("elsewhere"));
        Tools.Result path = Tools.run(List.of(virtInstall.toString(), "--connect", d.uri(), "--name", "vi2",
                "--memory", "128", "--disk", "path=" + elsewhere.resolve("vi2.img") + ",size=1", "--import",
                "--osinfo", "linux2022", "--print-xml"), 120);
        assertEquals(0, path.code(), path::toString);
        assertTrue(path.out().contains("<source file=\"" + elsewhere.resolve("vi2.img") + "\"/>"), path.out());
        assertTrue(Files.exists(elsewhere.resolve("vi2.img")));
        assertTrue(virsh("pool-list").out().contains("elsewhere"), "virt-install made a pool for the directory");
    }

    @Test
    void aRestartedDaemonFindsItsPoolsRunning() throws Exception {
        Path target = d.dir.resolve("pools/keep");
        virsh("pool-define-as", "keep", "dir", "--target", target.toString());
        virsh("pool-start", "keep", "--build");
        virsh("vol-create-as", "keep", "k.img", "1M");
        d.stop();
        d.start();
        String list = virsh("pool-list", "--all").out();
        assertTrue(list.lines().anyMatch(l -> l.contains("keep") && l.contains("active")), list);
        assertTrue(virsh("vol-list", "keep").out().contains("k.img"));
        virsh("pool-destroy", "keep");
        virsh("pool-undefine", "keep");
    }
}
