package org.jvirt.driver.qemu.caps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Finds installed qemu-system-* binaries and maps QEMU's target names to libvirt's architecture names. */
public final class QemuBinaries {

    /** QEMU target -> libvirt arch. Targets not listed here (e.g. x86_64-microvm) are not offered. */
    private static final Map<String, String> ARCHES = Map.ofEntries(
            Map.entry("x86_64", "x86_64"), Map.entry("i386", "i686"), Map.entry("aarch64", "aarch64"),
            Map.entry("arm", "armv7l"), Map.entry("ppc64", "ppc64"), Map.entry("ppc", "ppc"),
            Map.entry("riscv64", "riscv64"), Map.entry("riscv32", "riscv32"), Map.entry("s390x", "s390x"),
            Map.entry("mips", "mips"), Map.entry("mipsel", "mipsel"), Map.entry("mips64", "mips64"),
            Map.entry("mips64el", "mips64el"), Map.entry("sparc", "sparc"), Map.entry("sparc64", "sparc64"),
            Map.entry("loongarch64", "loongarch64"));

    public static final List<Path> DEFAULT_DIRS = List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"),
            Path.of("/usr/libexec"));

    private QemuBinaries() {
    }

    /** libvirt's arch for a QEMU target, or null. */
    public static String archOfTarget(String target) {
        return ARCHES.get(target);
    }

    /** The target of a binary named qemu-system-TARGET, or null. */
    public static String targetOf(Path binary) {
        String n = binary.getFileName().toString();
        return n.startsWith("qemu-system-") ? n.substring("qemu-system-".length()) : null;
    }

    public static int wordsize(String arch) {
        return switch (arch) {
            case "x86_64", "aarch64", "ppc64", "riscv64", "s390x", "mips64", "mips64el", "sparc64",
                 "loongarch64" -> 64;
            default -> 32;
        };
    }

    /** Executable qemu-system-* binaries with a known target, first directory wins per arch. */
    public static Map<String, Path> find(List<Path> dirs) {
        Map<String, Path> byArch = new LinkedHashMap<>();
        for (Path dir : dirs) {
            List<Path> found = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith("qemu-system-")).sorted().forEach(found::add);
            } catch (IOException e) {
                continue; // a missing directory is normal
            }
            for (Path p : found) {
                String arch = archOfTarget(targetOf(p));
                if (arch != null && Files.isExecutable(p)) {
                    byArch.putIfAbsent(arch, p);
                }
            }
        }
        return byArch;
    }
}
