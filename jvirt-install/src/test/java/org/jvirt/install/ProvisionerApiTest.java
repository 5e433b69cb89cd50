package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.install.InstallRequest.DiskSpec;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.os.OsinfoCatalog;

/**
 * The Java API as the web UI uses it, in process on the test driver: plan (the XML, no side effects), install
 * (the default pool made as virt-install makes it, the volume, the running and defined guest, progress reported),
 * and a taken name refused with libvirt's DOM_EXIST before anything is made.
 */
class ProvisionerApiTest {
    private static final OsinfoCatalog CATALOG = OsinfoCatalog.loadDefault();

    private static InstallRequest request(String name) {
        return InstallRequest.builder().name(name).os("debian11").method(new InstallMethod.Import())
                .disk(new DiskSpec(false, null, 1.0, null, null, null, null, null)).build();
    }

    /**
     * --osinfo detect=on with --location: the ISO's volume id names the OS (a Debian 11 netinst label), and the
     * install kernel and initrd come from osinfo's media paths; with require=on and nothing detected, virt-install's
     * error.
     */
    @Test
    void detectsTheOsFromTheLocationIso(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(
                java.nio.file.Path.of("/usr/bin/xorriso")), "no xorriso");
        java.nio.file.Path tree = java.nio.file.Files.createDirectories(dir.resolve("tree/install.amd"));
        java.nio.file.Files.writeString(tree.resolve("vmlinuz"), "k");
        java.nio.file.Files.writeString(tree.resolve("initrd.gz"), "i");
        java.nio.file.Path iso = dir.resolve("d.iso");
        java.nio.file.Path other = dir.resolve("o.iso");
        for (String[] v : new String[][] {{iso.toString(), "Debian 11.7.0 amd64 n"}, {other.toString(), "SOMETHING"}}) {
            Process x = new ProcessBuilder("xorriso", "-as", "mkisofs", "-o", v[0], "-V", v[1], "-rational-rock",
                    dir.resolve("tree").toString()).redirectErrorStream(true).start();
            x.getInputStream().readAllBytes();
            assertEquals(0, x.waitFor());
        }
        try (Connect conn = Connect.open("test:///default")) {
            Provisioner p = new Provisioner(conn, CATALOG);
            InstallRequest req = InstallRequest.builder().name("det").memoryMiB(512L)
                    .os(new InstallRequest.OsChoice(null, true, true))
                    .method(new InstallMethod.Location(iso, null, null)).disk(DiskSpec.noDisk()).build();
            Plan plan = p.plan(req, true);
            assertEquals("debian11", plan.spec().os().shortId());
            List<String> names = plan.media().stream().map(MediaStep::name).toList();
            assertTrue(names.size() == 2 && names.get(0).matches("virtinst-[a-z0-9_]{8}-vmlinuz")
                    && names.get(1).matches("virtinst-[a-z0-9_]{8}-initrd\\.gz"), names::toString);
            assertTrue(plan.media().stream().allMatch(m -> m.pool().equals("boot-scratch")
                    && m.path().startsWith("/var/lib/libvirt/boot/")), plan.media()::toString);
            InstallRequest none = InstallRequest.builder().name("det2").memoryMiB(512L)
                    .method(new InstallMethod.Location(other, "install.amd/vmlinuz", "install.amd/initrd.gz"))
                    .disk(DiskSpec.noDisk()).build();
            VirtException e = assertThrows(VirtException.class, () -> p.plan(none, true));
            assertTrue(InstallErrors.userMessage(e).contains("--os-variant/--osinfo OS name is required")
                    && InstallErrors.userMessage(e).contains("--osinfo detect=on,name=OSNAME"), e.getMessage());
        }
    }

    @Test
    void planInstallAndRefuseATakenName() {
        try (Connect conn = Connect.open("test:///default")) {
            Provisioner p = new Provisioner(conn, CATALOG);
            Plan plan = p.plan(request("api1"), true);
            assertTrue(plan.printedXml().contains("<name>api1</name>"), plan.printedXml());
            assertEquals(1, plan.volumes().size());
            assertEquals("api1.qcow2", plan.volumes().get(0).name());
            assertTrue(conn.listAllStoragePools().stream().noneMatch(x -> x.getName().equals("default")),
                    "planning makes nothing");

            List<String> steps = new ArrayList<>();
            Progress progress = new Progress() {
                @Override
                public void start(String label, long total) {
                    steps.add(label);
                }

                @Override
                public void update(long done) {
                }

                @Override
                public void end(long done) {
                }
            };
            Provisioner.Result r = p.install(request("api1"), Provisioner.Options.DEFAULT, progress);
            Domain d = r.domain();
            assertEquals(DomainState.RUNNING, d.getState().state());
            assertTrue(d.isPersistent());
            assertEquals(List.of("Allocating 'api1.qcow2'", "Creating domain..."), steps);
            assertTrue(conn.storagePoolLookupByName("default").listVolumes().contains("api1.qcow2"));

            VirtException e = assertThrows(VirtException.class,
                    () -> p.install(request("api1"), Provisioner.Options.DEFAULT, Progress.NONE));
            assertEquals(ErrorNumber.DOM_EXIST, e.error().number());
            assertEquals("Guest name 'api1' is already in use.", InstallErrors.userMessage(e));
            assertEquals(List.of("api1.qcow2"), conn.storagePoolLookupByName("default").listVolumes());
        }
    }
}
