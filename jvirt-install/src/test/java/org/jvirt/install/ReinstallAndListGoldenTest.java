package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.driver.qemu.testing.HostInNamespace;
import org.jvirt.install.cli.CliRunner;

/**
 * Golden, against real virt-install 4.1 on {@code test:///default} (libvirt's test driver there, jvirt's in this
 * JVM, both starting from the same default state): {@code --reinstall} of the running "test" guest (its inactive
 * XML, with only the install options applied: PXE first, the OS's metadata; by name, id or UUID; an http tree's
 * install kernel; and its errors), and {@code --osinfo list} / {@code --os-variant list}, which need no connection.
 */
class ReinstallAndListGoldenTest {
    private static Path iso;
    private static TreeServer trees;

    @BeforeAll
    static void tools(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/virt-install")), "virtinst is not installed");
        iso = Files.createTempFile("reinstall", ".iso");
        Files.write(iso, new byte[1 << 16]);
        iso.toFile().deleteOnExit();
        trees = new TreeServer(dir);
        trees.put("f36/.treeinfo", "[general]\nfamily = Fedora\nversion = 36\narch = x86_64\n\n[images-x86_64]\n"
                + "kernel = images/pxeboot/vmlinuz\ninitrd = images/pxeboot/initrd.img\n");
        trees.put("f36/images/pxeboot/vmlinuz", "kernel");
        trees.put("f36/images/pxeboot/initrd.img", "initrd");
    }

    @AfterAll
    static void stop() {
        if (trees != null) {
            trees.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("--reinstall test --pxe --osinfo debian11 --print-xml"),
                Arguments.of("--reinstall 1 --pxe --osinfo fedora36 --print-xml 1"),
                Arguments.of("--reinstall test --pxe --osinfo fedora36 --print-xml 2"),
                Arguments.of("--reinstall 6695eb01-f6a4-8304-79aa-97f2502e193f --pxe --osinfo win10 --print-xml"),
                Arguments.of("--reinstall test --osinfo debian11 --print-xml"),
                Arguments.of("--reinstall test --osinfo detect=on --location TREE/f36/ --extra-args console=ttyS0 "
                        + "--print-xml"),
                Arguments.of("--reinstall test --pxe --print-xml"),
                Arguments.of("--reinstall nosuch --pxe --osinfo debian11 --print-xml"),
                Arguments.of("--reinstall test --pxe --osinfo debian99 --print-xml"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reinstallSameAsVirtInstall(String args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--connect", "test:///default"));
        argv.addAll(List.of(args.replace("ISO", iso.toString()).replace("TREE/", trees.url("")).split(" ")));
        HostInNamespace.Result theirs = virtInstall(argv);
        HostInNamespace.Result mine = jvirtInstall(argv);
        assertEquals(theirs.code(), mine.code(), () -> theirs + "\n---\n" + mine);
        assertEquals(media(theirs.out()), media(mine.out()), args);
        assertEquals(errors(theirs.err()), errors(mine.err()).replaceAll(" Nearest: [^\\n]*", ""), args);
    }

    @Test
    void osinfoListSameAsVirtInstall() throws Exception {
        for (String opt : List.of("--osinfo", "--os-variant")) {
            HostInNamespace.Result theirs = virtInstall(List.of(opt, "list"));
            HostInNamespace.Result mine = jvirtInstall(List.of(opt, "list"));
            assertEquals(0, theirs.code(), theirs::toString);
            assertEquals(0, mine.code(), mine::toString);
            assertEquals(theirs.out(), mine.out());
        }
    }

    private static HostInNamespace.Result virtInstall(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virt-install"));
        cmd.addAll(args);
        return HostInNamespace.run(cmd, 120);
    }

    private static HostInNamespace.Result jvirtInstall(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = CliRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new HostInNamespace.Result(rc, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Fetched media's paths: random names, and on the test driver (which takes no uploads) virt-install keeps them
     * in the user's cache directory, where jvirt-install uploads into the boot-scratch pool.
     */
    private static String media(String xml) {
        return xml.replaceAll(">[^<]*/virtinst-[a-z0-9_]{8}-", ">SCRATCH/virtinst-RANDOM-");
    }

    /** The ERROR text (warnings are logged in another order by virt-install). */
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
}
