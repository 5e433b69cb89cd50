package org.jvirt.driver.host.iface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The kernel's network links as the udev interface backend enumerates them: every entry of /sys/class/net but
 * bridge ports (brport) and tun/tap devices (tun_flags, the guests' NICs).
 */
final class NetLinks {

    /** A link: name, MAC address, whether its operstate is "up". */
    record Link(String name, String mac, String operstate) {
        boolean up() {
            return "up".equals(operstate);
        }
    }

    private final Path classNet;

    NetLinks(Path sysRoot) {
        this.classNet = sysRoot.resolve("class/net");
    }

    /** udevGetDevices(ALL): the links libvirt lists, by name. */
    List<Link> listed() {
        List<Link> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(classNet)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        for (String n : names) {
            Path dir = classNet.resolve(n);
            if (Files.exists(dir.resolve("brport")) || Files.exists(dir.resolve("tun_flags"))) {
                continue;
            }
            find(n).ifPresent(out::add);
        }
        return out;
    }

    /** Any link by name (udev_device_new_from_subsystem_sysname: bridge ports too); empty when none. */
    Optional<Link> find(String name) {
        if (!exists(name)) {
            return Optional.empty();
        }
        Path dir = classNet.resolve(name);
        return Optional.of(new Link(name, attr(dir, "address"), attr(dir, "operstate")));
    }

    /** Whether a link of that name exists; a name that is not a plain file name never does. */
    boolean exists(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            return false;
        }
        return Files.isDirectory(classNet.resolve(name));
    }

    Path dir(String name) {
        return classNet.resolve(name);
    }

    /** A sysfs attribute's first line, or null. */
    static String attr(Path dir, String name) {
        try {
            // no stat first: a missing attribute or a directory fails the read alike, one system call less
            String s = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return nl >= 0 ? s.substring(0, nl) : s;
        } catch (IOException e) {
            return null;
        }
    }
}
