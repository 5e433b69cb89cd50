package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jvirt.driver.qemu.testing.HostInNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden: {@code jvirt-install --print-xml} equals real {@code virt-install --print-xml} (Debian's virtinst 4.1)
 * on the same jvirtd host, for a set of OS ids and option sets (31), and so do their errors. The listed differences,
 * normalised away before comparing: the UUID and the NIC MACs (random in both), the volume name of a new disk
 * (both tools make the volume, as virt-install does for --print-xml without --dry-run, so the second one run gets
 * {@code NAME-1.qcow2}), osinfo's "Nearest: ..." hint that jvirt-install adds to an unknown OS name, and the
 * pool's free space in the disk-size error (it moves between the two runs).
 *
 * <p>Network install trees ({@code --location http://...}) are served by the test on loopback ({@link TreeServer})
 * in the layouts distributions use (Debian and Ubuntu netboot, mounted ISOs and daily images, Fedora, RHEL, CentOS
 * and openSUSE .treeinfo, Mageia, a .treeinfo of an unknown family), so the detected OS, the kernel and initrd
 * paths, the kernel's URL argument and the errors for a tree that is not there are compared too. Both tools put the
 * fetched kernel and initrd into /var/lib/libvirt/boot (the host's boot-scratch pool, defined here as a host where
 * an install ran before has it) under random names ({@code virtinst-XXXXXXXX-linux}), normalised.
 */
class PrintXmlGoldenTest {
    private static InstallHost host;
    private static Path iso;
    private static Path base;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/virt-install")), "virtinst is not installed");
        host = new InstallHost();
        Path media = Files.createDirectories(host.dir.resolve("media"));
        iso = media.resolve("blank.iso");
        Files.write(iso, new byte[1 << 20]);
        base = media.resolve("base.qcow2");
        HostInNamespace.Result r = InstallHost.run(List.of("qemu-img", "create", "-q", "-f", "qcow2", base.toString(),
                "1G"), 60);
        assertEquals(0, r.code(), r::toString);
        r = host.virsh("pool-create-as", "media", "dir", "--target", media.toString());
        assertEquals(0, r.code(), r::toString);
        // the scratch pool an earlier install made (virt-install only starts one; it builds no directory)
        for (String[] cmd : new String[][] {{"pool-define-as", "boot-scratch", "dir", "--target",
                "/var/lib/libvirt/boot"}, {"pool-build", "boot-scratch"}, {"pool-start", "boot-scratch"}}) {
            r = host.virsh(cmd);
            assertEquals(0, r.code(), r::toString);
        }
        pwFile = Files.writeString(media.resolve("pw"), "a-password\n");
        trees = new TreeServer(Files.createDirectories(host.dir.resolve("trees")));
        buildTrees();
    }

    private static TreeServer trees;
    private static Path pwFile;

    /** Install trees as mirrors lay them out; kernels and initrds are a few bytes (only their paths matter). */
    private static void buildTrees() throws Exception {
        String deb = "debian/dists/bullseye/main/installer-amd64/current/images/";
        trees.put(deb + "MANIFEST", "netboot/debian-installer/amd64/linux  Debian installer netboot kernel\n");
        trees.put(deb + "netboot/debian-installer/amd64/linux", "kernel");
        trees.put(deb + "netboot/debian-installer/amd64/initrd.gz", "initrd");
        String ubu = "ubuntu/dists/jammy/main/installer-amd64/current/legacy-images/";
        trees.put(ubu + "MANIFEST", "netboot/ubuntu-installer/amd64/linux  Ubuntu netboot kernel\n");
        trees.put(ubu + "netboot/ubuntu-installer/amd64/linux", "kernel");
        trees.put(ubu + "netboot/ubuntu-installer/amd64/initrd.gz", "initrd");
        trees.put("daily-images/amd64/daily/MANIFEST", "Debian daily images\n");
        trees.put("daily-images/amd64/daily/netboot/debian-installer/amd64/linux", "kernel");
        trees.put("daily-images/amd64/daily/netboot/debian-installer/amd64/initrd.gz", "initrd");
        trees.put("mounted-amd64/.disk/info", "Debian GNU/Linux 11.7.0 \"Bullseye\" - Official amd64 NETINST\n");
        trees.put("mounted-amd64/install/netboot/debian-installer/amd64/linux", "kernel");
        trees.put("mounted-amd64/install/netboot/debian-installer/amd64/initrd.gz", "initrd");
        treeinfo("fedora36", "Fedora", "36", "Fedora 36", "Server");
        treeinfo("fedora99", "Fedora", "99", "Fedora 99", "Everything");
        treeinfo("rhel95", "Red Hat Enterprise Linux", "9.5", "Red Hat Enterprise Linux 9.5", "BaseOS");
        treeinfo("centos79", "CentOS", "7.9", "CentOS 7", "");
        treeinfo("leap154", "openSUSE", "15.4", "openSUSE Leap 15.4", "");
        treeinfo("unknownfamily", "Plan Nine", "4", "Plan Nine 4", "");
        trees.put("nokernel/.treeinfo", "[general]\nfamily = Fedora\nversion = 36\narch = x86_64\n");
        trees.put("mageia/VERSION", "Mageia 8 (Official) for x86_64\n");
        trees.put("mageia/isolinux/x86_64/vmlinuz", "kernel");
        trees.put("mageia/isolinux/x86_64/all.rdz", "initrd");
        trees.put("plain/README", "not an install tree\n");
        trees.put("plain/boot/kernel", "kernel");
        trees.put("plain/boot/initrd", "initrd");
    }

    private static void treeinfo(String dir, String family, String version, String name, String variant)
            throws Exception {
        trees.put(dir + "/.treeinfo", "[general]\nfamily = " + family + "\nversion = " + version + "\nname = "
                + name + "\narch = x86_64\n" + (variant.isEmpty() ? "" : "variant = " + variant + "\n")
                + "\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n");
        trees.put(dir + "/images/pxeboot/vmlinuz", "kernel");
        trees.put(dir + "/images/pxeboot/initrd.img", "initrd");
    }

    @AfterAll
    static void stop() throws Exception {
        if (trees != null) {
            trees.close();
        }
        if (host != null) {
            host.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                c("debian11 default disk, network, SPICE", "--osinfo debian11 --import --disk size=2"),
                c("generic linux headless", "--osinfo linux2020 --import --disk none --network none "
                        + "--graphics none --memory 256 --vcpus 1"),
                c("fedora36 VNC", "--osinfo fedora36 --import --disk size=3 --graphics vnc"),
                c("ubuntu22.04 SATA disk, bridge e1000", "--osinfo ubuntu22.04 --import --disk size=3,bus=sata "
                        + "--network bridge=br0,model=e1000 --graphics none"),
                c("win10 CD-ROM install: two phases, e1000e, hyperv", "--osinfo win10 --cdrom ISO --disk size=20"),
                c("win11: UEFI and TPM", "--osinfo win11 --cdrom ISO --disk size=20"),
                c("--boot uefi, raw volume, CD-ROM disk", "--osinfo debian11 --import --disk path=ISO,device=cdrom "
                        + "--disk size=1,format=raw --boot uefi --graphics none"),
                c("rhel9.0 vCPUs from the 'all' block", "--osinfo rhel9.0 --import --disk size=2 --graphics none"),
                c("alpine SPICE", "--osinfo alpinelinux3.16 --import --disk size=2 --graphics spice"),
                c("direct kernel boot", "--osinfo centos7.0 --import --disk size=2 --network none --graphics none "
                        + "--boot kernel=/k,initrd=/i,kernel_args=console=ttyS0"),
                c("win7 USB2 and VGA", "--osinfo win7 --import --disk size=2 --graphics vnc"),
                c("rhel5.0 no q35: the first machine, IDE, e1000", "--osinfo rhel5.0 --import --disk size=2 "
                        + "--graphics none"),
                c("backing store, VNC listen", "--osinfo debian11 --import --disk size=1,backing_store=BASE "
                        + "--graphics vnc,listen=127.0.0.1 --network none"),
                c("existing qcow2, SPICE listen, user NIC", "--osinfo debian11 --import --disk path=BASE "
                        + "--graphics spice,listen=127.0.0.1 --network user"),
                c("pool=, serial, fixed MAC", "--osinfo debian11 --import --disk pool=default,size=1,format=raw,"
                        + "bus=sata --graphics none --serial pty --network network=default,mac=52:54:00:11:22:33"),
                c("virtio console", "--osinfo debian11 --import --disk none --graphics none "
                        + "--console pty,target.type=virtio --network none"),
                c("boot order and menu", "--osinfo debian11 --disk none --graphics none --boot hd,cdrom,menu=on "
                        + "--network none"),
                c("CD-ROM install, media removed after", "--osinfo debian11 --disk size=1 --cdrom ISO --graphics none "
                        + "--network none"),
                c("SCSI CD-ROM: virtio-scsi", "--osinfo debian11 --import --disk ISO,device=cdrom,bus=scsi "
                        + "--graphics none --network none"),
                c("pc machine, explicit sizes", "--osinfo debian11 --import --disk none --graphics none --network none "
                        + "--vcpus 3 --memory 700 --virt-type qemu --machine pc"),
                c("detect=on,require=off with nothing to detect: generic", "--osinfo detect=on,require=off "
                        + "--import --disk none --memory 512"),
                c("ubuntu20.04 SCSI disk, e1000 on the default network", "--osinfo ubuntu20.04 --import "
                        + "--disk size=1,bus=scsi --graphics vnc --network network=default,model=e1000"),
                c("opensuse15.4 CD-ROM install", "--osinfo opensuse15.4 --disk size=1 --cdrom ISO --graphics none"),
                c("win2k19 UEFI and SPICE", "--osinfo win2k19 --import --disk size=1 --graphics spice --boot uefi"),
                c("fedora37 serial console target", "--osinfo fedora37 --import --disk none --memory 1024 "
                        + "--vcpus 4 --graphics none --console pty,target_type=serial"),
                c("error: UEFI on a machine without it", "--osinfo rhel5.0 --import --disk none --graphics none "
                        + "--boot uefi --network none"),
                c("error: unknown OS", "--osinfo debian99 --import --disk none --memory 100"),
                c("error: no OS", "--import --disk none --memory 100"),
                c("error: missing ISO", "--osinfo debian11 --cdrom /nonexistent.iso --disk none"),
                c("error: a disk larger than the pool", "--osinfo debian11 --import --disk size=900000"),
                c("error: no memory default", "--osinfo freebsd13.0 --import --disk size=2 --graphics none"),
                c("--pxe: network first, then the disk", "--osinfo debian11 --pxe --disk size=1 --graphics none"),
                c("--pxe without a disk boots the network after", "--osinfo debian11 --pxe --disk none "
                        + "--graphics none --network network=default,model=e1000"),
                c("--pxe on user networking", "--osinfo linux2020 --pxe --disk none --memory 512 --network user "
                        + "--graphics none"),
                c("--pxe --print-xml 1", "--osinfo debian11 --pxe --disk none --graphics none --print-xml 1"),
                c("--pxe --print-xml 2", "--osinfo debian11 --pxe --disk none --graphics none --print-xml 2"),
                c("url: Debian netboot, codename in the URL", "--osinfo detect=on --location "
                        + "TREE/debian/dists/bullseye/main/installer-amd64/ --disk none --graphics none"),
                c("url: Debian netboot named", "--osinfo debian11 --location "
                        + "TREE/debian/dists/bullseye/main/installer-amd64 --disk size=1 --graphics none "
                        + "--extra-args console=ttyS0"),
                c("url: Ubuntu legacy netboot", "--osinfo detect=on --location "
                        + "TREE/ubuntu/dists/jammy/main/installer-amd64/ --disk none --graphics none"),
                c("url: Debian daily images", "--osinfo detect=on --location TREE/daily-images/amd64/ --disk none "
                        + "--graphics none"),
                c("url: a mounted Debian ISO", "--osinfo debian11 --location TREE/mounted-amd64/ --disk none "
                        + "--graphics none"),
                c("url: Fedora .treeinfo, inst.repo", "--osinfo detect=on --location TREE/fedora36 --disk none "
                        + "--graphics none"),
                c("url: Fedora release the database lacks", "--osinfo detect=on --location TREE/fedora99/ "
                        + "--disk none --graphics none"),
                c("url: RHEL update walked down", "--osinfo detect=on,require=off --location TREE/rhel95/ "
                        + "--disk none --graphics none"),
                c("url: CentOS", "--osinfo detect=on,require=off --location TREE/centos79/ --disk none "
                        + "--graphics none"),
                c("url: openSUSE install=", "--osinfo detect=on,require=off --location TREE/leap154/ --disk none "
                        + "--graphics none"),
                c("url: Mageia", "--osinfo detect=on,require=off --location TREE/mageia/ --disk none "
                        + "--graphics none"),
                c("url: unknown .treeinfo family: generic store", "--osinfo linux2020 --memory 512 "
                        + "--location TREE/unknownfamily/ --disk none --graphics none"),
                c("url: kernel= and initrd= named", "--osinfo linux2020 --memory 512 "
                        + "--location TREE/plain/,kernel=boot/kernel,initrd=boot/initrd --disk none "
                        + "--graphics none"),
                c("error: url not there", "--osinfo debian11 --location TREE/missing/ --disk none"),
                c("error: url is no tree", "--osinfo debian11 --location TREE/plain/ --disk none"),
                c("error: tree without its kernel", "--osinfo fedora36 --location TREE/nokernel/ --disk none"),
                c("error: nothing listens", "--osinfo debian11 --location http://127.0.0.1:9/tree/ --disk none"),
                c("error: Debian's preseed cannot be injected by CD-ROM", "--osinfo debian11 --cdrom ISO --disk none "
                        + "--unattended profile=jeos,admin-password-file=PWFILE,user-password-file=PWFILE"));
    }

    private static Arguments c(String what, String args) {
        return Arguments.of(what, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameXmlAsVirtInstall(String what, String args) throws Exception {
        String name = "g" + Integer.toHexString(what.hashCode() & 0xfffff);
        List<String> argv = new ArrayList<>(List.of("--name", name));
        for (String a : args.split(" ")) {
            argv.add(a.replace("PWFILE", pwFile.toString()).replace("ISO", iso.toString())
                    .replace("BASE", base.toString())
                    .replace("TREE/", trees.url("")));
        }
        if (!argv.contains("--print-xml")) {
            argv.add("--print-xml");
        }
        HostInNamespace.Result mine = host.jvirtInstall(argv);
        HostInNamespace.Result theirs = host.virtInstall(argv);
        deleteVolumes(name);
        assertEquals(theirs.code(), mine.code(), () -> "exit codes differ\n--- virt-install\n" + theirs
                + "\n--- jvirt-install\n" + mine);
        assertEquals(normalise(theirs.out()), normalise(mine.out()), what);
        if (theirs.code() != 0) {
            // the pool's free space moves between the two runs (other processes write to the same disk)
            assertEquals(errors(theirs.err()).replaceAll("> \\d+ M available", "> N M available"),
                    errors(mine.err()).replaceAll(" Nearest: [^\\n]*", "").replaceAll("> \\d+ M available",
                            "> N M available"), what);
        }
    }

    private static String normalise(String xml) {
        return xml.replaceAll("<uuid>[^<]*</uuid>", "<uuid/>")
                .replaceAll("/virtinst-[a-z0-9_]{8}-", "/virtinst-RANDOM-")
                .replaceAll("address=\"52:54:00(:[0-9a-f]{2}){3}\"", "address=\"MAC\"")
                .replaceAll("(/g[0-9a-f]+)-1\\.(qcow2|img)\"", "$1.$2\"");
    }

    /** The ERROR lines (virt-install also logs to its own file; warnings differ in timing, not in kind). */
    private static String errors(String stderr) {
        StringBuilder sb = new StringBuilder();
        boolean in = false;
        for (String line : stderr.split("\n")) {
            if (line.startsWith("ERROR")) {
                in = true;
                line = line.replaceFirst("^ERROR +", "");
            } else if (line.startsWith("WARNING")) {
                in = false;
                continue;
            }
            if (in) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString().strip();
    }

    private static void deleteVolumes(String name) throws Exception {
        for (String line : host.virsh("vol-list", "default").out().split("\n")) {
            String vol = line.strip().split("\\s+")[0];
            if (vol.startsWith(name + ".") || vol.startsWith(name + "-")) {
                host.virsh("vol-delete", "--pool", "default", vol);
            }
        }
    }
}
