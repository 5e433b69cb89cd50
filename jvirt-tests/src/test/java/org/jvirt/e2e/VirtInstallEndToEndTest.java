package org.jvirt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.driver.qemu.testing.HostInNamespace;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issue that opened this session, end to end: real virt-install creates guests on a jvirtd host with
 * {@code --disk size=N --network network=default}, as a new user would. The storage driver makes the disk in
 * the default pool, the network driver puts the guest on the default NAT network, the QEMU driver runs the
 * devices virt-install adds (agent channel, console, USB, RNG, balloon). The real test guest boots (direct
 * kernel boot; virt-install's own --boot kernel=) and asks our dnsmasq for a lease: the lease proves the whole
 * path from virt-install to a running, networked guest.
 */
class VirtInstallEndToEndTest {

    private static final Path VIRT_INSTALL = Path.of("/usr/bin/virt-install");
    private static final Path VIRSH = Path.of("/usr/bin/virsh");
    private static HostInNamespace host;
    private static TestGuest.Artifacts guest;

    @BeforeAll
    static void startHost() throws Exception {
        assumeTrue(Files.isExecutable(VIRT_INSTALL) && Files.isExecutable(VIRSH), "virtinst is not installed");
        guest = TestGuest.ensure();
        host = new HostInNamespace("jve2e");
    }

    @AfterAll
    static void stopHost() throws Exception {
        if (host != null) {
            host.close();
        }
    }

    private static HostInNamespace.Result virsh(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-c", host.uri()));
        cmd.addAll(List.of(args));
        return HostInNamespace.run(cmd, 120);
    }

    private static HostInNamespace.Result virtInstall(String name, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(VIRT_INSTALL.toString(), "--connect", host.uri(),
                "--name", name, "--memory", "256", "--vcpus", "1", "--osinfo", "linux2020", "--virt-type", "qemu",
                "--import", "--graphics", "none", "--noautoconsole",
                "--boot", "kernel=" + guest.kernel() + ",initrd=" + guest.initrd()
                        + ",kernel_args=console=ttyS0 no_timer_check tg.token=" + name + " tg.net=1"));
        cmd.addAll(List.of(extra));
        return HostInNamespace.run(cmd, 300);
    }

    @Test
    void virtInstallMakesTheDiskAndPutsTheGuestOnTheDefaultNetwork() throws Exception {
        HostInNamespace.Result r = virtInstall("e2e-nat", "--disk", "size=1", "--network", "network=default");
        assertEquals(0, r.code(), () -> r + "\n--- jvirtd\n" + host.log());
        try {
            assertEquals("running", virsh("domstate", "e2e-nat").out().strip());
            // the disk: a 1 GiB qcow2 volume in the default pool, which the storage driver made on first start
            HostInNamespace.Result vols = virsh("vol-list", "default", "--details");
            assertTrue(vols.out().contains("e2e-nat.qcow2"), vols::toString);
            String path = virsh("vol-path", "--pool", "default", "e2e-nat.qcow2").out().strip();
            HostInNamespace.Result info = HostInNamespace.run(List.of("qemu-img", "info", "-U", path), 30);
            assertTrue(info.out().contains("file format: qcow2") && info.out().contains("virtual size: 1 GiB"),
                    info::toString);
            // the network: the guest's MAC gets a lease from the default network's dnsmasq
            String mac = mac(virsh("domiflist", "e2e-nat").out());
            String leases = "";
            for (long end = System.nanoTime() + 120_000_000_000L; System.nanoTime() < end; Thread.sleep(500)) {
                leases = virsh("net-dhcp-leases", "default").out();
                if (leases.contains(mac)) {
                    break;
                }
            }
            assertTrue(leases.contains(mac) && leases.contains("192.168.122."), leases + "\n" + host.log());
        } finally {
            virsh("destroy", "e2e-nat");
            HostInNamespace.Result u = virsh("undefine", "e2e-nat", "--remove-all-storage");
            assertEquals(0, u.code(), u::toString);
        }
        assertTrue(!virsh("vol-list", "default").out().contains("e2e-nat.qcow2"), "the disk went with the guest");
    }

    /**
     * virt-install's desktop defaults on q35: UEFI (OVMF chosen from QEMU's firmware descriptors), an emulated TPM
     * (a swtpm per guest), SPICE with its channels, USB redirection and sound, the agent channel, a 1 GiB disk
     * and the default network. The guest boots through the kernel's EFI stub and gets its lease; the SPICE port
     * answers; destroy leaves no swtpm.
     */
    @Test
    void uefiTpmAndSpiceGuestBootsAndStopsClean() throws Exception {
        HostInNamespace.Result r = virtInstall("e2e-uefi", "--disk", "size=1", "--network", "network=default",
                "--boot", "uefi", "--tpm", "emulator", "--graphics", "spice,listen=127.0.0.1");
        assertEquals(0, r.code(), () -> r + "\n--- jvirtd\n" + host.log());
        try {
            String xml = virsh("dumpxml", "e2e-uefi").out();
            assertTrue(xml.contains("OVMF") && xml.contains("<tpm model=")
                    && xml.contains("<graphics type='spice'"), xml);
            String mac = mac(virsh("domiflist", "e2e-uefi").out());
            String leases = "";
            for (long end = System.nanoTime() + 180_000_000_000L; System.nanoTime() < end; Thread.sleep(500)) {
                leases = virsh("net-dhcp-leases", "default").out();
                if (leases.contains(mac)) {
                    break;
                }
            }
            assertTrue(leases.contains(mac), leases + "\n" + host.log());
            Matcher port = Pattern.compile("<graphics type='spice' port='(\\d+)'").matcher(xml);
            assertTrue(port.find(), xml);
            HostInNamespace.Result nc = host.inside(List.of("nc", "-z", "-w", "5", "127.0.0.1", port.group(1)), 30);
            assertEquals(0, nc.code(), nc::toString);
            assertEquals(0, HostInNamespace.run(List.of("pgrep", "-f", "swtpm.*" + host.dir), 10).code(),
                    "a swtpm serves the guest's TPM");
        } finally {
            virsh("destroy", "e2e-uefi");
            HostInNamespace.Result u = virsh("undefine", "e2e-uefi", "--remove-all-storage", "--nvram", "--tpm");
            assertEquals(0, u.code(), u::toString);
        }
        Thread.sleep(500);
        assertEquals(1, HostInNamespace.run(List.of("pgrep", "-f", "swtpm.*" + host.dir), 10).code(),
                "no swtpm outlives its guest");
    }

    private static String mac(String domiflist) {
        Matcher m = Pattern.compile("([0-9a-f]{2}(:[0-9a-f]{2}){5})").matcher(domiflist);
        assertTrue(m.find(), domiflist);
        return m.group(1);
    }
}
