package org.jvirt.driver.host.nodedev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kernel device as libudev sees it without a udev daemon: its sysfs directory, subsystem, name, the
 * properties of its {@code uevent} file (DEVTYPE, DRIVER, DEVNAME, INTERFACE, PCI_CLASS ...) and, when a udev
 * database entry exists under /run/udev/data, udev's own properties (ID_*) and device links.
 *
 * @param syspath the device's real sysfs path, e.g. /sys/devices/pci0000:00/0000:00:03.0
 */
record SysfsDevice(Path syspath, String subsystem, String sysname, Map<String, String> props, List<String> devlinks) {

    static final Path UDEV_DATA = Path.of("/run/udev/data");

    /** The device at {@code syspath}, or empty when it has no subsystem (not a device) or is gone. */
    static Optional<SysfsDevice> read(Path syspath, Path udevData) {
        Path subsystemLink = syspath.resolve("subsystem");
        if (!Files.isSymbolicLink(subsystemLink)) {
            return Optional.empty();
        }
        try {
            String subsystem = Files.readSymbolicLink(subsystemLink).getFileName().toString();
            Map<String, String> props = new LinkedHashMap<>();
            for (String line : Files.readAllLines(syspath.resolve("uevent"), StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    props.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            props.put("SUBSYSTEM", subsystem);
            List<String> links = new ArrayList<>();
            readUdevDatabase(udevData, subsystem, syspath.getFileName().toString(), props, links);
            return Optional.of(new SysfsDevice(syspath, subsystem, syspath.getFileName().toString(), props,
                    List.copyOf(links)));
        } catch (IOException e) {
            return Optional.empty(); // removed while we looked: the remove uevent follows
        }
    }

    /** libudev's database id: b/c major:minor for device nodes, n ifindex for network links, +subsystem:name. */
    private static void readUdevDatabase(Path udevData, String subsystem, String sysname, Map<String, String> props,
                                         List<String> links) throws IOException {
        String id;
        if (props.containsKey("MAJOR") && props.containsKey("MINOR")) {
            id = (subsystem.equals("block") ? "b" : "c") + props.get("MAJOR") + ":" + props.get("MINOR");
        } else if (props.containsKey("IFINDEX")) {
            id = "n" + props.get("IFINDEX");
        } else {
            id = "+" + subsystem + ":" + sysname;
        }
        Path db = udevData.resolve(id);
        if (!Files.isRegularFile(db)) {
            return;
        }
        for (String line : Files.readAllLines(db, StandardCharsets.UTF_8)) {
            if (line.startsWith("E:")) {
                int eq = line.indexOf('=');
                if (eq > 2) {
                    props.putIfAbsent(line.substring(2, eq), line.substring(eq + 1));
                }
            } else if (line.startsWith("S:")) {
                links.add("/dev/" + line.substring(2));
            }
        }
    }

    String prop(String name) {
        return props.get(name);
    }

    String devtype() {
        return props.get("DEVTYPE");
    }

    /** The device node (/dev/DEVNAME), or null. */
    String devnode() {
        String n = props.get("DEVNAME");
        return n == null ? null : n.startsWith("/") ? n : "/dev/" + n;
    }

    /** A sysfs attribute's first line, trimmed of its newline; empty when absent or unreadable. */
    Optional<String> attr(String name) {
        Path p = syspath.resolve(name);
        try {
            if (!Files.isRegularFile(p)) {
                return Optional.empty();
            }
            String s = Files.readString(p, StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return Optional.of(nl >= 0 ? s.substring(0, nl) : s);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
