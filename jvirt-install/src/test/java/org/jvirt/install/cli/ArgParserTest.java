package org.jvirt.install.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.VirtException;
import org.jvirt.install.InstallErrors;
import org.jvirt.install.InstallRequest;
import org.jvirt.install.InstallRequest.NetworkSpec;

/** virt-install's argument and sub-option syntax, and its errors for what it does not know. */
class ArgParserTest {
    private static CliOptions parse(String... args) {
        return ArgParser.parse(List.of(args));
    }

    @Test
    void optionsAndSubOptions() {
        CliOptions o = parse("--connect=qemu:///system", "-n", "vm1", "--memory", "2048", "--vcpus", "vcpus=3",
                "--osinfo", "detect=on,name=debian11", "--disk", "/var/lib/x.qcow2,bus=sata,size=2.5",
                "--disk", "none", "--network", "bridge=br0,model.type=e1000,mac=52:54:00:AA:bb:cc",
                "--boot", "uefi,kernel=/k,initrd=/i,kernel_args=\"console=ttyS0,115200 quiet\"", "--import",
                "--print-xml", "--noautoconsole", "--wait", "5", "--check", "all=off,disk_size=on");
        InstallRequest r = o.request();
        assertEquals("qemu:///system", o.connect());
        assertEquals("vm1", r.name());
        assertEquals(2048L, r.memoryMiB());
        assertEquals(3, r.vcpus());
        assertEquals(new InstallRequest.OsChoice("debian11", true, true), r.os());
        assertEquals("/var/lib/x.qcow2", r.disks().get(0).path());
        assertEquals(2.5, r.disks().get(0).sizeGiB());
        assertEquals("sata", r.disks().get(0).bus());
        assertTrue(r.disks().get(1).none());
        assertEquals(new NetworkSpec(NetworkSpec.Kind.BRIDGE, "br0", "e1000", "52:54:00:aa:bb:cc"),
                r.networks().get(0));
        assertTrue(r.boot().uefi());
        assertEquals("console=ttyS0,115200 quiet", r.boot().kernelArgs());
        assertTrue(r.method() instanceof InstallRequest.InstallMethod.Import);
        assertEquals("all", o.printXml());
        assertEquals(5, o.waitMinutes());
        assertEquals(new InstallRequest.Checks(false, true, false, false), r.checks());
    }

    @Test
    void optionalValues() {
        CliOptions o = parse("--name", "x", "--cloud-init", "--print-xml", "2", "--wait");
        assertTrue(o.request().cloudInit().rootPasswordGenerate() && o.request().cloudInit().disable(),
                "virt-install's --cloud-init default");
        assertEquals("2", o.printXml());
        assertEquals(-1, o.waitMinutes());
        CliOptions u = parse("--unattended", "--name", "y", "--location", "/isos/d.iso,kernel=k,initrd=i");
        assertNull(u.request().unattended().profile());
        assertEquals(new InstallRequest.InstallMethod.Location(Path.of("/isos/d.iso"), "k", "i"),
                u.request().method());
    }

    @Test
    void installMethodsAndTheOsList() {
        CliOptions pxe = parse("--name", "p", "--pxe", "--os-variant", "list");
        assertTrue(pxe.request().method() instanceof InstallRequest.InstallMethod.Pxe);
        assertTrue(pxe.osinfoList(), "--os-variant list lists");
        CliOptions re = parse("--reinstall=web1", "--pxe");
        assertEquals("web1", re.request().reinstall());
        CliOptions url = parse("-l", "https://mirror/debian/dists/bullseye/main/installer-amd64/");
        InstallRequest.InstallMethod.Location loc = (InstallRequest.InstallMethod.Location) url.request().method();
        assertTrue(loc.isUrl());
        assertEquals("https://mirror/debian/dists/bullseye/main/installer-amd64/", loc.source());
        assertEquals(false, parse("--osinfo", "name=debian11").osinfoList());
    }

    @Test
    void errorsAsVirtInstallWordsThem() {
        assertEquals("location kernel/initrd must be be specified as a pair",
                message("--location", "http://m/tree/,kernel=k"));
        assertEquals("Unknown --disk options: ['bogus']", message("--disk", "size=1,bogus=2"));
        assertEquals("argument --name: expected one argument", message("--name"));
        assertEquals("unrecognized arguments: --frobnicate", message("--frobnicate", "x"));
        assertEquals("MAC address must be of the format AA:BB:CC:DD:EE:FF, was 'zz'",
                message("--network", "network=default,mac=zz"));
    }

    private static String message(String... args) {
        VirtException e = assertThrows(VirtException.class, () -> parse(args));
        return InstallErrors.userMessage(e);
    }
}
