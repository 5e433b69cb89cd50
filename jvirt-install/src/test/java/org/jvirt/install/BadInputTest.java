package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.driver.qemu.testing.HostInNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input to jvirt-install on a jvirtd host: each gets virt-install's error (exit 1, "ERROR    ...") and leaves
 * the host as it was: no domain defined, no volume allocated, no seed left in the pool. The last case fails only
 * when the guest starts (its kernel is missing), after the disk and the seed were made: both are removed again.
 */
class BadInputTest {
    private static InstallHost host;

    @BeforeAll
    static void start() throws Exception {
        host = new InstallHost();
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    private record HostState(String domains, String volumes, String scratch) {}

    /**
     * The guests, the default pool's volumes and the generated media in the boot-scratch pool (the pool itself
     * may appear: virt-install leaves the scratch pool it made too).
     */
    private static HostState state() throws Exception {
        HostInNamespace.Result scratch = host.virsh("vol-list", "boot-scratch");
        String media = scratch.code() != 0 ? "" : String.join("\n", scratch.out().lines()
                .filter(l -> l.contains("virtinst-")).toList());
        return new HostState(host.virsh("list", "--all", "--name").out(), host.virsh("vol-list", "default").out(),
                media);
    }

    private static String failsCleanly(String... args) throws Exception {
        HostState before = state();
        HostInNamespace.Result r = host.jvirtInstall(List.of(args));
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("ERROR    ")), r::toString);
        assertEquals(before, state(), () -> "the host changed after: " + r);
        return r.err();
    }

    @Test
    void missingIso() throws Exception {
        String err = failsCleanly("--name", "bad-iso", "--osinfo", "debian11", "--cdrom", "/nonexistent/d.iso",
                "--disk", "size=1", "--noautoconsole");
        assertTrue(err.contains("Validating install media '/nonexistent/d.iso' failed"), err);
    }

    @Test
    void unknownOsNamesTheNearestIds() throws Exception {
        String err = failsCleanly("--name", "bad-os", "--osinfo", "debian99", "--import", "--disk", "size=1",
                "--noautoconsole");
        assertTrue(err.contains("Unknown OS name 'debian99'. See `--osinfo list` for valid values.")
                && err.contains("debian9"), err);
    }

    @Test
    void diskLargerThanThePool() throws Exception {
        String err = failsCleanly("--name", "bad-size", "--osinfo", "debian11", "--import", "--disk",
                "size=900000", "--noautoconsole");
        assertTrue(err.contains("The requested volume capacity will exceed the available pool space")
                && err.contains("(Use --check disk_size=off or --check all=off to override)"), err);
    }

    @Test
    void diskInUseByAnotherGuest() throws Exception {
        Path disk = host.dir.resolve("shared.img");
        Files.write(disk, new byte[1 << 20]);
        Path xml = host.dir.resolve("holder.xml");
        Files.writeString(xml, "<domain type='qemu'><name>holder</name><memory>131072</memory>"
                + "<os><type arch='x86_64'>hvm</type></os><devices><disk type='file' device='disk'>"
                + "<source file='" + disk + "'/><target dev='vda' bus='virtio'/></disk></devices></domain>");
        assertEquals(0, host.virsh("define", xml.toString()).code());
        try {
            String err = failsCleanly("--name", "bad-inuse", "--osinfo", "debian11", "--import", "--disk",
                    "path=" + disk, "--noautoconsole");
            assertTrue(err.contains("Disk " + disk + " is already in use by other guests ['holder']. (Use --check "
                    + "path_in_use=off or --check all=off to override)"), err);
            HostInNamespace.Result ok = host.jvirtInstall(List.of("--name", "bad-inuse", "--osinfo", "debian11",
                    "--import", "--disk", "path=" + disk, "--check", "path_in_use=off", "--print-xml", "--dry-run"));
            assertEquals(0, ok.code(), ok::toString);
        } finally {
            host.virsh("undefine", "holder");
        }
    }

    @Test
    void macInUseByAnotherGuest() throws Exception {
        Path xml = host.dir.resolve("macholder.xml");
        Files.writeString(xml, "<domain type='qemu'><name>macholder</name><memory>131072</memory>"
                + "<os><type arch='x86_64'>hvm</type></os><devices><interface type='user'>"
                + "<mac address='52:54:00:ab:cd:ef'/></interface></devices></domain>");
        assertEquals(0, host.virsh("define", xml.toString()).code());
        try {
            String err = failsCleanly("--name", "bad-mac", "--osinfo", "debian11", "--import", "--disk", "size=1",
                    "--network", "user,mac=52:54:00:AB:CD:EF", "--noautoconsole");
            assertTrue(err.contains("The MAC address '52:54:00:ab:cd:ef' is in use by another virtual machine. (Use "
                    + "--check mac_in_use=off or --check all=off to override)"), err);
        } finally {
            host.virsh("undefine", "macholder");
        }
    }

    @Test
    void nameAlreadyInUse() throws Exception {
        Path xml = host.dir.resolve("taken.xml");
        Files.writeString(xml, "<domain type='qemu'><name>taken</name><memory>131072</memory>"
                + "<os><type arch='x86_64'>hvm</type></os></domain>");
        assertEquals(0, host.virsh("define", xml.toString()).code());
        try {
            String err = failsCleanly("--name", "taken", "--osinfo", "debian11", "--import", "--disk", "size=1",
                    "--noautoconsole");
            assertTrue(err.contains("Guest name 'taken' is already in use."), err);
        } finally {
            host.virsh("undefine", "taken");
        }
    }

    @Test
    void failureAtStartUndoesTheDiskAndTheSeed() throws Exception {
        Path userData = host.dir.resolve("ud");
        Files.writeString(userData, "#cloud-config\n");
        List<String> args = new ArrayList<>(List.of("--name", "bad-start", "--osinfo", "linux2020", "--memory",
                "128", "--import", "--disk", "size=1", "--network", "none", "--graphics", "none",
                "--boot", "kernel=/nonexistent/vmlinuz", "--cloud-init", "user-data=" + userData,
                "--noautoconsole"));
        String err = failsCleanly(args.toArray(String[]::new));
        assertTrue(err.contains("vmlinuz"), err);
    }
}
