package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.install.InstallRequest.DiskSpec;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.os.OsinfoCatalog;

/**
 * An install from an http tree through the Java API, in process on the test driver (whose storage keeps volume
 * content): the kernel and initrd are fetched from the tree the test serves, uploaded into the boot-scratch pool
 * virt-install uses (made when missing, at /var/lib/libvirt/boot), booted, and deleted once the guest has started;
 * what the meter reports on the way; --unattended from a tree; a session connection's media in the user's
 * cache; and an ftp tree, which jvirt-install does not fetch, refused as not supported.
 */
class LocationUrlInstallTest {
    private static final OsinfoCatalog CATALOG = OsinfoCatalog.loadDefault();
    private static TreeServer trees;

    @BeforeAll
    static void serve(@TempDir Path dir) throws Exception {
        trees = new TreeServer(dir);
        trees.put("f36/.treeinfo", "[general]\nfamily = Fedora\nversion = 36\narch = x86_64\n\n[images-x86_64]\n"
                + "kernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n");
        trees.put("f36/images/pxeboot/vmlinuz", new byte[300_000]);
        trees.put("f36/images/pxeboot/initrd.img", new byte[100_000]);
    }

    @AfterAll
    static void stop() {
        if (trees != null) {
            trees.close();
        }
    }

    @Test
    void kernelAndInitrdAreFetchedUploadedIntoBootScratchAndRemoved() {
        try (Connect conn = Connect.open("test:///default")) {
            Provisioner p = new Provisioner(conn, CATALOG);
            InstallRequest req = InstallRequest.builder().name("url1").memoryMiB(512L)
                    .os(new InstallRequest.OsChoice(null, true, true))
                    .method(new InstallMethod.Location(trees.url("f36/"), null, null)).disk(DiskSpec.noDisk())
                    .build();
            List<String> labels = new ArrayList<>();
            Provisioner.Result r = p.install(req, Provisioner.Options.DEFAULT, new Progress() {
                @Override
                public void start(String label, long total) {
                    labels.add(label);
                }

                @Override
                public void update(long done) {
                }

                @Override
                public void end(long done) {
                }
            });
            assertEquals("fedora36", r.plan().spec().os().shortId());
            Domain d = r.domain();
            String live = d.getXMLDesc();
            assertTrue(live.matches("(?s).*<kernel>/var/lib/libvirt/boot/virtinst-[a-z0-9_]{8}-vmlinuz</kernel>.*")
                    && live.contains("<cmdline>inst.repo=" + trees.url("f36/") + "</cmdline>"), live);
            StoragePool scratch = conn.storagePoolLookupByName("boot-scratch");
            assertTrue(scratch.isActive() && scratch.getAutostart(), "the scratch pool is made, started, autostarted");
            assertTrue(conn.storagePoolLookupByName("boot-scratch").getXMLDesc()
                    .contains("<path>/var/lib/libvirt/boot</path>"));
            assertEquals(List.of(), scratch.listVolumes(), "the fetched media are deleted once the guest started");
            assertTrue(labels.get(0).equals("Retrieving 'vmlinuz'") && labels.contains("Retrieving 'initrd.img'")
                    && labels.stream().anyMatch(l -> l.matches("Transferring virtinst-[a-z0-9_]{8}-vmlinuz"))
                    && labels.get(labels.size() - 1).equals("Creating domain..."), labels::toString);
        }
    }

    /**
     * On a session connection the media go where virt-install keeps a user's: $XDG_CACHE_HOME (else ~/.cache)
     * /virt-manager/boot. Only planned here: nothing is made in the user's home.
     */
    @Test
    void sessionMediaGoToTheUsersCache(@TempDir Path root) {
        org.jvirt.driver.qemu.testing.QemuTesting.assumeQemu();
        String uri = "qemu:///session?state_dir=" + root.resolve("q/state") + "&run_dir=" + root.resolve("q/run")
                + "&host_root=" + root;
        try (Connect conn = Connect.open(uri)) {
            Plan plan = new Provisioner(conn, CATALOG).plan(InstallRequest.builder().name("s1").memoryMiB(512L)
                    .os("fedora36").method(new InstallMethod.Location(trees.url("f36/"), null, null))
                    .disk(DiskSpec.noDisk()).build(), true);
            String cache = System.getenv("XDG_CACHE_HOME");
            String home = System.getenv("HOME") != null ? System.getenv("HOME") : System.getProperty("user.home");
            String dir = (cache != null && !cache.isEmpty() ? cache : home + "/.cache") + "/virt-manager/boot/";
            assertTrue(plan.media().stream().allMatch(m -> m.path().startsWith(dir)
                    && m.pool().equals("boot-scratch")), plan.media()::toString);
            assertTrue(plan.printedXml().contains("<kernel>" + dir + "virtinst-"), plan.printedXml());
        } finally {
            stopNetworks(uri); // the fresh scope autostarted its default network (a bridge and a dnsmasq on the host)
        }
    }

    private static void stopNetworks(String uri) {
        try (Connect conn = Connect.open(uri)) {
            for (org.jvirt.Network n : conn.listAllNetworks()) {
                if (n.isActive()) {
                    n.destroy();
                }
            }
        }
    }

    /**
     * --unattended from a network tree: the script installs from the network (virt-install's installation source
     * "network", the tree's URL as installation-url; injected into the initrd), in the kickstart and on the kernel
     * command line.
     */
    @Test
    void unattendedFromATreeInstallsFromItsUrl(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "pw-1\n");
        try (Connect conn = Connect.open("test:///default")) {
            Plan plan = new Provisioner(conn, CATALOG).plan(InstallRequest.builder().name("un1").memoryMiB(2048L)
                    .os("fedora36").method(new InstallMethod.Location(trees.url("f36/"), null, null))
                    .disk(DiskSpec.noDisk()).unattended(new InstallRequest.UnattendedSpec("jeos", pw, "tester", pw,
                            null)).build(), true);
            String xml = plan.printedXml();
            assertTrue(xml.contains("<cmdline>inst.ks=file:/fedora.ks inst.repo=" + trees.url("f36/") + "</cmdline>"),
                    xml);
            MediaStep initrd = plan.media().get(1);
            Path out = dir.resolve("initrd");
            initrd.maker().make(out, Progress.NONE);
            // the fetched initrd (100 000 bytes), then the appended gzip'd cpio holding the script
            byte[] all = Files.readAllBytes(out);
            String cpio;
            try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(all, 100_000,
                    all.length - 100_000))) {
                cpio = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            assertTrue(cpio.contains("fedora.ks") && cpio.contains("url  --url=" + trees.url("f36/")), cpio);
        }
    }

    /**
     * A file the server lists (HEAD) but will not give (GET): python-requests' wording of the status, and nothing
     * is left behind (no guest, no volume in the scratch pool).
     */
    @Test
    void aFetchThatFailsLeavesNothing() throws Exception {
        trees.put("broken/.treeinfo", "[general]\nfamily = Fedora\nversion = 36\narch = x86_64\n\n"
                + "[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n");
        trees.put("broken/images/pxeboot/vmlinuz", "kernel");
        trees.put("broken/images/pxeboot/initrd.img", "initrd");
        trees.breakGet("broken/images/pxeboot/initrd.img");
        try (Connect conn = Connect.open("test:///default")) {
            Provisioner p = new Provisioner(conn, CATALOG);
            InstallRequest req = InstallRequest.builder().name("broken1").memoryMiB(512L).os("fedora36")
                    .method(new InstallMethod.Location(trees.url("broken"), null, null)).disk(DiskSpec.noDisk())
                    .build();
            VirtException e = assertThrows(VirtException.class,
                    () -> p.install(req, Provisioner.Options.DEFAULT, Progress.NONE));
            String url = trees.url("broken/images/pxeboot/initrd.img");
            assertEquals("Couldn't acquire file " + url + ": 404 Client Error: Not Found for url: " + url,
                    InstallErrors.userMessage(e));
            assertThrows(VirtException.class, () -> conn.domainLookupByName("broken1"));
            assertEquals(List.of(), conn.storagePoolLookupByName("boot-scratch").listVolumes());
        }
    }

    @Test
    void ftpTreesAreNotSupported() {
        try (Connect conn = Connect.open("test:///default")) {
            Provisioner p = new Provisioner(conn, CATALOG);
            InstallRequest req = InstallRequest.builder().name("ftp1").memoryMiB(512L).os("fedora36")
                    .method(new InstallMethod.Location("ftp://127.0.0.1/tree/", null, null)).disk(DiskSpec.noDisk())
                    .build();
            VirtException e = assertThrows(VirtException.class, () -> p.plan(req, true));
            assertEquals(ErrorNumber.NO_SUPPORT, e.error().number());
            assertTrue(e.getMessage().contains("ftp install trees are not supported"), e.getMessage());
            assertTrue(conn.listAllStoragePools().stream().noneMatch(x -> x.getName().equals("boot-scratch")));
        }
    }

    @Test
    void aLocalDirectoryTreeIsReadInPlace(@TempDir Path dir) throws Exception {
        Path tree = Files.createDirectories(dir.resolve("images/pxeboot"));
        Files.writeString(dir.resolve(".treeinfo"), "[general]\nfamily = Fedora\nversion = 36\narch = x86_64\n\n"
                + "[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n");
        Files.writeString(tree.resolve("vmlinuz"), "k");
        Files.writeString(tree.resolve("initrd.img"), "i");
        try (Connect conn = Connect.open("test:///default")) {
            Plan plan = new Provisioner(conn, CATALOG).plan(InstallRequest.builder().name("dir1").memoryMiB(512L)
                    .os(new InstallRequest.OsChoice(null, true, true))
                    .method(new InstallMethod.Location(dir, null, null)).disk(DiskSpec.noDisk()).build(), true);
            assertEquals("fedora36", plan.spec().os().shortId());
            // no kernel argument points the installer at a local tree: virt-install's warning says so
            assertTrue(plan.warnings().stream().anyMatch(w -> w.startsWith("Directory tree installs typically "
                    + "do not work")), plan.warnings()::toString);
        }
    }
}
