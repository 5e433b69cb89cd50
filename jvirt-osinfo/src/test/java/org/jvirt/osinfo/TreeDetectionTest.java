package org.jvirt.osinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.jvirt.osinfo.query.OsinfoDetect;

/**
 * Install trees recognised by their .treeinfo, as the real osinfo-detect --type tree recognises the same
 * directory (several OSes' patterns match some trees; libosinfo's order decides, and ours must agree).
 */
class TreeDetectionTest {
    private static OsinfoDb db;
    @TempDir
    static Path tmp;

    @BeforeAll
    static void load() {
        db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR));
    }

    /** family, version, arch, variant (null: absent), expected short-id or null. */
    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of("Fedora", "36", "x86_64", "Server", "fedora36"),
                Arguments.of("Fedora", "35", "x86_64", "Everything", "fedora35"),
                Arguments.of("CentOS Stream", "9", "x86_64", null, "centos-stream9"),
                Arguments.of("Red Hat Enterprise Linux", "9.0", "x86_64", "BaseOS", null),
                Arguments.of("openSUSE Leap", "15.4", "x86_64", null, "opensuse15.4"),
                Arguments.of("Fedora", "36", "s390x", "Server", null),
                Arguments.of("Nonesuch", "1", "x86_64", null, null));
    }

    @ParameterizedTest
    @MethodSource("trees")
    void detectsTreesAsOsinfoDetectDoes(String family, String version, String arch, String variant,
                                        String expected) throws Exception {
        Path tree = Files.createDirectories(tmp.resolve((family + version + arch + variant).replace(' ', '_')));
        StringBuilder ti = new StringBuilder("[general]\nfamily = " + family + "\nversion = " + version
                + "\narch = " + arch + "\n");
        if (variant != null) {
            ti.append("variant = ").append(variant).append('\n');
        }
        ti.append("[images-").append(arch).append("]\nkernel = images/pxeboot/vmlinuz\n")
                .append("initrd = images/pxeboot/initrd.img\n");
        Files.writeString(tree.resolve(".treeinfo"), ti);

        Optional<TreeMatch> match = db.identifyTree(TreeInfo.read(tree));
        if (expected != null) {
            assertEquals(expected, match.orElseThrow().os().shortId());
        }
        assertEquals(match.map(TreeMatch::os), db.detectTree(tree.resolve(".treeinfo")));

        Peers.assumeInstalled("/usr/bin/osinfo-detect");
        Peers.Result real = Peers.run(List.of("/usr/bin/osinfo-detect", "-t", "tree", tree.toUri().toString()),
                Map.of("OSINFO_LOCAL_DIR", tmp.resolve("none").toString(),
                        "OSINFO_USER_DIR", tmp.resolve("none").toString()));
        assertEquals(match.map(OsinfoDetect::lines).orElse(List.of()), real.out().lines().toList(),
                family + " " + version);
    }

    @Test
    void readsKernelAndInitrdPaths() throws Exception {
        TreeInfo ti = TreeInfo.parse("""
                # a comment
                [general]
                family = Fedora
                version=36
                arch = x86_64

                [images-x86_64]
                kernel = images/pxeboot/vmlinuz
                initrd = images/pxeboot/initrd.img
                boot.iso = images/boot.iso
                """);
        assertEquals("Fedora", ti.family().orElseThrow());
        assertEquals("36", ti.version().orElseThrow());
        assertEquals("images/pxeboot/vmlinuz", ti.kernel().orElseThrow());
        assertEquals("images/pxeboot/initrd.img", ti.initrd().orElseThrow());
        assertEquals("images/boot.iso", ti.bootIso().orElseThrow());
        assertTrue(ti.variant().isEmpty());
        assertEquals("i386", TreeInfo.parse("[general]\nfamily = X\n").archOrDefault());
    }

}
