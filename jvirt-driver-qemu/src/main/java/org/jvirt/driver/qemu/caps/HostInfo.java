package org.jvirt.driver.qemu.caps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The host facts the capabilities document shows, read from /proc and /sys.
 *
 * @param uuid      the host's UUID (DMI product UUID, else derived from /etc/machine-id)
 * @param arch      libvirt's name for the host architecture
 * @param cpuModel  the CPU's model name as /proc/cpuinfo says it
 * @param vendor    the CPU vendor (Intel, AMD, ...) or null
 * @param cpus      logical CPU ids
 * @param memoryKiB total memory
 */
public record HostInfo(UUID uuid, String arch, String cpuModel, String vendor, List<Integer> cpus, long memoryKiB) {

    public static HostInfo read() {
        String cpuinfo = readOr(Path.of("/proc/cpuinfo"), "");
        String model = field(cpuinfo, "model name");
        String vendorId = field(cpuinfo, "vendor_id");
        String vendor = vendorId == null ? null : switch (vendorId) {
            case "GenuineIntel" -> "Intel";
            case "AuthenticAMD" -> "AMD";
            default -> vendorId;
        };
        List<Integer> cpus = new ArrayList<>();
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("processor")) {
                cpus.add(Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()));
            }
        }
        if (cpus.isEmpty()) {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                cpus.add(i);
            }
        }
        long mem = 0;
        String meminfo = readOr(Path.of("/proc/meminfo"), "");
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                mem = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        String osArch = System.getProperty("os.arch");
        String arch = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "x86", "i386" -> "i686";
            case "aarch64", "arm64" -> "aarch64";
            default -> osArch;
        };
        return new HostInfo(hostUuid(), arch, model, vendor, List.copyOf(cpus), mem);
    }

    private static UUID hostUuid() {
        String dmi = readOr(Path.of("/sys/class/dmi/id/product_uuid"), "").trim();
        try {
            if (!dmi.isEmpty()) {
                return UUID.fromString(dmi);
            }
        } catch (IllegalArgumentException ignored) {
            // fall through to machine-id
        }
        String mid = readOr(Path.of("/etc/machine-id"), "").trim();
        if (mid.length() == 32) {
            return UUID.fromString(mid.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        }
        return UUID.nameUUIDFromBytes(readOr(Path.of("/proc/sys/kernel/hostname"), "localhost")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return null;
    }

    private static String readOr(Path p, String fallback) {
        try {
            return Files.readString(p);
        } catch (IOException | SecurityException e) {
            return fallback;
        }
    }
}
