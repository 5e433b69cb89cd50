package org.jvirt.driver.qemu;

import java.nio.file.Path;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.uri.ConnectURI;

/**
 * Where one driver instance keeps its files. {@code qemu:///system}: /var/lib/jvirt/qemu and /run/jvirt/qemu;
 * {@code qemu:///session}: $XDG_DATA_HOME/jvirt/qemu (~/.local/share/jvirt/qemu) and $XDG_RUNTIME_DIR/jvirt/qemu
 * (else /tmp/jvirt-qemu-USER). The URI parameters {@code state_dir} and {@code run_dir}, or the environment's
 * {@code JVIRT_QEMU_STATE_DIR} and {@code JVIRT_QEMU_RUN_DIR}, override both (tests use temporary directories).
 * The run directory stays short: unix socket paths end at 107 bytes.
 *
 * @param system   whether this is the privileged instance
 * @param stateDir persistent state: domain configs, managed saves, logs
 * @param runDir   runtime state: status files and per-domain sockets
 * @param cacheDir capability cache
 */
public record QemuDriverConfig(boolean system, Path stateDir, Path runDir, Path cacheDir) {

    public static final String ENV_STATE_DIR = "JVIRT_QEMU_STATE_DIR";
    public static final String ENV_RUN_DIR = "JVIRT_QEMU_RUN_DIR";

    public static QemuDriverConfig resolve(ConnectURI uri, Map<String, String> env) {
        boolean system = switch (uri.path()) {
            case "/system" -> true;
            case "/session" -> false;
            default -> throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "unexpected QEMU URI path '%s', try qemu:///system", uri.path());
        };
        String home = System.getProperty("user.home");
        Path state = uri.param("state_dir").map(Path::of).orElseGet(() -> {
            String e = env.get(ENV_STATE_DIR);
            if (e != null && !e.isBlank()) {
                return Path.of(e);
            }
            if (system) {
                return Path.of("/var/lib/jvirt/qemu");
            }
            String xdg = env.get("XDG_DATA_HOME");
            return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share"))
                    .resolve("jvirt").resolve("qemu");
        });
        Path run = uri.param("run_dir").map(Path::of).orElseGet(() -> {
            String e = env.get(ENV_RUN_DIR);
            if (e != null && !e.isBlank()) {
                return Path.of(e);
            }
            if (system) {
                return Path.of("/run/jvirt/qemu");
            }
            String xdg = env.get("XDG_RUNTIME_DIR");
            return xdg != null && !xdg.isBlank() ? Path.of(xdg, "jvirt", "qemu")
                    : Path.of("/tmp", "jvirt-qemu-" + System.getProperty("user.name"));
        });
        Path cache = system ? Path.of("/var/cache/jvirt/qemu/capabilities")
                : org.jvirt.driver.qemu.caps.QemuCapsCache.defaultDir();
        return new QemuDriverConfig(system, state.toAbsolutePath(), run.toAbsolutePath(), cache);
    }

    /**
     * Two opens with the same key share one driver state: the same guests, the same events. The key is the
     * directories alone: a run directory has one driver (it holds the lock), so qemu:///system and
     * qemu:///session pointed at the same directories are one driver, not two fighting over the lock.
     */
    public String key() {
        return stateDir + "|" + runDir;
    }
}
