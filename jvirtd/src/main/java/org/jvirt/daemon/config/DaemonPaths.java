package org.jvirt.daemon.config;

import java.nio.file.Path;

/**
 * Where jvirtd looks and listens by default: /etc/jvirt and /run/jvirt for root, ~/.config/jvirt and
 * $XDG_RUNTIME_DIR/jvirt for other users. Deliberately not libvirt's paths, so a real libvirtd on the same host
 * keeps its sockets.
 */
public final class DaemonPaths {

    private DaemonPaths() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static Path defaultConfigFile() {
        if (isRoot()) {
            return Path.of("/etc/jvirt/jvirtd.conf");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("jvirt").resolve("jvirtd.conf");
    }

    public static Path defaultRuntimeDir() {
        if (isRoot()) {
            return Path.of("/run/jvirt");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvirt");
    }
}
