package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.jvirt.driver.qemu.testing.HostInNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;

/**
 * jvirt-install end to end on a jvirtd host with the real test guest (TCG): --import with a new disk, --cloud-init
 * (the guest mounts the NoCloud seed and prints the marker from its user-data), --location with an ISO made here
 * holding the test kernel and initrd, and --unattended (the generated script injected into the install initrd, and
 * found by the guest at its root). Each guest's serial console goes to a file the test reads.
 */
class InstallEndToEndTest {
    private static InstallHost host;
    private static TestGuest.Artifacts guest;
    private static Path locationIso;

    @BeforeAll
    static void start() throws Exception {
        QemuTesting.assumeQemu();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/xorriso")), "no xorriso");
        guest = TestGuest.ensure();
        host = new InstallHost();
        // a Debian-shaped install ISO: the test kernel and initrd where debian-installer keeps them
        Path tree = Files.createDirectories(host.dir.resolve("isotree/install.amd"));
        Files.copy(guest.kernel(), tree.resolve("vmlinuz"));
        Files.copy(guest.initrd(), tree.resolve("initrd.gz"));
        locationIso = host.dir.resolve("debian-test.iso");
        HostInNamespace.Result r = InstallHost.run(List.of("xorriso", "-as", "mkisofs", "-o", locationIso.toString(),
                "-J", "-rational-rock", "-V", "Debian test", tree.getParent().toString()), 120);
        assertEquals(0, r.code(), r::toString);
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    /** What an install printed and where its guest's console goes. */
    private record Booted(HostInNamespace.Result result, Path serial) {}

    /** Runs jvirt-install for the test guest {@code name} (plus {@code extra}) and waits for its READY line. */
    private Booted install(String name, List<String> extra) throws InterruptedException {
        Path serial = host.dir.resolve(name + ".log");
        List<String> args = common(name, serial);
        args.addAll(extra);
        HostInNamespace.Result r = host.jvirtInstall(args);
        assertEquals(0, r.code(), () -> r + "\n" + host.log());
        waitFor(serial, "TESTGUEST-READY token=" + name);
        return new Booted(r, serial);
    }

    private List<String> common(String name, Path serial) {
        return new ArrayList<>(List.of("--name", name, "--memory", "256", "--vcpus", "1", "--network", "none",
                "--graphics", "none", "--serial", "file,path=" + serial, "--noautoconsole"));
    }

    private static String kernelArgs(String token, String extra) {
        return "console=ttyS0 no_timer_check tg.net=0 tg.token=" + token + extra;
    }

    @Test
    void importWithANewDiskBootsAndIsDefined() throws Exception {
        Booted b = install("e2e-imp", List.of("--osinfo", "linux2020", "--import", "--disk", "size=1", "--boot",
                "kernel=" + guest.kernel() + ",initrd=" + guest.initrd() + ",kernel_args=\""
                        + kernelArgs("e2e-imp", "") + "\""));
        Path serial = b.serial();
        HostInNamespace.Result r = b.result();
        try {
            assertTrue(read(serial).contains("TESTGUEST-DISKS vda"), () -> read(serial));
            assertEquals("running", host.virsh("domstate", "e2e-imp").out().strip());
            assertTrue(host.virsh("list", "--all", "--persistent").out().contains("e2e-imp"), "defined");
            assertTrue(host.virsh("vol-list", "default").out().contains("e2e-imp.qcow2"), "the disk volume");
            assertTrue(r.out().contains("Allocating 'e2e-imp.qcow2'") && r.out().contains("Domain creation completed"),
                    r::toString);
        } finally {
            remove("e2e-imp");
        }
        assertFalse(host.virsh("vol-list", "default").out().contains("e2e-imp.qcow2"));
    }

    @Test
    void cloudInitSeedIsMountedAndItsUserDataRead() throws Exception {
        Path serial = host.dir.resolve("ci.log");
        Path userData = host.dir.resolve("user-data.yaml");
        Files.writeString(userData, "#cloud-config\n# TESTGUEST-MARKER from-the-user-data-42\n");
        List<String> args = common("e2e-ci", serial);
        // the pc machine: the seed CD-ROM is on IDE, which the test kernel has (it has no AHCI for q35's SATA)
        args.addAll(List.of("--osinfo", "linux2020", "--machine", "pc", "--import", "--disk", "none", "--boot",
                "kernel=" + guest.kernel() + ",initrd=" + guest.initrd() + ",kernel_args=\""
                        + kernelArgs("e2e-ci", " tg.cdrom=1") + "\"", "--cloud-init", "user-data=" + userData));
        HostInNamespace.Result r = host.jvirtInstall(args);
        assertEquals(0, r.code(), () -> r + "\n" + host.log());
        try {
            waitFor(serial, "TESTGUEST-READY token=e2e-ci");
            String log = read(serial);
            assertTrue(log.contains("TESTGUEST-CDROM dev=/dev/sr0 files=meta-data user-data"), log);
            assertTrue(log.contains("TESTGUEST-MARKER from-the-user-data-42"), log);
            // first boot: NoCloud's SMBIOS serial; the defined guest keeps the drive, not the seed
            String live = host.virsh("dumpxml", "e2e-ci").out();
            assertTrue(live.contains("ds=nocloud"), live);
            String inactive = host.virsh("dumpxml", "--inactive", "e2e-ci").out();
            assertFalse(inactive.contains("cloudinit.iso") || inactive.contains("ds=nocloud"), inactive);
            assertFalse(scratchVolumes().contains("cloudinit.iso"), "seed volume removed");
        } finally {
            remove("e2e-ci");
        }
    }

    @Test
    void locationIsoKernelAndInitrdBoot() throws Exception {
        Booted b = install("e2e-loc", List.of("--osinfo", "debian11", "--machine", "pc", "--location",
                locationIso.toString(),
                "--disk", "none", "--extra-args", kernelArgs("e2e-loc", "")));
        Path serial = b.serial();
        try {
            String live = host.virsh("dumpxml", "e2e-loc").out();
            String state = host.virsh("domstate", "--reason", "e2e-loc").out();
            assertTrue(live.matches("(?s).*<kernel>/var/lib/libvirt/boot/virtinst-[a-z0-9_]{8}-vmlinuz</kernel>.*")
                    && live.contains("<on_reboot>destroy"), () -> state + live + read(serial));
            // the defined guest boots as virt-install leaves it: no install kernel; with no disk, from the drive
            String inactive = host.virsh("dumpxml", "--inactive", "e2e-loc").out();
            assertFalse(inactive.contains("<kernel>"), inactive);
            assertTrue(inactive.contains("<boot dev='cdrom'/>"), inactive);
            assertFalse(scratchVolumes().contains("virtinst-"),
                    "the install kernel and initrd are removed once the guest has them");
        } finally {
            remove("e2e-loc");
        }
    }

    @Test
    void unattendedScriptIsInjectedIntoTheInstallInitrd() throws Exception {
        Path pw = host.dir.resolve("pw.txt");
        Files.writeString(pw, "s3cret-pass\n");
        Booted b = install("e2e-un", List.of("--osinfo", "debian11", "--machine", "pc", "--location",
                locationIso.toString(),
                "--disk", "none", "--extra-args", kernelArgs("e2e-un", ""), "--unattended",
                "profile=jeos,user-login=tester,admin-password-file=" + pw + ",user-password-file=" + pw));
        Path serial = b.serial();
        try {
            String log = read(serial);
            assertTrue(log.matches("(?s).*TESTGUEST-INJECTED preseed\\.cfg lines=[1-9][0-9]*.*"), log);
            // the password reached the guest only inside the script, never on the kernel command line
            String live = host.virsh("dumpxml", "e2e-un").out();
            assertFalse(live.contains("s3cret-pass"), live);
        } finally {
            remove("e2e-un");
        }
    }

    /**
     * --unattended with --cdrom: the script goes onto an ISO of its own, attached as a second CD-ROM beside the
     * install media (virt-install's cdrom injection, the Windows way); the guest mounts both.
     */
    @Test
    void unattendedScriptOnItsOwnCdrom() throws Exception {
        Path pw = host.dir.resolve("pwc.txt");
        Files.writeString(pw, "another-pass\n");
        // Fedora's kickstart can be injected by CD-ROM (Debian's preseed cannot: virt-install refuses that)
        Booted b = install("e2e-unc", List.of("--osinfo", "fedora36", "--machine", "pc", "--cdrom",
                locationIso.toString(),
                "--disk", "none", "--boot", "kernel=" + guest.kernel() + ",initrd=" + guest.initrd()
                        + ",kernel_args=\"" + kernelArgs("e2e-unc", " tg.cdrom=1") + "\"",
                "--unattended", "profile=jeos,user-login=tester,admin-password-file=" + pw
                        + ",user-password-file=" + pw));
        Path serial = b.serial();
        try {
            String log = read(serial);
            assertTrue(log.contains("files=install.amd"), log);
            assertTrue(log.contains("files=fedora.ks"), log);
            assertFalse(scratchVolumes().contains("unattended.iso"), "media volume removed");
        } finally {
            remove("e2e-unc");
        }
    }

    /**
     * --wait: jvirt-install waits while the installer runs; when the guest shuts down (the installer's end), the
     * defined guest is started again, now without the install kernel.
     */
    @Test
    void waitRestartsTheDefinedGuestWhenTheInstallerShutsDown() throws Exception {
        Path serial = host.dir.resolve("wait.log");
        List<String> args = common("e2e-wait", serial);
        args.addAll(List.of("--osinfo", "debian11", "--machine", "pc", "--location", locationIso.toString(),
                "--disk", "none", "--extra-args", kernelArgs("e2e-wait", ""), "--wait", "5"));
        java.util.concurrent.CompletableFuture<HostInNamespace.Result> run =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> host.jvirtInstall(args));
        try {
            waitFor(serial, "TESTGUEST-READY token=e2e-wait");
            assertFalse(run.isDone(), "jvirt-install waits for the install");
            assertEquals(0, host.virsh("shutdown", "e2e-wait").code());
            HostInNamespace.Result r = run.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, r.code(), r::toString);
            assertTrue(r.out().contains("Domain has shutdown. Continuing.") && r.out().contains("Restarting guest."),
                    r::toString);
            assertEquals("running", host.virsh("domstate", "e2e-wait").out().strip());
            String live = host.virsh("dumpxml", "e2e-wait").out();
            assertFalse(live.contains("<kernel>") || live.contains("on_reboot>destroy"), live);
        } finally {
            remove("e2e-wait");
        }
    }

    /** The boot-scratch pool's volumes: where generated media go (virt-install's pool at /var/lib/libvirt/boot). */
    private static String scratchVolumes() throws Exception {
        HostInNamespace.Result r = host.virsh("vol-list", "boot-scratch");
        assertEquals(0, r.code(), () -> "the boot-scratch pool exists: " + r);
        return r.out();
    }

    /**
     * --location http://: the test kernel and initrd served over http in Debian's netboot layout; the tree is
     * recognised (its MANIFEST, the codename in the URL), kernel and initrd are fetched, uploaded into the
     * boot-scratch pool, booted, and removed again.
     */
    @Test
    void locationUrlNetbootTreeBoots() throws Exception {
        String deb = "debian/dists/bullseye/main/installer-amd64/current/images/";
        try (TreeServer trees = new TreeServer(Files.createDirectories(host.dir.resolve("trees")))) {
            trees.put(deb + "MANIFEST", "netboot/debian-installer/amd64/linux  Debian installer kernel\n");
            trees.put(deb + "netboot/debian-installer/amd64/linux", Files.readAllBytes(guest.kernel()));
            trees.put(deb + "netboot/debian-installer/amd64/initrd.gz", Files.readAllBytes(guest.initrd()));
            Booted b = install("e2e-url", List.of("--osinfo", "detect=on", "--machine", "pc", "--location",
                    trees.url("debian/dists/bullseye/main/installer-amd64/"), "--disk", "none", "--extra-args",
                    kernelArgs("e2e-url", "")));
            try {
                String live = host.virsh("dumpxml", "e2e-url").out();
                assertTrue(live.contains("http://debian.org/debian/11")
                        && live.matches("(?s).*<kernel>/var/lib/libvirt/boot/virtinst-[a-z0-9_]{8}-linux</kernel>.*"),
                        live);
                assertTrue(b.result().out().contains("Retrieving 'linux'")
                        && b.result().out().contains("Retrieving 'initrd.gz'"), b.result()::toString);
                assertFalse(scratchVolumes().contains("virtinst-"), "fetched media removed once booted");
            } finally {
                remove("e2e-url");
            }
        }
    }

    /**
     * --reinstall of a shut-off guest with --pxe: the guest starts with the network first and on_reboot=destroy,
     * and stays defined as it was (no storage made, its own XML).
     */
    @Test
    void reinstallPxeStartsTheExistingGuestFromTheNetwork() throws Exception {
        Path serial = host.dir.resolve("re.log");
        List<String> args = common("e2e-re", serial);
        args.addAll(List.of("--osinfo", "linux2020", "--machine", "pc", "--import", "--disk", "none"));
        HostInNamespace.Result made = host.jvirtInstall(args);
        assertEquals(0, made.code(), made::toString);
        try {
            assertEquals(0, host.virsh("destroy", "e2e-re").code());
            String before = host.virsh("dumpxml", "--inactive", "e2e-re").out();
            HostInNamespace.Result r = host.jvirtInstall(List.of("--reinstall", "e2e-re", "--pxe", "--osinfo",
                    "linux2020", "--noautoconsole"));
            assertEquals(0, r.code(), () -> r + "\n" + host.log());
            assertEquals("running", host.virsh("domstate", "e2e-re").out().strip());
            String live = host.virsh("dumpxml", "e2e-re").out();
            assertTrue(live.contains("<boot dev='network'/>") && live.contains("<on_reboot>destroy"), live);
            assertEquals(before, host.virsh("dumpxml", "--inactive", "e2e-re").out(), "the defined guest is kept");
            HostInNamespace.Result again = host.jvirtInstall(List.of("--reinstall", "e2e-re", "--pxe", "--osinfo",
                    "linux2020", "--noautoconsole"));
            assertEquals(1, again.code(), again::toString);
            assertTrue(again.err().contains("is already active"), again::toString);
        } finally {
            remove("e2e-re");
        }
    }

    private static void remove(String name) throws Exception {
        host.virsh("destroy", name);
        host.virsh("undefine", name, "--remove-all-storage");
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void waitFor(Path serial, String line) throws InterruptedException {
        Supplier<String> why = () -> "no '" + line + "' on the serial console:\n" + read(serial);
        for (long end = System.nanoTime() + 90_000_000_000L; System.nanoTime() < end; Thread.sleep(250)) {
            if (read(serial).contains(line)) {
                return;
            }
        }
        throw new AssertionError(why.get());
    }
}
