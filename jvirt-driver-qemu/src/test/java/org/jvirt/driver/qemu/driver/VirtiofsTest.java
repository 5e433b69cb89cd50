package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;

/**
 * A host directory shared over virtiofs: the driver starts the guest's virtiofsd (Debian's, found through
 * QEMU's vhost-user descriptors) before QEMU, with the guest's RAM in a shared memfd; the test guest loads the
 * kernel's fuse and virtiofs modules (added to its initramfs as a second cpio archive), mounts the share, reads
 * the host's file and writes one back; virtiofsd ends with the guest. A virtiofsd that cannot run stops the
 * start with libvirt's error and leaves nothing behind.
 */
class VirtiofsTest extends FreshDriverTest {

    private static final Path VIRTIOFSD = Path.of("/usr/lib/qemu/virtiofsd");

    private String shareXml(String name, Path initrd, Path share, String binary) throws Exception {
        return GuestConsole.ptyXml(fx, name, """
                <filesystem type='mount' accessmode='passthrough'>
                  <driver type='virtiofs'/>%s
                  <source dir='%s'/>
                  <target dir='hostshare'/>
                </filesystem>""".formatted(binary, share))
                .replace("<vcpu>", "<memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking><vcpu>")
                .replaceFirst("<initrd>[^<]*</initrd>", "<initrd>" + initrd + "</initrd>");
    }

    @Test
    @Timeout(180)
    void guestReadsAndWritesTheShare() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(VIRTIOFSD), "virtiofsd is not installed");
        Path share = Files.createDirectories(fx.dir.resolve("share"));
        Files.writeString(share.resolve("hello.txt"), "from-host-" + fx.token);
        Path initrd = initrdWithVirtiofs();
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(shareXml("vfs", initrd, share, ""), DomainCreateFlag.START_PAUSED);
            try (PausedGuest guest = new PausedGuest(c, d)) {
                GuestConsole con = guest.con;
                // (its namespace sandbox makes it two processes: a parent waiting for the sandboxed child)
                assertFalse(virtiofsds().isEmpty(), "a virtiofsd serves the share");
                DomainXml live = DomainXml.parse(d.getXMLDesc());
                org.w3c.dom.Element fs = Dom.child(live.devices().element(), "filesystem");
                assertEquals(VIRTIOFSD.toString(), Dom.attribute(Dom.child(fs, "binary"), "path"),
                        "the live XML names the virtiofsd chosen");
                guest.boot(fx, Duration.ofSeconds(90));
                Duration t = Duration.ofSeconds(30);
                con.run("insmod /extra/fuse.ko; insmod /extra/virtiofs.ko; mkdir -p /mnt/s", t);
                con.run("mount -t virtiofs hostshare /mnt/s", t);
                assertEquals("from-host-" + fx.token, con.run("cat /mnt/s/hello.txt", t));
                con.run("echo from-guest > /mnt/s/back.txt; sync", t);
                assertEquals("from-guest", Files.readString(share.resolve("back.txt")).strip());
            }
            DriverFixture.waitFor(Duration.ofSeconds(10), () -> virtiofsds().isEmpty(),
                    () -> "virtiofsd outlived its guest");
        }
    }

    @Test
    void virtiofsdThatCannotRunLeavesNothing() throws Exception {
        Path share = Files.createDirectories(fx.dir.resolve("share"));
        Path missing = fx.dir.resolve("no-such-virtiofsd");
        try (Connect c = fx.open()) {
            Domain d = c.domainDefineXML(shareXml("novfs", TestGuest.ensure().initrd(), share,
                    "\n<binary path='" + missing + "'/>"));
            VirtException e = assertThrows(VirtException.class, () -> d.create());
            assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
            assertEquals("internal error: virtiofsd binary '" + missing + "' is not executable", e.getMessage());
            assertFalse(d.isActive());
            fx.assertNoQemu();
            fx.assertRunDirClean();
        }
    }

    private List<Long> virtiofsds() {
        try {
            return QemuTesting.pgrep("virtiofsd.*" + fx.dir);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The test guest's initramfs with a second archive appended, holding the kernel's fuse and virtiofs modules
     * as /extra/*.ko (Linux unpacks concatenated archives in order).
     */
    private Path initrdWithVirtiofs() throws Exception {
        TestGuest.Artifacts g = TestGuest.ensure();
        Path deb;
        try (Stream<Path> s = Files.list(g.kernel().getParent().resolve("debs"))) {
            deb = s.filter(p -> p.getFileName().toString().startsWith("linux-image-")).findFirst().orElseThrow();
        }
        Path work = Files.createDirectories(fx.dir.resolve("extra-initrd"));
        Process dpkg = new ProcessBuilder("dpkg-deb", "--fsys-tarfile", deb.toString()).start();
        Process tar = new ProcessBuilder("tar", "-x", "-C", work.toString(), "--wildcards",
                "*/kernel/fs/fuse/fuse.ko", "*/kernel/fs/fuse/virtiofs.ko").redirectErrorStream(true).start();
        try (InputStream in = dpkg.getInputStream(); OutputStream out = tar.getOutputStream()) {
            in.transferTo(out);
        }
        assertEquals(0, dpkg.waitFor());
        assertEquals(0, tar.waitFor(), new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Path extra = Files.createDirectories(work.resolve("root").resolve("extra"));
        try (Stream<Path> s = Files.walk(work.resolve("lib"))) {
            for (Path ko : s.filter(p -> p.toString().endsWith(".ko")).toList()) {
                Files.copy(ko, extra.resolve(ko.getFileName()));
            }
        }
        Process cpio = new ProcessBuilder("cpio", "-o", "-H", "newc", "--quiet").directory(
                work.resolve("root").toFile()).start();
        try (OutputStream names = cpio.getOutputStream()) {
            names.write("extra\nextra/fuse.ko\nextra/virtiofs.ko\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] archive = cpio.getInputStream().readAllBytes();
        assertTrue(cpio.waitFor(30, TimeUnit.SECONDS) && cpio.exitValue() == 0, "cpio failed");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(Files.readAllBytes(g.initrd()));
        while (all.size() % 4 != 0) {
            all.write(0); // each archive starts 4-byte aligned; the kernel skips the zeros
        }
        try (GZIPOutputStream gz = new GZIPOutputStream(all)) {
            gz.write(archive);
        }
        Path initrd = fx.dir.resolve("initramfs-virtiofs.cpio.gz");
        Files.write(initrd, all.toByteArray());
        return initrd;
    }
}
