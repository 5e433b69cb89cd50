package org.jvirt.spi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jvirt.uri.ConnectURI;

/**
 * Where the host-resource drivers (storage, network, node devices, interfaces, secrets, nwfilter) of one mode keep
 * their files. A local hypervisor connection of that mode carries the drivers of its scope, and
 * {@code storage:///system}, {@code network:///session}, ... open the same scope on its own: two opens of one
 * scope share one driver state, as libvirt's shared secondary drivers are one per daemon.
 *
 * <p>System: /etc/jvirt, /var/lib/jvirt, /run/jvirt. Session: $XDG_CONFIG_HOME/jvirt (~/.config/jvirt),
 * $XDG_DATA_HOME/jvirt (~/.local/share/jvirt), $XDG_RUNTIME_DIR/jvirt (else /tmp/jvirt-USER). The URI parameter
 * {@code host_root} or the environment's {@code JVIRT_HOST_ROOT} puts all three under one directory (etc, lib,
 * run below it): tests and embedding applications use it so that nothing touches the host's own configuration.
 *
 * @param system    whether this is the privileged scope
 * @param configDir persistent definitions (a driver appends its own name: configDir/storage, configDir/network)
 * @param stateDir  persistent state that is not configuration (images, leases)
 * @param runDir    runtime state: what is active now; gone at reboot
 */
public record HostScope(boolean system, Path configDir, Path stateDir, Path runDir) {

    public static final String ENV_HOST_ROOT = "JVIRT_HOST_ROOT";
    public static final String PARAM_HOST_ROOT = "host_root";

    /** The scope of a local URI whose path is /system or /session (anything else is session). */
    public static HostScope of(ConnectURI uri) {
        return of("/system".equals(uri.path()), uri.param(PARAM_HOST_ROOT).orElse(null), System.getenv());
    }

    public static HostScope of(boolean system, String hostRoot, Map<String, String> env) {
        String root = hostRoot != null && !hostRoot.isBlank() ? hostRoot : env.get(ENV_HOST_ROOT);
        if (root != null && !root.isBlank()) {
            Path r = Path.of(root).toAbsolutePath().resolve(system ? "system" : "session");
            return new HostScope(system, r.resolve("etc"), r.resolve("lib"), r.resolve("run"));
        }
        if (system) {
            return new HostScope(true, Path.of("/etc/jvirt"), Path.of("/var/lib/jvirt"), Path.of("/run/jvirt"));
        }
        String home = System.getProperty("user.home");
        return new HostScope(false,
                xdg(env, "XDG_CONFIG_HOME", Path.of(home, ".config")).resolve("jvirt"),
                xdg(env, "XDG_DATA_HOME", Path.of(home, ".local", "share")).resolve("jvirt"),
                xdg(env, "XDG_RUNTIME_DIR", null) != null ? Path.of(env.get("XDG_RUNTIME_DIR"), "jvirt")
                        : Path.of("/tmp", "jvirt-" + System.getProperty("user.name")));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v != null && !v.isBlank() ? Path.of(v) : fallback;
    }

    /** The URI of a host-resource driver of this scope, e.g. {@code storage:///system}, keeping a host root. */
    public String uri(String driver, ConnectURI from) {
        String base = driver + ":///" + (system ? "system" : "session");
        return from == null ? base
                : from.param(PARAM_HOST_ROOT)
                        .map(r -> base + "?" + PARAM_HOST_ROOT + "=" + URLEncoder.encode(r, StandardCharsets.UTF_8).replace("+", "%20"))
                        .orElse(base);
    }

    /**
     * The URI of host driver {@code driver} of this very scope, for a driver acting on its own (the storage driver
     * reading a LUKS secret): a scope laid out under a host root keeps it, as {@link #of(boolean, String, Map)}
     * lays one out (ROOT/system|session/etc, lib, run).
     */
    public String uri(String driver) {
        String mode = system ? "system" : "session";
        String base = driver + ":///" + mode;
        Path scopeDir = configDir.toAbsolutePath().getParent();
        if (scopeDir != null && scopeDir.getParent() != null && scopeDir.getFileName().toString().equals(mode)
                && configDir.toAbsolutePath().equals(scopeDir.resolve("etc"))
                && stateDir.toAbsolutePath().equals(scopeDir.resolve("lib"))
                && runDir.toAbsolutePath().equals(scopeDir.resolve("run"))) {
            return base + "?" + PARAM_HOST_ROOT + "="
                    + URLEncoder.encode(scopeDir.getParent().toString(), StandardCharsets.UTF_8).replace("+", "%20");
        }
        return base;
    }

    /** Two scopes with one key are one driver state. */
    public String key() {
        return configDir + "|" + stateDir + "|" + runDir;
    }
}
