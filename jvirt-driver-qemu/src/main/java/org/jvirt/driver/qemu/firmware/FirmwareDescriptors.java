package org.jvirt.driver.qemu.firmware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where firmware descriptors are found and in which order they are tried, as libvirt's qemuInteropFetchConfigs:
 * {@code /usr/share/qemu/firmware}, then {@code /etc/qemu/firmware}, then (unprivileged only)
 * {@code $XDG_CONFIG_HOME/qemu/firmware}. A file in a later directory replaces the one of the same name in an
 * earlier one, an empty file hides it, and the survivors are tried in the order of their names.
 *
 * @param dirs the directories, lowest priority first
 */
public record FirmwareDescriptors(List<Path> dirs) {

    public FirmwareDescriptors {
        dirs = List.copyOf(dirs);
    }

    /** The host's directories for a privileged (system) or unprivileged (session) driver. */
    public static FirmwareDescriptors forHost(boolean privileged, Map<String, String> env) {
        List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/share/qemu/firmware"), Path.of("/etc/qemu/firmware")));
        if (!privileged) {
            String xdg = env.get("XDG_CONFIG_HOME");
            dirs.add((xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"),
                    ".config")).resolve("qemu").resolve("firmware"));
        }
        return new FirmwareDescriptors(dirs);
    }

    /** The descriptors in the order libvirt tries them (read afresh: packages come and go). */
    public List<FirmwareDescriptor> load() {
        Map<String, Path> byName = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(".json")).forEach(p -> byName.put(
                        p.getFileName().toString(), p));
            } catch (IOException e) {
                // an unreadable directory contributes nothing, as with libvirt
            }
        }
        List<FirmwareDescriptor> out = new ArrayList<>();
        for (Path p : byName.values()) {
            try {
                if (Files.size(p) == 0) {
                    continue; // a mask
                }
            } catch (IOException e) {
                continue;
            }
            out.add(FirmwareDescriptor.read(p));
        }
        return out;
    }
}
